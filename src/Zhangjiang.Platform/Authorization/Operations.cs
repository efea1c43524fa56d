using System.Security.Claims;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Zhangjiang.Platform.Features.Identity;

namespace Zhangjiang.Platform.Authorization;

/// <summary>Typed operations that resource-based handlers decide (DESIGN.md §3).</summary>
public static class Operations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
    public static readonly OperationAuthorizationRequirement Create = new() { Name = nameof(Create) };
    public static readonly OperationAuthorizationRequirement Submit = new() { Name = nameof(Submit) };
    public static readonly OperationAuthorizationRequirement Review = new() { Name = nameof(Review) };
    public static readonly OperationAuthorizationRequirement Publish = new() { Name = nameof(Publish) };
    /// <summary>See personal data unmasked (PIPL): always with a stated purpose, always audited.</summary>
    public static readonly OperationAuthorizationRequirement RevealPersonalData = new() { Name = nameof(RevealPersonalData) };
}

/// <summary>Claim types the platform adds to a signed-in user.</summary>
public static class ZjClaims
{
    public const string Park = "zj:park";
    public const string District = "zj:district";
    public const string Organisation = "zj:org";
    public const string DisplayName = "zj:name";
    public const string Culture = "zj:culture";
    public const string MustChangePassword = "zj:must_change_password";
    public const string MustEnrolTwoFactor = "zj:must_enrol_2fa";
    public const string SessionId = "zj:sid";

    public static string? ParkScope(this ClaimsPrincipal user) => user.FindFirst(Park)?.Value;
    public static string? DistrictScope(this ClaimsPrincipal user) => user.FindFirst(District)?.Value;
    public static string? OrganisationScope(this ClaimsPrincipal user) => user.FindFirst(Organisation)?.Value;
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    public static bool IsCityWide(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.CityAdmin) || user.IsInRole(Roles.CityStaff);
}

/// <summary>Named policies for endpoints; every endpoint names one (or is explicitly anonymous).</summary>
public static class Policies
{
    public const string SignedIn = "SignedIn";
    public const string CityAdmin = "CityAdmin";
    public const string CityStaffOrAdmin = "CityStaffOrAdmin";
    public const string SecurityAdmin = "SecurityAdmin";
    public const string AuditAdmin = "AuditAdmin";
    /// <summary>Any role that works with organisations: city, district, park, operator, enterprise.</summary>
    public const string OrganisationReaders = "OrganisationReaders";
    /// <summary>Who decides self-registrations: city staff, and park managers for their park's enterprises.</summary>
    public const string RegistrationReviewers = "RegistrationReviewers";
    /// <summary>Who works with the comprehensive evaluation: city staff, district officers, park managers.</summary>
    public const string EvaluationUsers = "EvaluationUsers";
    /// <summary>Who works with the enterprise registry: city, district, park, and enterprise/operator accounts (their own firm).</summary>
    public const string EnterpriseUsers = "EnterpriseUsers";
    /// <summary>Park-level enterprise data (statistics, roll-up, cultivation): city staff, district officers, park managers.</summary>
    public const string ParkDataUsers = "ParkDataUsers";
    /// <summary>Who works with fund applications: the city, park managers (their park's), operating agencies and enterprises (their own).</summary>
    public const string FundApplicationUsers = "FundApplicationUsers";
    /// <summary>Expert reviewers (their assignments).</summary>
    public const string FundReviewers = "FundReviewers";
    /// <summary>Who imports annual statistics: city staff for the zone, park managers for their park.</summary>
    public const string StatisticsImporters = "StatisticsImporters";
    /// <summary>Who edits park plans: city staff, and park managers (their park's plan).</summary>
    public const string PlanEditors = "PlanEditors";
}
