using System.Globalization;
using MudBlazor;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Fund;

namespace Zhangjiang.Web.Features.Fund;

/// <summary>Display helpers shared by the fund pages: amounts in 万元, dates in Shanghai time, status colours.</summary>
public static class FundUi
{
    /// <summary>Fen shown as 万元 (ten thousand yuan), the unit fund documents use, with up to six decimals (to the fen).</summary>
    public static string Wan(long fen) => FundMoney.Wan(fen);

    /// <summary>万元 typed by a user as fen; null when it goes below the fen or beyond a long.</summary>
    public static long? FenOf(decimal wan)
    {
        var fen = wan * 1_000_000m;
        return fen == decimal.Truncate(fen) && fen is <= long.MaxValue and >= long.MinValue ? (long)fen : null;
    }

    /// <summary>The Shanghai calendar day of a time; for a deadline pass the moment before it (the day's end is the next day's start).</summary>
    public static string Day(DateTime utc) => ShanghaiTime.DayText(utc);

    public static string Date(DateTime utc) => ShanghaiTime.Moment(utc);

    public static Color ColorOf(ReviewAssignmentStatus status) => status switch
    {
        ReviewAssignmentStatus.AwaitingDeclaration => Color.Warning,
        ReviewAssignmentStatus.Accepted => Color.Info,
        ReviewAssignmentStatus.Submitted => Color.Success,
        _ => Color.Default,
    };

    public static Color ColorOf(FundApplicationStatus status) => status switch
    {
        FundApplicationStatus.Draft or FundApplicationStatus.Withdrawn => Color.Default,
        FundApplicationStatus.Returned => Color.Warning,
        FundApplicationStatus.FormalRejected or FundApplicationStatus.NotFunded or FundApplicationStatus.Declined => Color.Error,
        FundApplicationStatus.Approved or FundApplicationStatus.Contracted or FundApplicationStatus.Accepted or FundApplicationStatus.Closed => Color.Success,
        _ => Color.Info,
    };

    public static Color ColorOf(FundCallStatus status) => status switch
    {
        FundCallStatus.Draft => Color.Default,
        FundCallStatus.Open => Color.Success,
        FundCallStatus.Decided => Color.Primary,
        _ => Color.Info,
    };
}

/// <summary>A call's rules as the editor changes them: mutable rows, turned back into <see cref="FundCallRules"/> on save.</summary>
public sealed class FundCallRulesEditor
{
    public sealed class Field
    {
        public string Key { get; set; } = "";
        public string LabelZh { get; set; } = "";
        public string LabelEn { get; set; } = "";
        public FormFieldKind Kind { get; set; } = FormFieldKind.LongText;
        public bool Required { get; set; }
        public int? MaxLength { get; set; }
        public string Options { get; set; } = "";
    }

    public sealed class Topic
    {
        public required string Code { get; init; }
        public bool Included { get; set; }
        public List<Field> Form { get; set; } = [];
    }

    public sealed class Criterion
    {
        public string Key { get; set; } = "";
        public string NameZh { get; set; } = "";
        public string NameEn { get; set; } = "";
        public string? GuidanceZh { get; set; }
        public string? GuidanceEn { get; set; }
        public int Weight { get; set; }
        public int Min { get; set; }
        public int Max { get; set; } = 10;
    }

    public sealed class Item
    {
        public string Key { get; set; } = "";
        public string TextZh { get; set; } = "";
        public string TextEn { get; set; } = "";
    }

    public HashSet<string> ApplicantKinds { get; set; } = [];
    public IReadOnlyCollection<string> Parks { get; set; } = [];
    public IReadOnlyCollection<Platform.Features.Enterprises.EnterpriseTier> Tiers { get; set; } = [];
    public bool NoOverdueProject { get; set; }
    public int? MaxAwardsPerApplicantPerYear { get; set; }
    public int MinSelfFundingPercent { get; set; }
    public decimal MaxGrantWan { get; set; }
    public int ExpertsPerApplication { get; set; }
    public double FundableMinimum { get; set; }
    public int CorrectionDays { get; set; }
    public int NoticeDays { get; set; }
    public bool ZScoreNormalisation { get; set; }
    public int TrimmedMeanDrop { get; set; }
    public double OutlierPoints { get; set; }
    public int AdvancePercent { get; set; }
    public int FinalPercent { get; set; }
    public double AcceptancePassScore { get; set; }
    public int ReminderDays { get; set; }
    /// <summary>The rules as loaded: settings the editor does not show are kept as they were.</summary>
    private FundCallRules Original { get; set; } = new();
    public List<Topic> Topics { get; set; } = [];
    public List<Criterion> Rubric { get; set; } = [];
    public List<Item> Checklist { get; set; } = [];

    /// <summary>The rules as editable rows; every topic of the programme gets a row, ticked when the call opens it.</summary>
    public static FundCallRulesEditor From(FundCallRules rules, IEnumerable<string> programmeTopics)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var template = FundCallRules.Template(["_"], []).Topics[0].Form;
        return new()
        {
            ApplicantKinds = rules.ApplicantKinds.ToHashSet(StringComparer.Ordinal),
            Parks = rules.Parks.ToList(),
            Tiers = rules.EnterpriseTiers.ToList(),
            NoOverdueProject = rules.NoOverdueProject,
            MaxAwardsPerApplicantPerYear = rules.MaxAwardsPerApplicantPerYear,
            MinSelfFundingPercent = rules.MinSelfFundingPercent,
            MaxGrantWan = rules.MaxGrantFen / 1_000_000m,
            ExpertsPerApplication = rules.ExpertsPerApplication,
            FundableMinimum = rules.FundableMinimum,
            CorrectionDays = rules.CorrectionDays,
            NoticeDays = rules.NoticeDays,
            ZScoreNormalisation = rules.ZScoreNormalisation,
            TrimmedMeanDrop = rules.TrimmedMeanDrop,
            OutlierPoints = rules.OutlierPoints,
            AdvancePercent = rules.AdvancePercent,
            FinalPercent = rules.FinalPercent,
            AcceptancePassScore = rules.AcceptancePassScore,
            ReminderDays = rules.ReminderDays,
            Original = rules,
            Topics = programmeTopics.Select(code =>
            {
                var opened = rules.Topics.FirstOrDefault(t => t.TopicCode == code);
                return new Topic { Code = code, Included = opened is not null, Form = (opened?.Form ?? template).Select(ToRow).ToList() };
            }).ToList(),
            Rubric = rules.Rubric.Select(c => new Criterion
            {
                Key = c.Key, NameZh = c.NameZh, NameEn = c.NameEn, GuidanceZh = c.GuidanceZh, GuidanceEn = c.GuidanceEn, Weight = c.Weight, Min = c.Min, Max = c.Max,
            }).ToList(),
            Checklist = rules.Checklist.Select(i => new Item { Key = i.Key, TextZh = i.TextZh, TextEn = i.TextEn }).ToList(),
        };

        static Field ToRow(FormField f) => new()
        {
            Key = f.Key, LabelZh = f.LabelZh, LabelEn = f.LabelEn, Kind = f.Kind, Required = f.Required, MaxLength = f.MaxLength, Options = string.Join("; ", f.Options),
        };
    }

    /// <summary>The rules to save; null when the largest grant does not convert to whole fen.</summary>
    public FundCallRules? ToRules()
    {
        if (FundUi.FenOf(MaxGrantWan) is not { } maxGrant)
        {
            return null;
        }
        return Original with
        {
            ApplicantKinds = ApplicantKinds.Order(StringComparer.Ordinal).ToList(),
            Parks = Parks.ToList(),
            EnterpriseTiers = Tiers.Order().ToList(),
            NoOverdueProject = NoOverdueProject,
            MaxAwardsPerApplicantPerYear = MaxAwardsPerApplicantPerYear,
            MinSelfFundingPercent = MinSelfFundingPercent,
            MaxGrantFen = maxGrant,
            ExpertsPerApplication = ExpertsPerApplication,
            FundableMinimum = FundableMinimum,
            CorrectionDays = CorrectionDays,
            NoticeDays = NoticeDays,
            ZScoreNormalisation = ZScoreNormalisation,
            TrimmedMeanDrop = TrimmedMeanDrop,
            OutlierPoints = OutlierPoints,
            AdvancePercent = AdvancePercent,
            FinalPercent = FinalPercent,
            AcceptancePassScore = AcceptancePassScore,
            ReminderDays = ReminderDays,
            Topics = Topics.Where(t => t.Included).Select(t => new CallTopic
            {
                TopicCode = t.Code,
                Form = t.Form.Select(f => new FormField
                {
                    Key = f.Key.Trim(), LabelZh = f.LabelZh.Trim(), LabelEn = f.LabelEn.Trim(), Kind = f.Kind, Required = f.Required,
                    MaxLength = f.Kind is FormFieldKind.Text or FormFieldKind.LongText ? f.MaxLength : null,
                    Options = f.Kind == FormFieldKind.Choice
                        ? f.Options.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                        : [],
                }).ToList(),
            }).ToList(),
            Rubric = Rubric.Select(c => new RubricCriterion
            {
                Key = c.Key.Trim(), NameZh = c.NameZh.Trim(), NameEn = c.NameEn.Trim(),
                GuidanceZh = string.IsNullOrWhiteSpace(c.GuidanceZh) ? null : c.GuidanceZh.Trim(),
                GuidanceEn = string.IsNullOrWhiteSpace(c.GuidanceEn) ? null : c.GuidanceEn.Trim(),
                Weight = c.Weight, Min = c.Min, Max = c.Max,
            }).ToList(),
            Checklist = Checklist.Select(i => new ChecklistItem { Key = i.Key.Trim(), TextZh = i.TextZh.Trim(), TextEn = i.TextEn.Trim() }).ToList(),
        };
    }
}
