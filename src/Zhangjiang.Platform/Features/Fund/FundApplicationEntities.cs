using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>
/// Where an application stands (ADR 0011). Only the use cases move it, each move checked against the current status and
/// recorded as a <see cref="FundApplicationEvent"/> with who, when and why.
/// </summary>
public enum FundApplicationStatus
{
    Draft = 0,
    Submitted = 1,
    /// <summary>Returned by the formal review for correction (once), with a deadline.</summary>
    Returned = 2,
    /// <summary>Refused by the formal review, with its reason.</summary>
    FormalRejected = 3,
    /// <summary>Passed the formal review; with the experts.</summary>
    InReview = 4,
    Withdrawn = 5,
    /// <summary>Ranked above the funding line.</summary>
    Recommended = 6,
    /// <summary>Fundable but below the line: moves up when a recommended award is declined.</summary>
    Reserve = 7,
    NotFunded = 8,
    Approved = 9,
    /// <summary>The applicant declined the award, or it was withdrawn after the public notice.</summary>
    Declined = 10,
    Contracted = 11,
    /// <summary>Passed acceptance (验收).</summary>
    Accepted = 12,
    Closed = 13,
}

public static class FundApplicationStatuses
{
    /// <summary>An award the applicant holds (counted against the per-applicant cap of a year).</summary>
    public static readonly FundApplicationStatus[] Awarded =
        [FundApplicationStatus.Approved, FundApplicationStatus.Contracted, FundApplicationStatus.Accepted, FundApplicationStatus.Closed];

    /// <summary>What the applicant may still change.</summary>
    public static bool Editable(FundApplicationStatus status) => status is FundApplicationStatus.Draft or FundApplicationStatus.Returned;

    private static readonly System.Globalization.CultureInfo Chinese = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// Moves an application to <paramref name="to"/> with its event (who, when, from what, why): the one way every use
    /// case changes a status, so the history and the applicant's notice (written from the event) never miss a move.
    /// </summary>
    public static void Move(ZjDbContext db, FundApplication application, FundApplicationStatus to, string by, string? reason) =>
        Move(db, application, to, by, reason, null);

    /// <summary>A move whose reason the platform writes: stored in Chinese in the history, told to the applicant in both languages.</summary>
    public static void Move(ZjDbContext db, FundApplication application, FundApplicationStatus to, string by, Common.UserMessage reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Move(db, application, to, by, reason.Render(Chinese), reason);
    }

    private static void Move(ZjDbContext db, FundApplication application, FundApplicationStatus to, string by, string? reason, Common.UserMessage? message)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        db.FundApplicationEvents.Add(new FundApplicationEvent
        {
            ApplicationId = application.Id, AtUtc = db.UtcNow, By = by, From = application.Status, To = to, Reason = reason, ReasonMessage = message,
        });
        application.Status = to;
        application.UpdatedUtc = db.UtcNow;
    }
}

/// <summary>An application (申报书) to a call, by one operating agency or enterprise, under one of the call's topics.</summary>
public sealed class FundApplication : IVersioned
{
    public Guid Id { get; set; }
    public Guid CallId { get; set; }
    public required string TopicCode { get; set; }
    public required string KindCode { get; set; }
    public required string ApplicantCreditCode { get; set; }
    /// <summary>The applicant's name and park when the application was last saved or submitted (the registry may change later).</summary>
    public required string ApplicantName { get; set; }
    public string? ParkCode { get; set; }
    /// <summary>Given on submission: the call's code and a sequence, e.g. ZJ2027-01-0007.</summary>
    public string? TrackingNumber { get; set; }
    public string ProjectTitle { get; set; } = "";
    /// <summary>Σ of the budget lines' fund share and self-funding, kept with the lines so lists and caps need no join.</summary>
    public long RequestedFen { get; set; }
    public long SelfFundingFen { get; set; }
    /// <summary>The form's answers by field key (JSON object of strings).</summary>
    public string AnswersJson { get; set; } = "{}";
    /// <summary>Experts or institutions the applicant asks to be kept away from the review, with reasons (JSON).</summary>
    public string ExclusionsJson { get; set; } = "[]";
    public FundApplicationStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime? SubmittedUtc { get; set; }
    public string? SubmittedBy { get; set; }
    /// <summary>When the formal review returned it: the correction is due by then, and it can be returned only once.</summary>
    public DateTime? CorrectionDueUtc { get; set; }
    public bool ReturnedOnce { get; set; }
    /// <summary>The PDF copy made at (the last) submission, in the stored-file table.</summary>
    public Guid? SubmissionCopyId { get; set; }
    /// <summary>The formal review's checklist outcome (JSON list of item key, passed, note), its reviewer and time.</summary>
    public string? FormalReviewJson { get; set; }
    public string? FormalReviewedBy { get; set; }
    public DateTime? FormalReviewedUtc { get; set; }
    public string? SubmissionCopySha256 { get; set; }
    /// <summary>Set when the ranked list is published: the calibrated score, the place within the topic, the grant.</summary>
    public double? FinalScore { get; set; }
    public int? Rank { get; set; }
    public long? GrantFen { get; set; }
    public List<FundBudgetLine> BudgetLines { get; set; } = [];
    public List<FundTarget> Targets { get; set; } = [];
    public List<FundTeamMember> Team { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>One line of the project budget: what the fund pays and what the applicant pays itself, in fen.</summary>
public sealed class FundBudgetLine
{
    public int Id { get; set; }
    public Guid ApplicationId { get; set; }
    public int Order { get; set; }
    public required string Category { get; set; }
    public string? Description { get; set; }
    public long FundFen { get; set; }
    public long SelfFen { get; set; }
}

/// <summary>A declared target (绩效目标): becomes a KPI of the contract when the project is funded.</summary>
public sealed class FundTarget
{
    public int Id { get; set; }
    public Guid ApplicationId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public string Unit { get; set; } = "";
    public double? Baseline { get; set; }
    public double TargetValue { get; set; }
    public DateOnly DueOn { get; set; }
}

/// <summary>A member of the project team (their names are seen by reviewers; no contact data is asked for).</summary>
public sealed class FundTeamMember
{
    public int Id { get; set; }
    public Guid ApplicationId { get; set; }
    public int Order { get; set; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    public string? Organisation { get; set; }
    public string? Role { get; set; }
}

/// <summary>A PDF the applicant attached; the bytes are a <see cref="Files.StoredFile"/> under a generated id.</summary>
public sealed class FundAttachment
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public required string FileName { get; set; }
    public Guid StoredFileId { get; set; }
    public long Length { get; set; }
    public required string Sha256 { get; set; }
    public DateTime UploadedUtc { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>One move of an application's status: who, when, from what to what, and why. Applicants read their own.</summary>
public sealed class FundApplicationEvent
{
    public long Id { get; set; }
    public Guid ApplicationId { get; set; }
    public DateTime AtUtc { get; set; }
    public required string By { get; set; }
    public FundApplicationStatus? From { get; set; }
    public FundApplicationStatus To { get; set; }
    /// <summary>The reason as stored and shown in the history (Chinese when the platform wrote it).</summary>
    public string? Reason { get; set; }
    /// <summary>Not stored: the reason as a message, when the platform wrote it, so the applicant's notice reads in either language.</summary>
    public Common.UserMessage? ReasonMessage { get; set; }
}

/// <summary>An objection raised during the public notice (公示) against a listed application, and how it was resolved.</summary>
public sealed class FundObjection : IVersioned
{
    public Guid Id { get; set; }
    public Guid CallId { get; set; }
    public Guid ApplicationId { get; set; }
    public required string Text { get; set; }
    public DateTime SubmittedUtc { get; set; }
    public required string SubmittedBy { get; set; }
    public string? Resolution { get; set; }
    /// <summary>True: the objection stands and the award is withdrawn; false: dismissed; null: open.</summary>
    public bool? Upheld { get; set; }
    public DateTime? ResolvedUtc { get; set; }
    public string? ResolvedBy { get; set; }
    public Guid Version { get; set; }
}
