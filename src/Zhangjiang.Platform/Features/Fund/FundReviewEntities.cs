using Zhangjiang.Platform.Data;

namespace Zhangjiang.Platform.Features.Fund;

/// <summary>
/// An expert in the review pool (评审专家库). The account they sign in with (role Reviewer) is named by
/// <see cref="UserName"/>; conflicts of interest are found from <see cref="InstitutionCreditCode"/> and
/// <see cref="AffiliatedCreditCodes"/> (group companies, boards, recent employers) against the applicant.
/// </summary>
public sealed class FundExpert : IVersioned
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public string? UserName { get; set; }
    public required string Institution { get; set; }
    public string? InstitutionCreditCode { get; set; }
    /// <summary>Organisations the expert is tied to besides their institution (its group, boards they sit on), comma-separated codes.</summary>
    public string AffiliatedCreditCodes { get; set; } = "";
    public string? Title { get; set; }
    /// <summary>Topic codes the expert reviews (comma-separated): an application is only drawn to experts of its topic.</summary>
    public required string Topics { get; set; }
    /// <summary>GB/T 4754 industry prefixes the expert knows best (comma-separated): preferred for firms of those industries.</summary>
    public string Industries { get; set; } = "";
    public bool Available { get; set; } = true;
    /// <summary>At most this many applications of one call.</summary>
    public int MaxPerCall { get; set; } = 40;
    public DateTime CreatedUtc { get; set; }
    public Guid Version { get; set; }
}

/// <summary>A recorded draw: with the pool, the applications and this seed, the same experts come out again.</summary>
public sealed class FundExpertDraw
{
    public Guid Id { get; set; }
    public Guid CallId { get; set; }
    public long Seed { get; set; }
    /// <summary>Null for the call's main draw; the application a replacement was drawn for otherwise.</summary>
    public Guid? ForApplicationId { get; set; }
    public DateTime AtUtc { get; set; }
    public required string By { get; set; }
    public int Assigned { get; set; }
    /// <summary>Applications that got fewer experts than the call asks for, and the experts left out with why (JSON).</summary>
    public string ReportJson { get; set; } = "{}";
    /// <summary>The pool and applications exactly as the draw saw them (JSON), so it can be run again and compared.</summary>
    public string InputsJson { get; set; } = "{}";
}

public enum ReviewAssignmentStatus
{
    /// <summary>Drawn: the expert sees the applicant and the title only, and must declare before anything else.</summary>
    AwaitingDeclaration = 0,
    /// <summary>Declared no conflict: the application is open to the expert until the review deadline.</summary>
    Accepted = 1,
    /// <summary>The expert declared a conflict; a replacement was drawn.</summary>
    Conflict = 2,
    Submitted = 3,
    /// <summary>Withdrawn by the city (e.g. the expert became unavailable).</summary>
    Revoked = 4,
}

/// <summary>One expert on one application.</summary>
public sealed class ReviewAssignment : IVersioned
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid ExpertId { get; set; }
    public Guid DrawId { get; set; }
    public ReviewAssignmentStatus Status { get; set; }
    public DateTime AssignedUtc { get; set; }
    public DateTime? DeclaredUtc { get; set; }
    public string? ConflictReason { get; set; }
    public DateTime? SubmittedUtc { get; set; }
    /// <summary>The weighted score (0–100) of the submitted criterion scores under the call's rubric.</summary>
    public double? WeightedScore { get; set; }
    public string? OverallComment { get; set; }
    public List<ReviewScore> Scores { get; set; } = [];
    public Guid Version { get; set; }
}

/// <summary>An expert's score on one rubric criterion, with an optional comment.</summary>
public sealed class ReviewScore
{
    public long Id { get; set; }
    public Guid AssignmentId { get; set; }
    public required string CriterionKey { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
}
