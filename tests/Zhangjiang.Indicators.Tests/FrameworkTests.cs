namespace Zhangjiang.Indicators.Tests;

public sealed class FrameworkTests
{
    private static FrameworkException Invalid(params FrameworkNode[] rows) => Assert.Throws<FrameworkException>(() => IndicatorFramework.Create(rows));

    [Fact]
    public void Children_come_before_parents_at_any_depth()
    {
        var framework = IndicatorFramework.Create(
        [
            new FrameworkNode("Index", "Index", 4, null, 1, 1, NodeKind.Aggregate),
            new FrameworkNode("S", "Sub", 3, "Index", 1, 1, NodeKind.Aggregate),
            new FrameworkNode("P", "Pillar", 2, "S", 1, 1, NodeKind.Aggregate),
            new FrameworkNode("x", "x", 1, "P", 1, 1, NodeKind.Indicator),
        ]);
        Assert.Equal(["x", "P", "S", "Index"], framework.Nodes.Select(n => n.Code));
        Assert.Equal(1, framework.IndicatorCount);
        Assert.Equal([1], framework.Children[framework.IndexOf("S")]);
    }

    [Fact]
    public void Problems_name_the_offending_code()
    {
        Assert.Contains("duplicate code 'x'", Invalid(
            new("x", "x", 1, "I", 1, 1, NodeKind.Indicator), new("x", "x", 1, "I", 1, 1, NodeKind.Indicator), new("I", "I", 2, null, 1, 1, NodeKind.Aggregate)).Problems);
        Assert.Contains("'x': parent 'Nope' does not exist", Invalid(
            new("x", "x", 1, "Nope", 1, 1, NodeKind.Indicator), new("I", "I", 2, null, 1, 1, NodeKind.Aggregate), new("y", "y", 1, "I", 1, 1, NodeKind.Indicator)).Problems);
        Assert.Contains("'I': the weights of its children sum to zero", Invalid(
            new("x", "x", 1, "I", 0, 1, NodeKind.Indicator), new("I", "I", 2, null, 1, 1, NodeKind.Aggregate)).Problems);
        Assert.Contains(Invalid(new("x", "x", 1, "I", -1, 1, NodeKind.Indicator), new("I", "I", 2, null, 1, 1, NodeKind.Aggregate)).Problems,
            p => p.StartsWith("'x': weight -1", StringComparison.Ordinal));
        Assert.Contains("'y': indicator without a parent (orphan)", Invalid(
            new("x", "x", 1, "I", 1, 1, NodeKind.Indicator), new("y", "y", 1, null, 1, 1, NodeKind.Indicator), new("I", "I", 2, null, 1, 1, NodeKind.Aggregate)).Problems);
        Assert.Contains(Invalid(
            new("x", "x", 1, "A", 1, 1, NodeKind.Indicator), new("A", "A", 2, "B", 1, 1, NodeKind.Aggregate), new("B", "B", 2, "A", 1, 1, NodeKind.Aggregate)).Problems,
            p => p.Contains("cycle", StringComparison.Ordinal) || p.Contains("higher level", StringComparison.Ordinal));
        Assert.Contains("'E': aggregate without children", Invalid(
            new("x", "x", 1, "I", 1, 1, NodeKind.Indicator), new("I", "I", 3, null, 1, 1, NodeKind.Aggregate), new("E", "E", 2, "I", 1, 1, NodeKind.Aggregate)).Problems);
    }
}
