namespace Zhangjiang.Platform.Features.Fund;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a tiny generator
/// whose every step is written here, so a recorded seed gives the same sequence on any .NET version (System.Random
/// promises no such thing; ADR 0011).
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

/// <summary>An expert as the draw sees them; <see cref="Load"/> is what they already hold in this call.</summary>
public sealed record DrawExpert(
    Guid Id, string Name, string Institution, string? InstitutionCreditCode, IReadOnlySet<string> Affiliations, IReadOnlySet<string> Topics,
    IReadOnlyList<string> Industries, int MaxPerCall, int Load);

/// <summary>
/// An application as the draw sees it: its applicant, the applicant's park operator, the names on the applicant's past
/// applications, the exclusions it named, the experts it has had already (never drawn again) and how many it still needs.
/// </summary>
public sealed record DrawApplication(
    Guid Id, string TrackingNumber, string TopicCode, string ApplicantCreditCode, string? IndustryCode, string? ParkOperatorCreditCode,
    IReadOnlySet<string> PastCoApplicants, IReadOnlyList<FundExclusion> Exclusions, IReadOnlySet<Guid> AlreadyDrawn, int Needed);

/// <summary>An expert kept off an application, and why (a conflict-of-interest rule).</summary>
public sealed record DrawConflict(Guid ApplicationId, Guid ExpertId, string Rule);

public sealed record DrawShortfall(Guid ApplicationId, int Needed, int Drawn);

public sealed record DrawResult(IReadOnlyList<(Guid ApplicationId, Guid ExpertId)> Assignments, IReadOnlyList<DrawConflict> Conflicts, IReadOnlyList<DrawShortfall> Shortfalls);

/// <summary>
/// The constrained random draw of experts. Applications are served in tracking-number order; for each, the experts who
/// review its topic, are below their cap, have not had it before and have no conflict are candidates; the least loaded
/// come first (workload balance), then those who know the applicant's industry, and ties are broken by one draw of the
/// generator per candidate in a fixed order. Same pool, applications and seed: same result.
/// </summary>
public static class ExpertDrawing
{
    public static DrawResult Draw(IReadOnlyList<DrawExpert> experts, IReadOnlyList<DrawApplication> applications, long seed)
    {
        ArgumentNullException.ThrowIfNull(experts);
        ArgumentNullException.ThrowIfNull(applications);
        var pool = experts.OrderBy(e => e.Id).ToArray();
        var load = pool.Select(e => e.Load).ToArray();
        var rng = new SplitMix64(unchecked((ulong)seed));
        var assignments = new List<(Guid, Guid)>();
        var conflicts = new List<DrawConflict>();
        var shortfalls = new List<DrawShortfall>();
        var candidates = new List<(int Index, int Load, int Industry, ulong Key)>(pool.Length);

        foreach (var application in applications.OrderBy(a => a.TrackingNumber, StringComparer.Ordinal))
        {
            candidates.Clear();
            for (var i = 0; i < pool.Length; i++)
            {
                var expert = pool[i];
                if (!expert.Topics.Contains(application.TopicCode) || application.AlreadyDrawn.Contains(expert.Id))
                {
                    continue;
                }
                if (ConflictOf(expert, application) is { } rule)
                {
                    conflicts.Add(new(application.Id, expert.Id, rule));
                    continue;
                }
                if (load[i] >= expert.MaxPerCall)
                {
                    continue;
                }
                var industry = application.IndustryCode is { } code && expert.Industries.Any(p => code.StartsWith(p, StringComparison.Ordinal)) ? 0 : 1;
                candidates.Add((i, load[i], industry, rng.Next()));
            }
            candidates.Sort((x, y) => x.Load != y.Load ? x.Load.CompareTo(y.Load) : x.Industry != y.Industry ? x.Industry.CompareTo(y.Industry) : x.Key.CompareTo(y.Key));
            var drawn = Math.Min(application.Needed, candidates.Count);
            for (var k = 0; k < drawn; k++)
            {
                var index = candidates[k].Index;
                load[index]++;
                assignments.Add((application.Id, pool[index].Id));
            }
            if (drawn < application.Needed)
            {
                shortfalls.Add(new(application.Id, application.Needed, drawn));
            }
        }
        return new DrawResult(assignments, conflicts, shortfalls);
    }

    /// <summary>
    /// The first conflict-of-interest rule the pair breaks, or null: same organisation, same group (the applicant among
    /// the expert's affiliations), the applicant park's operator, a past co-applicant, or an exclusion the applicant named.
    /// </summary>
    public static string? ConflictOf(DrawExpert expert, DrawApplication application)
    {
        ArgumentNullException.ThrowIfNull(expert);
        ArgumentNullException.ThrowIfNull(application);
        if (expert.InstitutionCreditCode == application.ApplicantCreditCode)
        {
            return "same-organisation";
        }
        if (expert.Affiliations.Contains(application.ApplicantCreditCode))
        {
            return "same-group";
        }
        if (application.ParkOperatorCreditCode is { } operatorCode
            && (expert.InstitutionCreditCode == operatorCode || expert.Affiliations.Contains(operatorCode)))
        {
            return "park-operator";
        }
        if (application.PastCoApplicants.Contains(expert.Name))
        {
            return "past-co-applicant";
        }
        foreach (var exclusion in application.Exclusions)
        {
            if (string.Equals(exclusion.Name.Trim(), expert.Name, StringComparison.Ordinal)
                && (string.IsNullOrWhiteSpace(exclusion.Institution) || expert.Institution.Contains(exclusion.Institution.Trim(), StringComparison.Ordinal)
                    || exclusion.Institution.Contains(expert.Institution, StringComparison.Ordinal)))
            {
                return "named-exclusion";
            }
        }
        return null;
    }
}
