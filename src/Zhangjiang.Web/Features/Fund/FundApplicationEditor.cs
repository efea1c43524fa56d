using System.Globalization;
using Zhangjiang.Platform.Features.Fund;

namespace Zhangjiang.Web.Features.Fund;

/// <summary>An application as the page edits it: mutable rows, amounts in 万元, turned back into the input on save.</summary>
public sealed class FundApplicationEditor
{
    public sealed class BudgetRow
    {
        public string Category { get; set; } = "";
        public string? Description { get; set; }
        public decimal FundWan { get; set; }
        public decimal SelfWan { get; set; }
    }

    public sealed class TargetRow
    {
        public string Name { get; set; } = "";
        public string? Unit { get; set; }
        public double? Baseline { get; set; }
        public double TargetValue { get; set; }
        public DateTime? DueOn { get; set; }
    }

    public sealed class MemberRow
    {
        public string Name { get; set; } = "";
        public string? Title { get; set; }
        public string? Organisation { get; set; }
        public string? Role { get; set; }
    }

    public sealed class ExclusionRow
    {
        public string Name { get; set; } = "";
        public string? Institution { get; set; }
        public string? Reason { get; set; }
    }

    public string ProjectTitle { get; set; } = "";
    public Dictionary<string, string?> Answers { get; } = new(StringComparer.Ordinal);
    public List<BudgetRow> Budget { get; } = [];
    public List<TargetRow> Targets { get; } = [];
    public List<MemberRow> Team { get; } = [];
    public List<ExclusionRow> Exclusions { get; } = [];

    public decimal FundTotalWan => Budget.Sum(b => b.FundWan);
    public decimal SelfTotalWan => Budget.Sum(b => b.SelfWan);

    public static FundApplicationEditor From(FundApplicationDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var editor = new FundApplicationEditor { ProjectTitle = detail.Summary.ProjectTitle };
        foreach (var (key, value) in detail.Answers)
        {
            editor.Answers[key] = value;
        }
        editor.Budget.AddRange(detail.BudgetLines.Select(l => new BudgetRow { Category = l.Category, Description = l.Description, FundWan = l.FundFen / 1_000_000m, SelfWan = l.SelfFen / 1_000_000m }));
        editor.Targets.AddRange(detail.Targets.Select(t => new TargetRow
        {
            Name = t.Name, Unit = t.Unit, Baseline = t.Baseline, TargetValue = t.TargetValue, DueOn = t.DueOn.ToDateTime(TimeOnly.MinValue),
        }));
        editor.Team.AddRange(detail.Team.Select(m => new MemberRow { Name = m.Name, Title = m.Title, Organisation = m.Organisation, Role = m.Role }));
        editor.Exclusions.AddRange(detail.Exclusions.Select(e => new ExclusionRow { Name = e.Name, Institution = e.Institution, Reason = e.Reason }));
        return editor;
    }

    /// <summary>The input to save; null when an amount goes below the fen. Rows left wholly empty are not sent.</summary>
    public FundApplicationInput? ToInput(Guid version)
    {
        var lines = new List<FundBudgetLineInput>();
        foreach (var b in Budget.Where(b => !(string.IsNullOrWhiteSpace(b.Category) && b.FundWan == 0 && b.SelfWan == 0)))
        {
            if (FundUi.FenOf(b.FundWan) is not { } fund || FundUi.FenOf(b.SelfWan) is not { } self)
            {
                return null;
            }
            lines.Add(new(b.Category, b.Description, fund, self));
        }
        return new FundApplicationInput
        {
            ProjectTitle = ProjectTitle ?? "",
            Answers = Answers.Where(a => !string.IsNullOrWhiteSpace(a.Value)).ToDictionary(a => a.Key, a => a.Value),
            BudgetLines = lines,
            Targets = Targets.Where(t => !string.IsNullOrWhiteSpace(t.Name) || t.TargetValue != 0)
                .Select(t => new FundTargetInput(t.Name, t.Unit, t.Baseline, t.TargetValue, DateOnly.FromDateTime(t.DueOn ?? new DateTime(2000, 1, 1)))).ToList(),
            Team = Team.Where(m => !string.IsNullOrWhiteSpace(m.Name)).Select(m => new FundTeamMemberInput(m.Name, m.Title, m.Organisation, m.Role)).ToList(),
            Exclusions = Exclusions.Where(e => !string.IsNullOrWhiteSpace(e.Name)).Select(e => new FundExclusion(e.Name, e.Institution, e.Reason)).ToList(),
            Version = version,
        };
    }

    /// <summary>A date answer as the picker holds it.</summary>
    public DateTime? DateAnswer(string key) =>
        DateTime.TryParseExact(Answers.GetValueOrDefault(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public void SetDateAnswer(string key, DateTime? date) =>
        Answers[key] = date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
