using Zhangjiang.Platform.Authorization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Web.Features.Identity;
using Zhangjiang.Web.Features.Shared;

namespace Zhangjiang.Web.Features.Users;

/// <summary>Account administration: the security administrator's duty only (等保 三员分立).</summary>
public static class UsersApi
{
    public static void MapUsersApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var users = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Policies.SecurityAdmin);

        users.MapGet("/", async (string? search, UserAdministration admin, CancellationToken ct) => Results.Ok(await admin.ListAsync(search, ct)))
            .WithName("ListUsers").WithSummary("All accounts with roles, scope and state.");

        users.MapPost("/", async (UserInput input, HttpContext http, UserAdministration admin) =>
                (await admin.CreateAsync(HttpAuditActorAccessor.ActorOf(http), input))
                    .ToHttp(issued => Results.Created($"/api/v1/users/{issued.User.UserName}", issued)))
            .WithName("CreateUser").WithSummary("Create an account; the answer carries a temporary password, shown once.");

        users.MapPut("/{userName}/assignment", async (string userName, UserInput input, HttpContext http, UserAdministration admin) =>
                (await admin.AssignAsync(HttpAuditActorAccessor.ActorOf(http), userName, input)).ToHttp())
            .WithName("AssignUser").WithSummary("Replace an account's roles and scope; its sessions end.");

        Action("disable", "DisableUser", "Disable an account; its sessions end.", (a, actor, n) => a.DisableAsync(actor, n));
        Action("enable", "EnableUser", "Enable a disabled account.", (a, actor, n) => a.EnableAsync(actor, n));
        Action("approve", "ApproveUser", "Activate a self-registered account.", (a, actor, n) => a.ApproveAsync(actor, n));
        Action("unlock", "UnlockUser", "Lift a lockout.", (a, actor, n) => a.UnlockAsync(actor, n));

        users.MapPost("/{userName}/reset-password", async (string userName, HttpContext http, UserAdministration admin) =>
                (await admin.ResetPasswordAsync(HttpAuditActorAccessor.ActorOf(http), userName)).ToHttp())
            .WithName("ResetUserPassword").WithSummary("Issue a temporary password; the user must change it at the next sign-in.");

        void Action(string verb, string name, string summary, Func<UserAdministration, Platform.Features.Auditing.AuditActor, string, Task<UseCaseResult<UserView>>> run) =>
            users.MapPost("/{userName}/" + verb, async (string userName, HttpContext http, UserAdministration admin) =>
                    (await run(admin, HttpAuditActorAccessor.ActorOf(http), userName)).ToHttp())
                .WithName(name).WithSummary(summary);
    }
}
