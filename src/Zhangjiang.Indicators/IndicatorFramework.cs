namespace Zhangjiang.Indicators;

/// <summary>What a row of the framework (iMeta) describes.</summary>
public enum NodeKind
{
    /// <summary>A measured indicator (level 1).</summary>
    Indicator,
    /// <summary>A pillar, sub-index or index computed from its children (level 2 and up).</summary>
    Aggregate,
    /// <summary>A grouping column of the data (e.g. region), used by group imputation.</summary>
    Group,
    /// <summary>A column indicators can be divided by (e.g. population).</summary>
    Denominator,
    /// <summary>Any other column carried along unchanged.</summary>
    Other,
}

/// <summary>One row of the framework: an indicator, an aggregate, or a data column of another kind.</summary>
/// <param name="Code">Unique code (iCode).</param>
/// <param name="Name">Display name.</param>
/// <param name="Level">1 for indicators, 2.. for aggregates; 0 for groups, denominators and others.</param>
/// <param name="Parent">Code of the aggregate this node belongs to; null for the top.</param>
/// <param name="Weight">Weight relative to the siblings under the same parent.</param>
/// <param name="Direction">1 when higher is better, −1 when lower is better.</param>
/// <param name="Kind">What the row describes.</param>
/// <param name="Denominator">Optional code of the denominator column.</param>
/// <param name="Target">Optional target value (distance-to-target normalisation).</param>
/// <param name="Unit">Optional unit of measure.</param>
public sealed record FrameworkNode(
    string Code, string Name, int Level, string? Parent, double Weight, int Direction, NodeKind Kind,
    string? Denominator = null, double? Target = null, string? Unit = null);

/// <summary>
/// A validated hierarchy of indicators and aggregates of any depth. Nodes are numbered so that every child
/// comes before its parent: aggregation is a single pass over <see cref="Nodes"/>.
/// </summary>
public sealed class IndicatorFramework
{
    private readonly Dictionary<string, int> _index;

    private IndicatorFramework(IReadOnlyList<FrameworkNode> nodes, IReadOnlyList<FrameworkNode> columns, int[][] children, int[] parent)
    {
        Nodes = nodes;
        OtherColumns = columns;
        Children = children;
        ParentIndex = parent;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            _index[nodes[i].Code] = i;
        }
        IndicatorCount = nodes.Count(n => n.Kind == NodeKind.Indicator);
        MaxLevel = nodes.Max(n => n.Level);
    }

    /// <summary>Indicators first (in framework order), then aggregates by level: children always before parents.</summary>
    public IReadOnlyList<FrameworkNode> Nodes { get; }

    /// <summary>Group, denominator and other columns.</summary>
    public IReadOnlyList<FrameworkNode> OtherColumns { get; }

    /// <summary>For each node, the indexes of its children (empty for indicators).</summary>
    public int[][] Children { get; }

    /// <summary>For each node, the index of its parent, or −1 at the top.</summary>
    public int[] ParentIndex { get; }

    /// <summary>Number of indicators: they are <see cref="Nodes"/>[0 .. IndicatorCount).</summary>
    public int IndicatorCount { get; }

    /// <summary>The highest level (the index).</summary>
    public int MaxLevel { get; }

    /// <summary>Index of a node by code, or −1.</summary>
    public int IndexOf(string code) => _index.TryGetValue(code, out var i) ? i : -1;

    /// <summary>
    /// Validates rows and builds the framework. Refuses duplicate codes, unknown parents, cycles, indicators or
    /// aggregates without a parent path to the top, negative weights and a zero total weight among siblings;
    /// each message names the offending code.
    /// </summary>
    public static IndicatorFramework Create(IEnumerable<FrameworkNode> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var all = rows.ToList();
        var errors = new List<string>();
        foreach (var duplicate in all.GroupBy(r => r.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"duplicate code '{duplicate.Key}'");
        }
        var structural = all.Where(r => r.Kind is NodeKind.Indicator or NodeKind.Aggregate).ToList();
        var byCode = structural.GroupBy(r => r.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var node in structural)
        {
            if (string.IsNullOrWhiteSpace(node.Code))
            {
                errors.Add("a row has an empty code");
            }
            if (node.Weight < 0 || double.IsNaN(node.Weight) || double.IsInfinity(node.Weight))
            {
                errors.Add($"'{node.Code}': weight {node.Weight} is not a non-negative number");
            }
            if (node.Direction is not (1 or -1))
            {
                errors.Add($"'{node.Code}': direction must be 1 or -1, not {node.Direction}");
            }
            if (node.Kind == NodeKind.Indicator && node.Level != 1)
            {
                errors.Add($"'{node.Code}': an indicator must have level 1, not {node.Level}");
            }
            if (node.Kind == NodeKind.Aggregate && node.Level < 2)
            {
                errors.Add($"'{node.Code}': an aggregate must have level 2 or more, not {node.Level}");
            }
            if (node.Parent is { Length: > 0 } parent)
            {
                if (!byCode.TryGetValue(parent, out var p))
                {
                    errors.Add($"'{node.Code}': parent '{parent}' does not exist");
                }
                else if (p.Kind != NodeKind.Aggregate)
                {
                    errors.Add($"'{node.Code}': parent '{parent}' is not an aggregate");
                }
                else if (p.Level <= node.Level)
                {
                    errors.Add($"'{node.Code}': parent '{parent}' must be on a higher level ({p.Level} ≤ {node.Level})");
                }
            }
        }
        // Cycles (possible only when levels are inconsistent, but check the links themselves).
        foreach (var node in structural)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { node.Code };
            for (var parent = node.Parent; parent is { Length: > 0 } && byCode.TryGetValue(parent, out var p); parent = p.Parent)
            {
                if (!seen.Add(parent))
                {
                    errors.Add($"cycle through '{node.Code}'");
                    break;
                }
            }
        }
        var tops = structural.Where(n => string.IsNullOrEmpty(n.Parent)).ToList();
        if (structural.Count == 0)
        {
            errors.Add("the framework has no indicators");
        }
        foreach (var orphan in tops.Where(t => t.Kind == NodeKind.Indicator && structural.Any(n => n.Kind == NodeKind.Aggregate)))
        {
            errors.Add($"'{orphan.Code}': indicator without a parent (orphan)");
        }
        foreach (var aggregate in structural.Where(n => n.Kind == NodeKind.Aggregate))
        {
            var kids = structural.Where(n => string.Equals(n.Parent, aggregate.Code, StringComparison.Ordinal)).ToList();
            if (kids.Count == 0)
            {
                errors.Add($"'{aggregate.Code}': aggregate without children");
            }
            else if (kids.Sum(k => k.Weight) <= 0)
            {
                errors.Add($"'{aggregate.Code}': the weights of its children sum to zero");
            }
        }
        if (errors.Count > 0)
        {
            throw new FrameworkException(errors.Distinct(StringComparer.Ordinal).ToList());
        }

        var ordered = structural.Where(n => n.Kind == NodeKind.Indicator)
            .Concat(structural.Where(n => n.Kind == NodeKind.Aggregate).OrderBy(n => n.Level))
            .ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            index[ordered[i].Code] = i;
        }
        var parentIndex = ordered.Select(n => n.Parent is { Length: > 0 } p ? index[p] : -1).ToArray();
        var children = new int[ordered.Count][];
        for (var i = 0; i < ordered.Count; i++)
        {
            var list = new List<int>();
            for (var j = 0; j < ordered.Count; j++)
            {
                if (parentIndex[j] == i)
                {
                    list.Add(j);
                }
            }
            children[i] = [.. list];
        }
        return new IndicatorFramework(ordered, all.Where(n => n.Kind is not (NodeKind.Indicator or NodeKind.Aggregate)).ToList(), children, parentIndex);
    }

    /// <summary>A copy with other weights (same structure), e.g. for uncertainty analysis.</summary>
    public IndicatorFramework WithWeights(IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return Create(Nodes.Select(n => weights.TryGetValue(n.Code, out var w) ? n with { Weight = w } : n).Concat(OtherColumns));
    }
}

/// <summary>The framework is not valid; <see cref="Problems"/> names each offending code.</summary>
public sealed class FrameworkException(IReadOnlyList<string> problems)
    : Exception("Invalid indicator framework: " + string.Join("; ", problems))
{
    /// <summary>One message per problem.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
