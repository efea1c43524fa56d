using Microsoft.EntityFrameworkCore;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Evaluation;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Evaluation;

public sealed class EvaluationRoundsTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal CityAdmin = TestPrincipals.User(Roles.CityAdmin, name: "admin");
    private static readonly System.Security.Claims.ClaimsPrincipal CityStaff = TestPrincipals.User(Roles.CityStaff, name: "staff");
    private static readonly System.Security.Claims.ClaimsPrincipal Jiading = TestPrincipals.User(Roles.ParkManager, "jiading", "jiading-manager");
    private static readonly System.Security.Claims.ClaimsPrincipal Yangpu = TestPrincipals.User(Roles.ParkManager, "yangpu", "yangpu-manager");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_submission_goes_draft_submitted_returned_resubmitted_accepted_with_every_step_checked_and_audited(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var rounds = new EvaluationRounds(database.Factory(), TestPrincipals.Authorization());
        var round = await OpenAsync(database, rounds, 2025, ct);
        Assert.Equal(22, round.Submissions.Count);
        Assert.All(round.Submissions, s => Assert.Equal(SubmissionStatus.Draft, s.Status));

        // Another park's manager sees nothing of jiading's submission and cannot write to it.
        Assert.Equal(UseCaseStatus.Forbidden, (await rounds.GetSubmissionAsync(Yangpu, round.Id, "jiading", ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await rounds.GetAsync(Jiading, round.Id, ct)).Status);
        var form = (await rounds.GetSubmissionAsync(Jiading, round.Id, "jiading", ct)).Value!;
        Assert.True(form.CanEdit);
        Assert.Equal(41, form.Values.Count);
        Assert.Equal(UseCaseStatus.Forbidden, (await rounds.SaveAsync(Yangpu, TestPrincipals.Actor("yangpu-manager"), round.Id, "jiading", Values(form, 1), ct)).Status);

        // Unknown codes and non-numbers are refused naming the code; nothing is saved.
        var bad = await rounds.SaveAsync(Jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading",
            new SubmissionInput { Values = [new("NOPE", 1, null), new("D1_1", double.NaN, null)], Version = form.Version }, ct);
        Assert.Equal(["SubmissionCodeUnknown:NOPE", "SubmissionValueNotFinite:D1_1"], bad.Errors.Select(e => e.Message.Key + ":" + e.Message.Args[0]));

        // All but one value saved as a draft; submitting names the missing indicator.
        var partial = Values(form, 1) with { Values = Values(form, 1).Values.Skip(1).ToList() };
        var saved = (await rounds.SaveAsync(Jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading", partial, ct)).Value!;
        var missing = await rounds.SubmitAsync(Jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading", saved.Version, ct);
        Assert.Equal("SubmissionValueMissing", missing.Errors.Single().Message.Key);
        Assert.Equal(form.Values[0].Code, missing.Errors.Single().Field);

        // A second editor working from the old version is told; the first one's values stay.
        var stale = await rounds.SaveAsync(Jiading, TestPrincipals.Actor("jiading-deputy"), round.Id, "jiading", Values(form, 2), ct);
        Assert.Equal(UseCaseStatus.Conflict, stale.Status);
        Assert.Equal("SubmissionChangedByOther", stale.Errors.Single().Message.Key);

        // The missing one given with a reason instead of a value, then submitted.
        var withReason = (await rounds.SaveAsync(Jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading",
            new SubmissionInput { Values = [new(form.Values[0].Code, null, "园区无此类机构统计口径")], Version = saved.Version }, ct)).Value!;
        var submitted = (await rounds.SubmitAsync(Jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading", withReason.Version, ct)).Value!;
        Assert.Equal(SubmissionStatus.Submitted, submitted.Status);
        Assert.False(submitted.CanEdit);
        var late = await rounds.SaveAsync(Jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading", Values(submitted, 3), ct);
        Assert.Equal("SubmissionWrongState", late.Errors.Single().Message.Key);

        // Park managers do not review; staff must give a reason to return.
        Assert.Equal(UseCaseStatus.Forbidden, (await rounds.ReviewAsync(Jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading", true, null, submitted.Version, ct)).Status);
        Assert.Equal("ReviewCommentRequired", (await rounds.ReviewAsync(CityStaff, TestPrincipals.Actor("staff"), round.Id, "jiading", false, " ", submitted.Version, ct)).Errors.Single().Message.Key);
        var returned = (await rounds.ReviewAsync(CityStaff, TestPrincipals.Actor("staff"), round.Id, "jiading", false, "D2_3 单位有误，请核实", submitted.Version, ct)).Value!;
        Assert.Equal(SubmissionStatus.Returned, returned.Status);
        Assert.Equal("D2_3 单位有误，请核实", (await rounds.GetSubmissionAsync(Jiading, round.Id, "jiading", ct)).Value!.ReviewComment);

        var corrected = (await rounds.SaveAsync(Jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading",
            new SubmissionInput { Values = [new("D2_3", 12.5, null)], Version = returned.Version }, ct)).Value!;
        var resubmitted = (await rounds.SubmitAsync(Jiading, TestPrincipals.Actor("jiading-manager"), round.Id, "jiading", corrected.Version, ct)).Value!;
        var accepted = (await rounds.ReviewAsync(CityStaff, TestPrincipals.Actor("staff"), round.Id, "jiading", true, null, resubmitted.Version, ct)).Value!;
        Assert.Equal(SubmissionStatus.Accepted, accepted.Status);
        Assert.Equal(RoundStatus.Open, (await rounds.GetAsync(CityStaff, round.Id, ct)).Value!.Status); // 21 parks still to go

        await using var db = database.CreateContext();
        var trail = await db.AuditEntries.Where(a => a.EntityType == nameof(SubmissionValue) || a.EntityType == nameof(ParkSubmission)).ToListAsync(ct);
        Assert.Contains(trail, a => a.UserName == "jiading-manager" && a.EntityType == nameof(SubmissionValue) && a.Changes!.Contains("\"Value\":[", StringComparison.Ordinal));
        Assert.Contains(trail, a => a.UserName == "staff" && a.Changes!.Contains("\"Status\":[\"Submitted\",\"Returned\"]", StringComparison.Ordinal));
        Assert.Contains(trail, a => a.UserName == "staff" && a.Changes!.Contains("\"Status\":[\"Submitted\",\"Accepted\"]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_round_locks_when_every_park_is_accepted_and_a_big_change_from_last_year_needs_an_explanation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var rounds = new EvaluationRounds(database.Factory(), TestPrincipals.Authorization());
        var first = await OpenAsync(database, rounds, 2024, ct);
        foreach (var park in first.Submissions.Select(s => s.ParkCode))
        {
            await SubmitAndAcceptAsync(rounds, first.Id, park, 10, ct);
        }
        var locked = (await rounds.GetAsync(CityAdmin, first.Id, ct)).Value!;
        Assert.Equal(RoundStatus.Locked, locked.Status);
        Assert.All(locked.Submissions, s => Assert.Equal(SubmissionStatus.Accepted, s.Status));

        var second = await OpenAsync(database, rounds, 2025, ct);
        var manager = TestPrincipals.User(Roles.ParkManager, "jiading");
        var form = (await rounds.GetSubmissionAsync(manager, second.Id, "jiading", ct)).Value!;
        var jump = Values(form, 10) with { Values = Values(form, 10).Values.Select((v, i) => i == 3 ? v with { Value = 16 } : v).ToList() };
        var saved = (await rounds.SaveAsync(manager, TestPrincipals.Actor(), second.Id, "jiading", jump, ct)).Value!;
        Assert.Equal(10, saved.Values[3].LastYear);
        Assert.Equal(0.6, saved.Values[3].ChangeShare!.Value, 12);
        Assert.True(saved.Values[3].NeedsExplanation);
        var refused = await rounds.SubmitAsync(manager, TestPrincipals.Actor(), second.Id, "jiading", saved.Version, ct);
        Assert.Equal("SubmissionChangeNeedsExplanation", refused.Errors.Single().Message.Key);
        Assert.Equal(saved.Values[3].Code, refused.Errors.Single().Field);

        // Closing the round early stops further submissions.
        var closed = (await rounds.CloseAsync(CityAdmin, TestPrincipals.Actor("admin"), second.Id, second.Version, ct)).Value!;
        Assert.Equal(RoundStatus.Locked, closed.Status);
        Assert.Equal("RoundNotOpen", (await rounds.SubmitAsync(manager, TestPrincipals.Actor(), second.Id, "jiading", saved.Version, ct)).Errors.Single().Message.Key);
        Assert.Equal(UseCaseStatus.Forbidden, (await rounds.CloseAsync(CityStaff, TestPrincipals.Actor("staff"), second.Id, closed.Version, ct)).Status);
    }

    [Fact]
    public async Task Opening_a_round_is_for_the_city_administrator_on_a_published_framework_with_sound_settings()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var rounds = new EvaluationRounds(database.Factory(), TestPrincipals.Authorization());
        var catalog = new FrameworkCatalog(database.Factory(), TestPrincipals.Authorization());
        var template = (await catalog.ListAsync(CityAdmin, ct)).Value!.Single(f => f.Family == "MOST-2021");
        var draft = (await catalog.NewVersionAsync(CityAdmin, TestPrincipals.Actor(), template.Id, ct)).Value!;
        var input = Round(template.Id, 2025);
        Assert.Equal(UseCaseStatus.Forbidden, (await rounds.OpenAsync(CityStaff, TestPrincipals.Actor(), input, ct)).Status);
        var refused = await rounds.OpenAsync(CityAdmin, TestPrincipals.Actor(), input with
        {
            FrameworkId = draft.Id, DeadlineUtc = DateTime.UtcNow.AddDays(-1), FirstTierMinScore = 40,
            Method = new EvaluationMethod { Aggregation = Indicators.AggregationMethod.Geometric },
        }, ct);
        Assert.Equal(
            ["FrameworkId:RoundFrameworkNotPublished", "DeadlineUtc:RoundDeadlinePast", "FirstTierMinScore:RoundTierBandsInvalid", "Method.NormalisationLower:MethodGeometricNeedsPositive"],
            refused.Errors.Select(e => e.Field + ":" + e.Message.Key));
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.EvaluationRounds.CountAsync(ct));
    }

    internal static RoundInput Round(Guid frameworkId, int year) => new()
    {
        Year = year, FrameworkId = frameworkId, NameZh = $"{year}年度张江高新区综合评价", NameEn = $"Zhangjiang evaluation {year}",
        DeadlineUtc = DateTime.UtcNow.AddDays(30), Method = new EvaluationMethod { UncertaintyReplications = 200 },
    };

    internal static async Task<RoundDetail> OpenAsync(TestDatabase database, EvaluationRounds rounds, int year, CancellationToken ct)
    {
        var catalog = new FrameworkCatalog(database.Factory(), TestPrincipals.Authorization());
        var most = (await catalog.ListAsync(CityAdmin, ct)).Value!.Single(f => f.Family == "MOST-2021");
        var opened = await rounds.OpenAsync(CityAdmin, TestPrincipals.Actor("admin"), Round(most.Id, year), ct);
        Assert.True(opened.Succeeded, string.Join("; ", opened.Errors.Select(e => e.Field + " " + e.Message.Key)));
        return opened.Value!;
    }

    internal static async Task SubmitAndAcceptAsync(EvaluationRounds rounds, Guid roundId, string park, double baseValue, CancellationToken ct)
    {
        var manager = TestPrincipals.User(Roles.ParkManager, park, park + "-manager");
        var form = (await rounds.GetSubmissionAsync(manager, roundId, park, ct)).Value!;
        var saved = (await rounds.SaveAsync(manager, TestPrincipals.Actor(park + "-manager"), roundId, park, Values(form, baseValue), ct)).Value!;
        var submitted = await rounds.SubmitAsync(manager, TestPrincipals.Actor(park + "-manager"), roundId, park, saved.Version, ct);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors.Select(e => e.Field + " " + e.Message.Key)));
        var accepted = await rounds.ReviewAsync(CityStaff, TestPrincipals.Actor("staff"), roundId, park, true, null, submitted.Value!.Version, ct);
        Assert.True(accepted.Succeeded);
    }

    internal static SubmissionInput Values(SubmissionDetail form, double value) =>
        new() { Values = form.Values.Select(v => new ValueInput(v.Code, value, null)).ToList(), Version = form.Version };
}
