namespace Zhangjiang.Platform.Features.Identity;

/// <summary>The platform's roles (DESIGN.md §3). The three administrator duties are separate (等保 三员分立).</summary>
public static class Roles
{
    public const string CityAdmin = "CityAdmin";
    public const string CityStaff = "CityStaff";
    public const string SecurityAdmin = "SecurityAdmin";
    public const string AuditAdmin = "AuditAdmin";
    public const string DistrictOfficer = "DistrictOfficer";
    public const string ParkManager = "ParkManager";
    public const string Operator = "Operator";
    public const string Enterprise = "Enterprise";
    public const string Reviewer = "Reviewer";

    public static readonly IReadOnlyList<string> All =
        [CityAdmin, CityStaff, SecurityAdmin, AuditAdmin, DistrictOfficer, ParkManager, Operator, Enterprise, Reviewer];

    /// <summary>Roles that must use two-factor sign-in.</summary>
    public static readonly IReadOnlyList<string> RequireTwoFactor = [CityAdmin, SecurityAdmin];

    /// <summary>Administrator duties that one account may not combine.</summary>
    public static readonly IReadOnlyList<string> SeparatedDuties = [CityAdmin, SecurityAdmin, AuditAdmin];

    /// <summary>The kind of scope each role needs: park, district, organisation or none (zone-wide).</summary>
    public static ScopeKind ScopeOf(string role) => role switch
    {
        DistrictOfficer => ScopeKind.District,
        ParkManager => ScopeKind.Park,
        Operator or Enterprise => ScopeKind.Organisation,
        _ => ScopeKind.None,
    };

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}

public enum ScopeKind
{
    None = 0,
    District = 1,
    Park = 2,
    Organisation = 3,
}
