using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Enterprises;
using Zhangjiang.Platform.Features.Fund;
using Zhangjiang.Platform.Features.Identity;
using Zhangjiang.Platform.Tests.Evaluation;
using Zhangjiang.Tests.Shared;

namespace Zhangjiang.Platform.Tests.Fund;

public sealed class FundCallsTests
{
    private static readonly DateTime Now = new(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    internal static FundCallInput Input(int year = 2027, FundCallRules? rules = null) => new()
    {
        Year = year,
        TitleZh = $"{year}年度张江专项申报指南",
        TitleEn = $"Zhangjiang special fund call {year}",
        GuideZh = "聚焦1项目标、支持2类主体、布局3个专题。",
        OpensUtc = Now,
        ClosesUtc = Now.AddDays(30),
        ReviewDeadlineUtc = Now.AddDays(60),
        Rules = rules,
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_call_is_drafted_from_the_template_edited_as_a_draft_opened_against_budgets_and_closed_after_its_deadline(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(Now.AddDays(-10)));
        var calls = new FundCalls(database.Factory(clock), TestPrincipals.Authorization());
        var city = TestPrincipals.User(Roles.CityStaff, name: "city-staff");
        var enterprise = TestPrincipals.User(Roles.Enterprise);

        var draft = await calls.CreateAsync(city, TestPrincipals.Actor("city-staff"), Input(), ct);
        Assert.True(draft.Succeeded, string.Join("; ", draft.Errors.Select(e => e.Field + ": " + e.Message)));
        var call = draft.Value!;
        Assert.Equal(("ZJ2027-01", FundCallStatus.Draft, true), (call.Code, call.Status, call.CanEdit));
        // The template opens every topic to both kinds with the generic form, a rubric weighing 100 and a checklist.
        Assert.Equal(["park-construction", "gradient-cultivation", "innovation-ecosystem"], call.Rules.Topics.Select(t => t.TopicCode));
        Assert.Equal(["operating-agency", "enterprise"], call.Rules.ApplicantKinds);
        Assert.Equal(100, call.Rules.Rubric.Sum(c => c.Weight));
        Assert.NotEmpty(call.Rules.Checklist);
        Assert.Equal("ZJ2027-02", (await calls.CreateAsync(city, TestPrincipals.Actor(), Input(), ct)).Value!.Code);

        // A draft is the city's: an enterprise neither lists nor reads it, and may not create one.
        Assert.DoesNotContain((await calls.ListAsync(enterprise, ct)).Value!, c => c.Id == call.Id);
        Assert.Equal(UseCaseStatus.NotFound, (await calls.GetAsync(enterprise, call.Id, ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await calls.CreateAsync(enterprise, TestPrincipals.Actor(), Input(), ct)).Status);

        // Editing: narrow to one topic and one kind, require the high-tech tier; a stale version is a conflict.
        var rules = call.Rules with
        {
            Topics = [call.Rules.Topics[1]],
            ApplicantKinds = ["enterprise"],
            EnterpriseTiers = [EnterpriseTier.HighTechEnterprise, EnterpriseTier.SpecialisedSme],
            MaxGrantFen = 500_000_00,
        };
        var edited = await calls.UpdateAsync(city, TestPrincipals.Actor("city-staff"), call.Id, Input(rules: rules) with { Version = call.Version }, ct);
        Assert.True(edited.Succeeded);
        Assert.Equal(["gradient-cultivation"], edited.Value!.Rules.Topics.Select(t => t.TopicCode));
        Assert.Equal([EnterpriseTier.HighTechEnterprise, EnterpriseTier.SpecialisedSme], edited.Value.Rules.EnterpriseTiers);
        Assert.Equal(UseCaseStatus.Conflict, (await calls.UpdateAsync(city, TestPrincipals.Actor(), call.Id, Input(rules: rules) with { Version = call.Version }, ct)).Status);
        call = edited.Value;

        // Opening needs the topic's budget for the call's year; the refusal names the topic.
        var unfunded = await calls.OpenAsync(city, TestPrincipals.Actor(), call.Id, call.Version, ct);
        Assert.Equal(UseCaseStatus.Invalid, unfunded.Status);
        Assert.Contains(unfunded.Errors, e => e.Message.Key == "FundCallNoBudget" && e.Message.Args[0].Equals("梯度培育科技创新企业"));
        await new FundSetup(database.Factory()).SetBudgetAsync(city, TestPrincipals.Actor(), "gradient-cultivation", 2027, new FundBudgetInput { AmountFen = 30_000_000_00 }, ct);
        var opened = await calls.OpenAsync(city, TestPrincipals.Actor("city-staff"), call.Id, call.Version, ct);
        Assert.True(opened.Succeeded);
        Assert.Equal((FundCallStatus.Open, "city-staff", false, false), (opened.Value!.Status, opened.Value.OpenedBy, opened.Value.AcceptingApplications, opened.Value.CanEdit));
        call = opened.Value;

        // Open: everyone signed in reads it; it takes applications from its opening date; its rules are frozen.
        clock.SetUtcNow(new DateTimeOffset(Now.AddDays(1)));
        var seen = (await calls.GetAsync(enterprise, call.Id, ct)).Value!;
        Assert.True(seen.AcceptingApplications);
        Assert.Contains((await calls.ListAsync(TestPrincipals.User(Roles.Reviewer), ct)).Value!, c => c.Id == call.Id && c.AcceptingApplications);
        Assert.Equal(UseCaseStatus.Conflict, (await calls.UpdateAsync(city, TestPrincipals.Actor(), call.Id, Input(rules: rules) with { Version = call.Version }, ct)).Status);
        Assert.Equal(UseCaseStatus.Forbidden, (await calls.CloseSubmissionsAsync(enterprise, TestPrincipals.Actor(), call.Id, call.Version, ct)).Status);

        // Submissions end only after the deadline.
        var early = await calls.CloseSubmissionsAsync(city, TestPrincipals.Actor(), call.Id, call.Version, ct);
        Assert.Equal(("ClosesUtc", "FundCallBeforeDeadline"), (early.Errors.Single().Field, early.Errors.Single().Message.Key));
        clock.SetUtcNow(new DateTimeOffset(Now.AddDays(30)));
        Assert.False((await calls.GetAsync(enterprise, call.Id, ct)).Value!.AcceptingApplications);
        var closed = await calls.CloseSubmissionsAsync(city, TestPrincipals.Actor("city-staff"), call.Id, call.Version, ct);
        Assert.Equal(FundCallStatus.FormalReview, closed.Value!.Status);

        // The second draft is discarded; an opened call cannot be.
        var second = (await calls.ListAsync(city, ct)).Value!.Single(c => c.Code == "ZJ2027-02");
        Assert.Equal(UseCaseStatus.Conflict, (await calls.DeleteDraftAsync(city, TestPrincipals.Actor(), call.Id, closed.Value.Version, ct)).Status);
        var secondVersion = (await calls.GetAsync(city, second.Id, ct)).Value!.Version;
        Assert.True((await calls.DeleteDraftAsync(city, TestPrincipals.Actor(), second.Id, secondVersion, ct)).Succeeded);

        await using var db = database.CreateContext();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(FundCall)).OrderBy(a => a.Sequence).ToListAsync(ct);
        Assert.Equal(6, audit.Count); // two created, one edited, opened, closed, one deleted
        Assert.Contains("FormalReview", audit[4].Changes, StringComparison.Ordinal);
        Assert.Equal(["gradient-cultivation"], await db.FundCallTopics.Where(t => t.CallId == call.Id).Select(t => t.TopicCode).ToListAsync(ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_rules_are_refused_with_every_problem_named_by_its_place(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var calls = new FundCalls(database.Factory(), TestPrincipals.Authorization());
        var template = FundCallRules.Template(["park-construction"], ["operating-agency"]);
        var bad = template with
        {
            ApplicantKinds = ["university"],
            Parks = ["no-such-park"],
            MaxGrantFen = 0,
            ExpertsPerApplication = 0,
            Topics = [template.Topics[0], template.Topics[0] with { Form = [template.Topics[0].Form[0], template.Topics[0].Form[0] with { Kind = FormFieldKind.Choice }] }],
            Rubric = [template.Rubric[0] with { Weight = 30, Min = 5, Max = 5 }, template.Rubric[1] with { Key = "Bad Key" }],
        };
        var result = await calls.CreateAsync(TestPrincipals.User(Roles.CityAdmin), TestPrincipals.Actor(),
            Input(rules: bad) with { ClosesUtc = Now.AddDays(-1), TitleZh = " " }, ct);

        Assert.Equal(UseCaseStatus.Invalid, result.Status);
        var fields = result.Errors.Select(e => (e.Field, e.Message.Key)).ToList();
        Assert.Contains(("TitleZh", "Required"), fields);
        Assert.Contains(("ClosesUtc", "FundCallDatesOrder"), fields);
        Assert.Contains(("Rules.ApplicantKinds", "FundCallUnknownCode"), fields);
        Assert.Contains(("Rules.Parks", "FundCallUnknownCode"), fields);
        Assert.Contains(("Rules.MaxGrantFen", "FundCallMaxGrant"), fields);
        Assert.Contains(("Rules.ExpertsPerApplication", "FundCallOutOfRange"), fields);
        Assert.Contains(("Rules.Topics[1].TopicCode", "FundCallDuplicateKey"), fields);
        Assert.Contains(("Rules.Topics[1].Form[1].Key", "FundCallDuplicateKey"), fields);
        Assert.Contains(("Rules.Topics[1].Form[1].Options", "FundCallChoiceOptions"), fields);
        Assert.Contains(("Rules.Rubric[0].Max", "FundCallScoreRange"), fields);
        Assert.Contains(("Rules.Rubric[1].Key", "FundCallKeyFormat"), fields);
        Assert.Contains(("Rules.Rubric", "FundCallWeightsSum"), fields);

        await using var db = database.CreateContext();
        Assert.False(await db.FundCalls.AnyAsync(ct));
    }

    [Fact]
    public void The_weighted_score_places_each_criterion_in_its_range_and_weighs_it()
    {
        var rules = new FundCallRules
        {
            Rubric =
            [
                new() { Key = "a", NameZh = "甲", Weight = 60, Min = 0, Max = 10 },
                new() { Key = "b", NameZh = "乙", Weight = 40, Min = 1, Max = 5 },
            ],
        };
        Assert.Equal(100, rules.WeightedScore(new Dictionary<string, int> { ["a"] = 10, ["b"] = 5 }), 9);
        Assert.Equal(0, rules.WeightedScore(new Dictionary<string, int> { ["a"] = 0, ["b"] = 1 }), 9);
        Assert.Equal(60 * 0.7 + 40 * 0.5, rules.WeightedScore(new Dictionary<string, int> { ["a"] = 7, ["b"] = 3 }), 9);
    }
}
