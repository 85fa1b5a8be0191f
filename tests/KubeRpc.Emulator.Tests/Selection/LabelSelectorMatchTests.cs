using KubeRpc.Machinery.Selection;

namespace KubeRpc.Emulator.Tests.Selection;

/// <summary>Matching; the expected sets were checked against kubectl 1.32's client-side label filtering.</summary>
public class LabelSelectorMatchTests
{
    private static readonly Dictionary<string, IDictionary<string, string>?> Objects = new()
    {
        ["a"] = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "fe", ["num"] = "5" },
        ["b"] = new Dictionary<string, string> { ["app"] = "db", ["num"] = "x" },
        ["c"] = null,
        ["d"] = new Dictionary<string, string> { ["app"] = "", ["num"] = "-3" },
    };

    private static string Select(string selector)
    {
        var parsed = LabelSelector.Parse(selector);
        return string.Join(",", Objects.Where(o => parsed.Matches(o.Value)).Select(o => o.Key));
    }

    [Theory]
    [InlineData("app=web", "a")]
    [InlineData("app==web", "a")]
    [InlineData("app!=web", "b,c,d")]
    [InlineData("app notin (web)", "b,c,d")]
    [InlineData("app in (web,db)", "a,b")]
    [InlineData("!app", "c")]
    [InlineData("app", "a,b,d")]
    [InlineData("app=", "d")]
    [InlineData("app in ()", "d")]
    [InlineData("app notin ()", "a,b,c")]
    [InlineData(" app  in ( web , db ) , tier ", "a")]
    [InlineData("app!=web,app!=db", "c,d")]
    [InlineData("num>4", "a")]
    [InlineData("num<0", "d")]
    [InlineData("num<6", "a,d")]
    [InlineData("num<10,app", "a,d")]
    [InlineData("num!=5", "b,c,d")]
    [InlineData("in in (in)", "")]
    [InlineData("", "a,b,c,d")]
    public void Matches_AgainstObjects_SameAsKubectl(string selector, string expected)
    {
        Assert.Equal(expected, Select(selector));
    }

    [Fact]
    public void Matches_NotEqualsOnAbsentKey_True()
    {
        Assert.True(LabelSelector.Parse("env!=prod").Matches(new Dictionary<string, string> { ["app"] = "web" }));
    }

    [Fact]
    public void Matches_NotInOnAbsentKey_True()
    {
        Assert.True(LabelSelector.Parse("env notin (prod,staging)").Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void Matches_NotInOnListedValue_False()
    {
        Assert.False(LabelSelector.Parse("env notin (prod,staging)").Matches(new Dictionary<string, string> { ["env"] = "staging" }));
    }

    [Fact]
    public void Matches_ValuesAreCaseSensitive()
    {
        Assert.False(LabelSelector.Parse("app=Web").Matches(new Dictionary<string, string> { ["app"] = "web" }));
    }

    [Fact]
    public void Matches_GreaterThanOnNonIntegerLabel_False()
    {
        Assert.False(LabelSelector.Parse("num>1").Matches(new Dictionary<string, string> { ["num"] = "x" }));
    }

    [Fact]
    public void TryGetExactMatch_EqualsOrSingleIn_ReturnsValue()
    {
        Assert.True(LabelSelector.Parse("a=1,b in (2)").TryGetExactMatch("b", out var value));
        Assert.Equal("2", value);
        Assert.False(LabelSelector.Parse("a!=1").TryGetExactMatch("a", out _));
        Assert.False(LabelSelector.Parse("a in (1,2)").TryGetExactMatch("a", out _));
    }
}
