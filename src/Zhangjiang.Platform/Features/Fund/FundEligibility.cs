using System.Globalization;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Enterprises;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>One rule the application was checked against: passed or not, with the figures behind it.</summary>
public sealed record EligibilityCheck(string Rule, bool Passed, UserMessage Message);

/// <summary>What the registry and the fund's own records say about the applicant on the day of the check.</summary>
/// <remarks><paramref name="IsEnterprise"/>: the applicant applies as a firm (its kind's role is Enterprise), so the tier rule applies.</remarks>
public sealed record ApplicantFacts(
    string KindCode, bool IsEnterprise, string? ParkCode, IReadOnlySet<EnterpriseTier> CurrentTiers, IReadOnlyList<string> OverdueProjects, int AwardsThisYear);

/// <summary>The application as it stands (answers by field key; amounts in fen), with the names the messages show.</summary>
public sealed record ApplicationFacts(
    string TopicCode, string ProjectTitle, IReadOnlyDictionary<string, string?> Answers, long RequestedFen, long SelfFundingFen,
    int BudgetLines, int Targets, int TeamMembers)
{
    public LocalText? KindName { get; init; }
    public LocalText? TopicName { get; init; }
}

/// <summary>
/// The one function that decides whether an application may be submitted (ADR 0011): every rule of the call and every
/// required part of the form, each returned with its outcome, so applicants see all reasons at once and staff see the
/// same list.
/// </summary>
public static class FundEligibility
{
    public static IReadOnlyList<EligibilityCheck> Evaluate(FundCallRules rules, ApplicantFacts applicant, ApplicationFacts application)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(application);
        var checks = new List<EligibilityCheck>();
        void Check(string rule, bool passed, string key, params object[] args) => checks.Add(new(rule, passed, new UserMessage(key, args)));

        Check("kind", rules.ApplicantKinds.Contains(applicant.KindCode), "FundCheckKind", (object?)application.KindName ?? applicant.KindCode);
        Check("topic", rules.Topics.Any(t => t.TopicCode == application.TopicCode), "FundCheckTopic", (object?)application.TopicName ?? application.TopicCode);
        if (rules.Parks.Count > 0)
        {
            Check("park", applicant.ParkCode is not null && rules.Parks.Contains(applicant.ParkCode), "FundCheckPark", applicant.ParkCode ?? "—");
        }
        if (rules.EnterpriseTiers.Count > 0 && applicant.IsEnterprise)
        {
            var held = rules.EnterpriseTiers.Where(applicant.CurrentTiers.Contains).ToList();
            var names = rules.EnterpriseTiers.Select(t => EnterpriseTiers.All.First(i => i.Tier == t)).ToList();
            Check("tier", held.Count > 0, "FundCheckTier",
                new LocalText(string.Join("、", names.Select(n => n.NameZh)), string.Join("; ", names.Select(n => n.NameEn))));
        }
        if (rules.NoOverdueProject)
        {
            Check("overdue", applicant.OverdueProjects.Count == 0, applicant.OverdueProjects.Count == 0 ? "FundCheckOverdue" : "FundCheckOverdueFailed",
                string.Join(", ", applicant.OverdueProjects));
        }
        if (rules.MaxAwardsPerApplicantPerYear is { } max)
        {
            Check("awards", applicant.AwardsThisYear < max, "FundCheckAwards", applicant.AwardsThisYear, max);
        }
        Check("grant", application.RequestedFen > 0 && application.RequestedFen <= rules.MaxGrantFen, "FundCheckGrant",
            FundMoney.Wan(application.RequestedFen), FundMoney.Wan(rules.MaxGrantFen));
        if (rules.MinSelfFundingPercent > 0)
        {
            // Whole fen on both sides: self × 100 ≥ requested × percent, with no rounding.
            var needed = (decimal)application.RequestedFen * rules.MinSelfFundingPercent;
            Check("self-funding", (decimal)application.SelfFundingFen * 100 >= needed, "FundCheckSelfFunding",
                FundMoney.Wan(application.SelfFundingFen), rules.MinSelfFundingPercent, FundMoney.Wan((long)Math.Ceiling(needed / 100)));
        }

        Check("title", !string.IsNullOrWhiteSpace(application.ProjectTitle), "FundCheckTitle");
        Check("budget", application.BudgetLines > 0, "FundCheckBudgetLines");
        Check("targets", application.Targets > 0, "FundCheckTargets");
        Check("team", application.TeamMembers > 0, "FundCheckTeam");
        var form = rules.Topics.FirstOrDefault(t => t.TopicCode == application.TopicCode)?.Form ?? [];
        foreach (var field in form)
        {
            var answer = application.Answers.GetValueOrDefault(field.Key);
            if (AnswerProblem(field, answer) is { } problem)
            {
                checks.Add(new("form:" + field.Key, false, problem));
            }
        }
        return checks;
    }

    /// <summary>What is wrong with one answer, or null: missing when required, too long, not a number or date, not an option.</summary>
    public static UserMessage? AnswerProblem(FormField field, string? answer)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (string.IsNullOrWhiteSpace(answer))
        {
            return field.Required ? new UserMessage("FundAnswerRequired", field.LabelZh) : null;
        }
        return field.Kind switch
        {
            FormFieldKind.Text or FormFieldKind.LongText when answer.Length > (field.MaxLength ?? 20000) =>
                new UserMessage("FundAnswerTooLong", field.LabelZh, field.MaxLength ?? 20000, answer.Length),
            FormFieldKind.Number when !double.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n) =>
                new UserMessage("FundAnswerNumber", field.LabelZh, answer),
            FormFieldKind.Date when !DateOnly.TryParseExact(answer, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) =>
                new UserMessage("FundAnswerDate", field.LabelZh, answer),
            FormFieldKind.Choice when !field.Options.Contains(answer) =>
                new UserMessage("FundAnswerChoice", field.LabelZh, answer),
            _ => null,
        };
    }

}
