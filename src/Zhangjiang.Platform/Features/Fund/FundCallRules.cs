using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Zhangjiang.Platform.Common;
using Zhangjiang.Platform.Features.Enterprises;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>The kinds of answer a call's application form can ask for.</summary>
public enum FormFieldKind
{
    Text = 1,
    LongText = 2,
    Number = 3,
    Date = 4,
    Choice = 5,
}

/// <summary>One question of a topic's application form. Answers are stored by <see cref="Key"/>.</summary>
public sealed record FormField
{
    public required string Key { get; init; }
    public required string LabelZh { get; init; }
    public string LabelEn { get; init; } = "";
    public FormFieldKind Kind { get; init; } = FormFieldKind.LongText;
    public bool Required { get; init; }
    /// <summary>Text: the longest answer; Number: ignored.</summary>
    public int? MaxLength { get; init; }
    public IReadOnlyList<string> Options { get; init; } = [];
}

/// <summary>A topic the call opens, with the form its applicants fill in.</summary>
public sealed record CallTopic
{
    public required string TopicCode { get; init; }
    public IReadOnlyList<FormField> Form { get; init; } = [];
}

/// <summary>One criterion of the scoring rubric: experts give a whole score in [Min, Max]; the weight is its share of 100.</summary>
public sealed record RubricCriterion
{
    public required string Key { get; init; }
    public required string NameZh { get; init; }
    public string NameEn { get; init; } = "";
    public string? GuidanceZh { get; init; }
    public string? GuidanceEn { get; init; }
    public int Weight { get; init; }
    public int Min { get; init; }
    public int Max { get; init; } = 10;
}

/// <summary>One item of the formal review (形式审查) checklist.</summary>
public sealed record ChecklistItem
{
    public required string Key { get; init; }
    public required string TextZh { get; init; }
    public string TextEn { get; init; } = "";
}

/// <summary>
/// Everything a call (申报指南) decides that the zone has not published as fixed rules (ADR 0011): who may apply, the
/// forms, the rubric, the checklist and the review settings. Stored as JSON with the call and frozen when it opens,
/// so every application of a call is judged by the same rules.
/// </summary>
public sealed partial record FundCallRules
{
    /// <summary>Applicant kind codes that may apply (at least one).</summary>
    public IReadOnlyList<string> ApplicantKinds { get; init; } = [];
    /// <summary>Parks whose applicants may apply; empty means every park.</summary>
    public IReadOnlyList<string> Parks { get; init; } = [];
    /// <summary>An enterprise applicant must hold one of these tiers on the day it submits; empty means no tier needed.</summary>
    public IReadOnlyList<EnterpriseTier> EnterpriseTiers { get; init; } = [];
    /// <summary>An applicant with an overdue fund project (a milestone or acceptance past due) may not apply.</summary>
    public bool NoOverdueProject { get; init; } = true;
    /// <summary>Awards an applicant may hold from calls of the same year, this one included; null means no limit.</summary>
    public int? MaxAwardsPerApplicantPerYear { get; init; } = 1;
    /// <summary>Self-funding at least this percentage of the grant requested (100 = 1:1 matching); 0 means none needed.</summary>
    public int MinSelfFundingPercent { get; init; }
    /// <summary>The largest grant one application may request or receive, in fen.</summary>
    public long MaxGrantFen { get; init; }
    /// <summary>The most one applicant may be granted from calls of the same year, in fen; null means no such cap.</summary>
    public long? MaxFenPerApplicantPerYear { get; init; }
    public int ExpertsPerApplication { get; init; } = 5;
    /// <summary>The weighted score (0–100) an application needs to be fundable at all.</summary>
    public double FundableMinimum { get; init; } = 60;
    /// <summary>Days an applicant has to correct an application the formal review returned (once).</summary>
    public int CorrectionDays { get; init; } = 5;
    /// <summary>Days the public notice (公示) of the ranked list runs.</summary>
    public int NoticeDays { get; init; } = 7;
    /// <summary>Calibration: put each expert's scores on a common scale (z-score within the expert's assignments) before averaging.</summary>
    public bool ZScoreNormalisation { get; init; }
    /// <summary>Calibration: scores dropped from each end before averaging an application's scores (kept when too few remain).</summary>
    public int TrimmedMeanDrop { get; init; } = 1;
    /// <summary>Calibration: an expert's score this many points (0–100 scale) from the application's median is flagged for the panel.</summary>
    public double OutlierPoints { get; init; } = 20;
    /// <summary>Delivery: the share of the grant paid when the contract is signed (预拨), in percent.</summary>
    public int AdvancePercent { get; init; } = 40;
    /// <summary>Delivery: the share paid after the project passes acceptance; the rest is shared by the interim milestones.</summary>
    public int FinalPercent { get; init; } = 30;
    /// <summary>Delivery: the performance score (0–100) a project needs to pass acceptance.</summary>
    public double AcceptancePassScore { get; init; } = 60;
    /// <summary>Delivery: days before a milestone's date that its contractor is reminded.</summary>
    public int ReminderDays { get; init; } = 7;
    public IReadOnlyList<CallTopic> Topics { get; init; } = [];
    public IReadOnlyList<RubricCriterion> Rubric { get; init; } = [];
    public IReadOnlyList<ChecklistItem> Checklist { get; init; } = [];

    public const int MaxExpertsPerApplication = 15;
    public const int MaxFormFields = 40;
    public const int MaxRubricCriteria = 20;

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static FundCallRules FromJson(string json) =>
        JsonSerializer.Deserialize<FundCallRules>(json, Json) ?? throw new InvalidOperationException("Empty call rules.");

    /// <summary>The experts' weighted scores calibrated as this call says (z-scores or not, trimming, outlier distance).</summary>
    public IReadOnlyList<ApplicationScore> Calibrate(IReadOnlyList<ExpertScore> scores) =>
        ScoreCalibration.Compute(scores, ZScoreNormalisation, TrimmedMeanDrop, OutlierPoints);

    /// <summary>
    /// A weighted score on 0–100 from one expert's criterion scores: each criterion's position in its range times its
    /// weight. Missing criteria count as their minimum.
    /// </summary>
    public double WeightedScore(IReadOnlyDictionary<string, int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var total = 0.0;
        foreach (var c in Rubric)
        {
            var s = scores.TryGetValue(c.Key, out var v) ? v : c.Min;
            total += c.Weight * (double)(s - c.Min) / (c.Max - c.Min);
        }
        return total;
    }

    /// <summary>
    /// Every problem with the rules, each naming its place (e.g. <c>Rubric[2].Weight</c>). <paramref name="topics"/>,
    /// <paramref name="kinds"/> and <paramref name="parks"/> are the codes that exist.
    /// </summary>
    public List<FieldError> Validate(IReadOnlySet<string> topics, IReadOnlySet<string> kinds, IReadOnlySet<string> parks)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(parks);
        var errors = new List<FieldError>();
        void Add(string field, string key, params object[] args) => errors.Add(new(field, new UserMessage(key, args)));

        if (ApplicantKinds.Count == 0)
        {
            Add(nameof(ApplicantKinds), "FundCallNoApplicantKind");
        }
        foreach (var k in ApplicantKinds.Where(k => !kinds.Contains(k)).Distinct())
        {
            Add(nameof(ApplicantKinds), "FundCallUnknownCode", k);
        }
        foreach (var p in Parks.Where(p => !parks.Contains(p)).Distinct())
        {
            Add(nameof(Parks), "FundCallUnknownCode", p);
        }
        foreach (var t in EnterpriseTiers.Where(t => !Enum.IsDefined(t)))
        {
            Add(nameof(EnterpriseTiers), "FundCallUnknownCode", ((int)t).ToString(CultureInfo.InvariantCulture));
        }
        if (MaxAwardsPerApplicantPerYear is < 1 or > 100)
        {
            Add(nameof(MaxAwardsPerApplicantPerYear), "FundCallOutOfRange", 1, 100);
        }
        if (MinSelfFundingPercent is < 0 or > 1000)
        {
            Add(nameof(MinSelfFundingPercent), "FundCallOutOfRange", 0, 1000);
        }
        if (MaxGrantFen is <= 0 or > FundSetup.MaxBudgetFen)
        {
            Add(nameof(MaxGrantFen), "FundCallMaxGrant");
        }
        if (MaxFenPerApplicantPerYear is <= 0 or > FundSetup.MaxBudgetFen)
        {
            Add(nameof(MaxFenPerApplicantPerYear), "FundCallMaxGrant");
        }
        if (ExpertsPerApplication is < 1 or > MaxExpertsPerApplication)
        {
            Add(nameof(ExpertsPerApplication), "FundCallOutOfRange", 1, MaxExpertsPerApplication);
        }
        if (!(FundableMinimum is >= 0 and <= 100))
        {
            Add(nameof(FundableMinimum), "FundCallOutOfRange", 0, 100);
        }
        if (CorrectionDays is < 1 or > 60)
        {
            Add(nameof(CorrectionDays), "FundCallOutOfRange", 1, 60);
        }
        if (NoticeDays is < 1 or > 60)
        {
            Add(nameof(NoticeDays), "FundCallOutOfRange", 1, 60);
        }
        if (TrimmedMeanDrop is < 0 or > 5)
        {
            Add(nameof(TrimmedMeanDrop), "FundCallOutOfRange", 0, 5);
        }
        if (!(OutlierPoints is > 0 and <= 100))
        {
            Add(nameof(OutlierPoints), "FundCallOutOfRange", 0, 100);
        }
        if (AdvancePercent is < 0 or > 100)
        {
            Add(nameof(AdvancePercent), "FundCallOutOfRange", 0, 100);
        }
        if (FinalPercent is < 0 or > 100)
        {
            Add(nameof(FinalPercent), "FundCallOutOfRange", 0, 100);
        }
        if (AdvancePercent + FinalPercent > 100)
        {
            Add(nameof(FinalPercent), "FundCallTranchesOver");
        }
        if (!(AcceptancePassScore is >= 0 and <= 100))
        {
            Add(nameof(AcceptancePassScore), "FundCallOutOfRange", 0, 100);
        }
        if (ReminderDays is < 1 or > 60)
        {
            Add(nameof(ReminderDays), "FundCallOutOfRange", 1, 60);
        }

        if (Topics.Count == 0)
        {
            Add(nameof(Topics), "FundCallNoTopic");
        }
        var seenTopics = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Topics.Count; i++)
        {
            var topic = Topics[i];
            var at = $"Topics[{i}]";
            if (!topics.Contains(topic.TopicCode))
            {
                Add(at + ".TopicCode", "FundCallUnknownCode", topic.TopicCode);
            }
            else if (!seenTopics.Add(topic.TopicCode))
            {
                Add(at + ".TopicCode", "FundCallDuplicateKey", topic.TopicCode);
            }
            if (topic.Form.Count is 0 or > MaxFormFields)
            {
                Add(at + ".Form", "FundCallFormSize", MaxFormFields);
            }
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var f = 0; f < topic.Form.Count; f++)
            {
                var field = topic.Form[f];
                var fat = $"{at}.Form[{f}]";
                CheckKey(fat, field.Key, keys);
                CheckLabel(fat + ".LabelZh", field.LabelZh, 200);
                CheckLength(fat + ".LabelEn", field.LabelEn, 300);
                if (!Enum.IsDefined(field.Kind))
                {
                    Add(fat + ".Kind", "FundCallUnknownCode", ((int)field.Kind).ToString(CultureInfo.InvariantCulture));
                }
                if (field.Kind == FormFieldKind.Choice && (field.Options.Count == 0 || field.Options.Any(string.IsNullOrWhiteSpace)))
                {
                    Add(fat + ".Options", "FundCallChoiceOptions");
                }
                if (field.MaxLength is < 1 or > 20000)
                {
                    Add(fat + ".MaxLength", "FundCallOutOfRange", 1, 20000);
                }
            }
        }

        if (Rubric.Count is 0 or > MaxRubricCriteria)
        {
            Add(nameof(Rubric), "FundCallRubricSize", MaxRubricCriteria);
        }
        var criterionKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rubric.Count; i++)
        {
            var c = Rubric[i];
            var at = $"Rubric[{i}]";
            CheckKey(at, c.Key, criterionKeys);
            CheckLabel(at + ".NameZh", c.NameZh, 200);
            CheckLength(at + ".NameEn", c.NameEn, 300);
            CheckLength(at + ".GuidanceZh", c.GuidanceZh, 2000);
            CheckLength(at + ".GuidanceEn", c.GuidanceEn, 2000);
            if (c.Weight is < 1 or > 100)
            {
                Add(at + ".Weight", "FundCallOutOfRange", 1, 100);
            }
            if (c.Min < 0 || c.Max <= c.Min || c.Max > 1000)
            {
                Add(at + ".Max", "FundCallScoreRange", c.Min, c.Max);
            }
        }
        if (Rubric.Count > 0 && Rubric.Sum(c => c.Weight) != 100)
        {
            Add(nameof(Rubric), "FundCallWeightsSum", Rubric.Sum(c => c.Weight));
        }

        if (Checklist.Count == 0)
        {
            Add(nameof(Checklist), "FundCallNoChecklist");
        }
        var itemKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Checklist.Count; i++)
        {
            var at = $"Checklist[{i}]";
            CheckKey(at, Checklist[i].Key, itemKeys);
            CheckLabel(at + ".TextZh", Checklist[i].TextZh, 500);
            CheckLength(at + ".TextEn", Checklist[i].TextEn, 800);
        }
        return errors;

        void CheckKey(string at, string key, HashSet<string> seen)
        {
            if (string.IsNullOrEmpty(key) || !KeyPattern().IsMatch(key))
            {
                Add(at + ".Key", "FundCallKeyFormat", key ?? "");
            }
            else if (!seen.Add(key))
            {
                Add(at + ".Key", "FundCallDuplicateKey", key);
            }
        }

        void CheckLabel(string at, string? text, int max)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Add(at, "Required", at);
            }
            else
            {
                CheckLength(at, text, max);
            }
        }

        void CheckLength(string at, string? text, int max)
        {
            if (text?.Length > max)
            {
                Add(at, "FieldTooLong", at, max);
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex KeyPattern();

    /// <summary>
    /// The starting point of a new call: generic forms, rubric and checklist drawn from how Chinese science funds write
    /// their guides, for the city to edit. Nothing here is a zone rule; every value is a setting.
    /// </summary>
    public static FundCallRules Template(IEnumerable<string> topicCodes, IEnumerable<string> applicantKinds) => new()
    {
        ApplicantKinds = applicantKinds.ToList(),
        MaxGrantFen = 2_000_000L * 100,
        MinSelfFundingPercent = 100,
        Topics = topicCodes.Select(t => new CallTopic { TopicCode = t, Form = TemplateForm }).ToList(),
        Rubric =
        [
            new() { Key = "innovation", NameZh = "创新性与先进性", NameEn = "Innovation and advancement", Weight = 30, Min = 0, Max = 10 },
            new() { Key = "feasibility", NameZh = "实施方案可行性", NameEn = "Feasibility of the implementation plan", Weight = 25, Min = 0, Max = 10 },
            new() { Key = "impact", NameZh = "预期成效与示范带动", NameEn = "Expected results and demonstration effect", Weight = 25, Min = 0, Max = 10 },
            new() { Key = "capacity", NameZh = "团队与实施基础", NameEn = "Team and track record", Weight = 10, Min = 0, Max = 10 },
            new() { Key = "budget", NameZh = "预算合理性", NameEn = "Soundness of the budget", Weight = 10, Min = 0, Max = 10 },
        ],
        Checklist =
        [
            new() { Key = "materials", TextZh = "申报材料齐全、签章完整", TextEn = "All required documents present, signed and stamped" },
            new() { Key = "applicant", TextZh = "申报主体符合指南要求", TextEn = "The applicant meets the guide's requirements" },
            new() { Key = "budget", TextZh = "预算编制符合要求，自筹资金落实", TextEn = "Budget prepared as required; self-funding secured" },
            new() { Key = "pledge", TextZh = "已签署科研诚信承诺书", TextEn = "Research integrity pledge signed" },
            new() { Key = "no-duplicate", TextZh = "无重复申报或多头申报", TextEn = "No duplicate application to other funds" },
        ],
    };

    private static readonly IReadOnlyList<FormField> TemplateForm =
    [
        new() { Key = "summary", LabelZh = "项目概要", LabelEn = "Project summary", Kind = FormFieldKind.LongText, Required = true, MaxLength = 2000 },
        new() { Key = "background", LabelZh = "立项背景与必要性", LabelEn = "Background and need", Kind = FormFieldKind.LongText, Required = true, MaxLength = 5000 },
        new() { Key = "plan", LabelZh = "实施方案与进度安排", LabelEn = "Implementation plan and schedule", Kind = FormFieldKind.LongText, Required = true, MaxLength = 8000 },
        new() { Key = "outcomes", LabelZh = "预期成效", LabelEn = "Expected results", Kind = FormFieldKind.LongText, Required = true, MaxLength = 5000 },
        new() { Key = "basis", LabelZh = "已有工作基础", LabelEn = "Work already done", Kind = FormFieldKind.LongText, MaxLength = 5000 },
    ];
}
