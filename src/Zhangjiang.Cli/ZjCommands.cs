using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Data;
using Zhangjiang.Platform.Features.Auditing;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Cli;

internal static class ZjCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("张江高新区园区治理平台 operator console / Zhangjiang Park Governance Platform operator console");
        root.Subcommands.Add(Db());
        root.Subcommands.Add(Users());
        root.Subcommands.Add(Audit());
        root.Subcommands.Add(EvaluateCommand.Build());
        root.Subcommands.Add(Demo());
        root.Subcommands.Add(ImportCommand.Build());
        root.Subcommands.Add(ImportCommand.Rollup());
        return root;
    }

    private static Command Demo()
    {
        var demo = new Command("demo", "Clearly labelled demo data (示例数据), only when asked.");
        var firstYear = new Option<int>("--first-year") { Description = "The first of the three published years (default: three years before last year).", DefaultValueFactory = _ => DateTime.UtcNow.Year - 4 };
        var evaluation = new Command("evaluation", "Three published evaluation rounds of synthetic values for the 22 parks, and an open round for the next year. Refuses a database that has rounds.") { firstYear };
        evaluation.SetAction(async (parse, ct) => await RunAsync(async sp =>
        {
            try
            {
                var rounds = await sp.GetRequiredService<Zhangjiang.Platform.Features.Evaluation.EvaluationDemo>().GenerateAsync(
                    parse.GetValue(firstYear), new Progress<string>(line => AnsiConsole.MarkupLine($"  {Markup.Escape(line)}")), ct);
                AnsiConsole.MarkupLine($"[green]Demo evaluation ready:[/] {rounds.Count} rounds ({Markup.Escape(string.Join(", ", rounds.Select(r => $"{r.Year} {r.Status}")))}). Every value is labelled 示例数据 demo.");
                return 0;
            }
            catch (InvalidOperationException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
        }));
        demo.Subcommands.Add(evaluation);
        demo.Subcommands.Add(ImportCommand.DemoEnterprises());
        return demo;
    }

    private static Command Db()
    {
        var db = new Command("db", "Database: migrate, back up, restore (SQLite or PostgreSQL, as configured).");

        var migrate = new Command("migrate", "Apply pending migrations and add missing seed data (the 22 parks).");
        migrate.SetAction(async (_, ct) => await RunAsync(async sp =>
        {
            var applied = await sp.GetRequiredService<DatabaseMaintenance>().MigrateAsync(ct);
            AnsiConsole.MarkupLine(applied.Count == 0 ? "[green]Database is up to date.[/]" : $"[green]Applied {applied.Count} migration(s):[/] {Markup.Escape(string.Join(", ", applied))}");
            return 0;
        }));
        db.Subcommands.Add(migrate);

        var outOption = new Option<FileInfo>("--out") { Description = "Backup file to write.", Required = true };
        var backup = new Command("backup", "Back up the database (SQLite online backup; pg_dump custom format for PostgreSQL).") { outOption };
        backup.SetAction(async (parse, ct) => await RunAsync(async sp =>
        {
            var file = parse.GetValue(outOption)!;
            await AnsiConsole.Status().StartAsync("Backing up…", _ => sp.GetRequiredService<DatabaseMaintenance>().BackupAsync(file.FullName, ct));
            AnsiConsole.MarkupLine($"[green]Backup written:[/] {Markup.Escape(file.FullName)} ({new FileInfo(file.FullName).Length:N0} bytes)");
            return 0;
        }));
        db.Subcommands.Add(backup);

        var fromOption = new Option<FileInfo>("--from") { Description = "Backup file to restore from.", Required = true };
        var yesOption = new Option<bool>("--yes") { Description = "Do not ask for confirmation." };
        var restore = new Command("restore", "Replace the database's content with a backup. Stop the web host first.") { fromOption, yesOption };
        restore.SetAction(async (parse, ct) => await RunAsync(async sp =>
        {
            var file = parse.GetValue(fromOption)!;
            if (!parse.GetValue(yesOption) && !AnsiConsole.Confirm($"Replace the current database with {Markup.Escape(file.FullName)}?", false))
            {
                AnsiConsole.MarkupLine("[yellow]Nothing restored.[/]");
                return 1;
            }
            await AnsiConsole.Status().StartAsync("Restoring…", _ => sp.GetRequiredService<DatabaseMaintenance>().RestoreAsync(file.FullName, ct));
            AnsiConsole.MarkupLine("[green]Restored.[/] Run `zj audit verify` to check the audit chain.");
            return 0;
        }));
        db.Subcommands.Add(restore);
        return db;
    }

    private static Command Users()
    {
        var users = new Command("users", "Accounts: the security administrator's console.");
        var userName = new Option<string>("--user-name") { Description = "Sign-in name.", Required = true };
        var displayName = new Option<string?>("--display-name") { Description = "Name shown in the UI." };
        var email = new Option<string?>("--email") { Description = "E-mail address." };
        var role = new Option<string[]>("--role") { Description = "Role (repeatable): " + string.Join(", ", Roles.All), AllowMultipleArgumentsPerToken = true };
        var park = new Option<string?>("--park") { Description = "Park code, for ParkManager." };
        var district = new Option<string?>("--district") { Description = "District code (GB/T 2260), for DistrictOfficer." };
        var org = new Option<string?>("--org") { Description = "Organisation credit code, for Operator and Enterprise." };

        var adminRole = new Option<string>("--role") { Description = "SecurityAdmin (default), CityAdmin or AuditAdmin.", DefaultValueFactory = _ => Roles.SecurityAdmin };
        var createAdmin = new Command("create-admin", "Create the first administrator of a duty (only while no account holds that role). Prints a temporary password.")
            { userName, displayName, email, adminRole };
        createAdmin.SetAction(async (parse, ct) => await RunAsync(async sp =>
        {
            var wanted = parse.GetValue(adminRole)!;
            if (!Roles.SeparatedDuties.Contains(wanted, StringComparer.Ordinal))
            {
                AnsiConsole.MarkupLine($"[red]--role must be one of {string.Join(", ", Roles.SeparatedDuties)}.[/]");
                return 2;
            }
            var admin = sp.GetRequiredService<UserAdministration>();
            await sp.GetRequiredService<DatabaseMaintenance>().MigrateAsync(ct);
            await admin.EnsureRolesAsync();
            var manager = sp.GetRequiredService<ZjUserManager>();
            if ((await manager.GetUsersInRoleAsync(wanted)).Count > 0)
            {
                AnsiConsole.MarkupLine($"[red]An account with role {wanted} exists already.[/] Use `zj users create` or the web UI (用户管理).");
                return 3;
            }
            var result = await admin.CreateAsync(CliHost.Actor, Input(parse, userName, displayName, email, [wanted], null, null, null));
            return Report(result, issued => ShowPassword(issued));
        }));
        users.Subcommands.Add(createAdmin);

        var create = new Command("create", "Create an account with roles and scope. Prints a temporary password.") { userName, displayName, email, role, park, district, org };
        create.SetAction(async (parse, _) => await RunAsync(async sp =>
            Report(await sp.GetRequiredService<UserAdministration>().CreateAsync(CliHost.Actor,
                Input(parse, userName, displayName, email, parse.GetValue(role) ?? [], park, district, org)), ShowPassword)));
        users.Subcommands.Add(create);

        var assign = new Command("assign", "Set an account's roles and scope (replaces the current ones).") { userName, displayName, email, role, park, district, org };
        assign.SetAction(async (parse, _) => await RunAsync(async sp =>
            Report(await sp.GetRequiredService<UserAdministration>().AssignAsync(CliHost.Actor, parse.GetValue(userName)!,
                Input(parse, userName, displayName, email, parse.GetValue(role) ?? [], park, district, org)), ShowUser)));
        users.Subcommands.Add(assign);

        foreach (var (name, description, action) in new (string, string, Func<UserAdministration, string, Task<UseCaseResult<UserView>>>)[]
        {
            ("disable", "Disable an account and end its sessions.", (a, n) => a.DisableAsync(CliHost.Actor, n)),
            ("enable", "Enable a disabled account.", (a, n) => a.EnableAsync(CliHost.Actor, n)),
            ("approve", "Activate a self-registered account.", (a, n) => a.ApproveAsync(CliHost.Actor, n)),
            ("unlock", "Lift a lockout.", (a, n) => a.UnlockAsync(CliHost.Actor, n)),
        })
        {
            var command = new Command(name, description) { userName };
            command.SetAction(async (parse, _) => await RunAsync(async sp =>
                Report(await action(sp.GetRequiredService<UserAdministration>(), parse.GetValue(userName)!), ShowUser)));
            users.Subcommands.Add(command);
        }

        var reset = new Command("reset-password", "Issue a new temporary password; the user must change it at the next sign-in.") { userName };
        reset.SetAction(async (parse, _) => await RunAsync(async sp =>
            Report(await sp.GetRequiredService<UserAdministration>().ResetPasswordAsync(CliHost.Actor, parse.GetValue(userName)!), ShowPassword)));
        users.Subcommands.Add(reset);

        var list = new Command("list", "List accounts.");
        list.SetAction(async (_, ct) => await RunAsync(async sp =>
        {
            var table = new Table().AddColumns("User", "Name", "Roles", "Scope", "Active", "Locked", "2FA");
            foreach (var u in await sp.GetRequiredService<UserAdministration>().ListAsync(cancellationToken: ct))
            {
                table.AddRow(Markup.Escape(u.UserName), Markup.Escape(u.DisplayName), string.Join(", ", u.Roles),
                    Markup.Escape(u.ScopeParkCode ?? u.ScopeDistrictCode ?? u.ScopeOrganisationCreditCode ?? "—"),
                    u.IsActive ? "yes" : "no", u.IsLockedOut ? "yes" : "no", u.TwoFactorEnabled ? "yes" : "no");
            }
            AnsiConsole.Write(table);
            return 0;
        }));
        users.Subcommands.Add(list);
        return users;
    }

    private static Command Audit()
    {
        var audit = new Command("audit", "The audit trail.");
        var verify = new Command("verify", "Check the hash chain: detects edited, inserted and deleted rows. Exit code 1 when broken.");
        verify.SetAction(async (_, ct) => await RunAsync(async sp =>
        {
            await using var db = await sp.GetRequiredService<IDbContextFactory<ZjDbContext>>().CreateDbContextAsync(ct);
            var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(ct);
            var rows = db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable();
            var buffered = new List<AuditEntry>();
            await foreach (var row in rows.WithCancellation(ct))
            {
                buffered.Add(row);
            }
            var result = AuditChain.Verify(buffered, head);
            if (result.IsIntact)
            {
                AnsiConsole.MarkupLine($"[green]Audit chain intact:[/] {result.RowsChecked:N0} rows checked.");
                return 0;
            }
            AnsiConsole.MarkupLine($"[red]Audit chain BROKEN:[/] {result.Problems.Count} problem(s) in {result.RowsChecked:N0} rows.");
            foreach (var p in result.Problems.Take(50))
            {
                AnsiConsole.MarkupLine($"  row {p.Sequence}: {Markup.Escape(p.Description)}");
            }
            return 1;
        }));
        audit.Subcommands.Add(verify);
        return audit;
    }

    private static UserInput Input(ParseResult parse, Option<string> userName, Option<string?> displayName, Option<string?> email,
        IReadOnlyList<string> roles, Option<string?>? park, Option<string?>? district, Option<string?>? org) => new()
    {
        UserName = parse.GetValue(userName) ?? "",
        DisplayName = parse.GetValue(displayName) ?? "",
        Email = parse.GetValue(email),
        Roles = roles,
        ScopeParkCode = park is null ? null : parse.GetValue(park),
        ScopeDistrictCode = district is null ? null : parse.GetValue(district),
        ScopeOrganisationCreditCode = org is null ? null : parse.GetValue(org),
    };

    private static void ShowPassword(IssuedPassword issued)
    {
        ShowUser(issued.User);
        AnsiConsole.MarkupLine($"Temporary password (shown once; must be changed at first sign-in): [bold yellow]{Markup.Escape(issued.TemporaryPassword)}[/]");
    }

    private static void ShowUser(UserView u) =>
        AnsiConsole.MarkupLine($"[green]OK[/] {Markup.Escape(u.UserName)} ({Markup.Escape(u.DisplayName)}) roles: {Markup.Escape(string.Join(", ", u.Roles))}; active: {u.IsActive}");

    private static int Report<T>(UseCaseResult<T> result, Action<T> show)
    {
        switch (result.Status)
        {
            case UseCaseStatus.Ok:
                show(result.Value!);
                return 0;
            case UseCaseStatus.NotFound:
                AnsiConsole.MarkupLine("[red]Not found.[/]");
                return 4;
            case UseCaseStatus.Forbidden:
                AnsiConsole.MarkupLine("[red]Not allowed.[/]");
                return 5;
            default:
                foreach (var e in result.Errors)
                {
                    AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Field)}:[/] {Markup.Escape(e.Message.ToString())}");
                }
                return 2;
        }
    }

    internal static async Task<int> RunAsync(Func<IServiceProvider, Task<int>> work)
    {
        try
        {
            using var scope = CliHost.Build().CreateScope();
            return await work(scope.ServiceProvider);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or DbUpdateException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }
    }
}
