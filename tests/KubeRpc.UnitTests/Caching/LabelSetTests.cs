using KubeRpc.Machinery.Selection;
using KubeRpc.Server.Caching;

namespace KubeRpc.UnitTests.Caching;

public sealed class LabelSetTests
{
    private static readonly string[] AbsentKeys = ["", "a", "k", "k0", "kffffffff.example/99x", "zzz"];

    [Fact]
    public void From_UnsortedLabels_LooksUpEveryKeyAndEnumeratesInKeyOrder()
    {
        var labels = LabelSet.From(new Dictionary<string, string> { ["tier"] = "web", ["app"] = "shop", ["env"] = "prod" });
        Assert.Equal(3, labels.Count);
        Assert.Equal("shop", labels["app"]);
        Assert.False(labels.TryGetValue("missing", out _));
        Assert.Equal(["app", "env", "tier"], labels.Select(l => l.Key));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(90_000)]
    public void TryGetValue_AnySize_AgreesWithADictionary(int count)
    {
        var random = new Random(count);
        var source = new Dictionary<string, string>(StringComparer.Ordinal);
        while (source.Count < count)
        {
            source[$"k{random.Next():x8}.example/{random.Next(100)}"] = random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var labels = LabelSet.From(source);

        foreach (var (key, value) in source)
        {
            Assert.True(labels.TryGetValue(key, out var found), key);
            Assert.Equal(value, found);
        }
        // Absent keys sort before, between and after the present ones.
        foreach (var absent in AbsentKeys.Where(k => !source.ContainsKey(k)))
        {
            Assert.False(labels.TryGetValue(absent, out _), absent);
        }
    }

    [Fact]
    public void LabelSelector_MatchesLabelSet_AsItMatchesADictionary()
    {
        var labels = LabelSet.From(new Dictionary<string, string> { ["app"] = "shop", ["tier"] = "web" });
        Assert.True(LabelSelector.Parse("app=shop,tier in (web,api)").Matches(labels));
        Assert.False(LabelSelector.Parse("app=shop,!tier").Matches(labels));
        Assert.True(LabelSelector.Parse("env!=prod").Matches(labels));
    }

    [Fact]
    public void Mutation_IsRefused()
    {
        IDictionary<string, string> labels = LabelSet.From(new Dictionary<string, string> { ["app"] = "shop" });
        Assert.Throws<NotSupportedException>(() => labels.Add("x", "y"));
        Assert.Throws<NotSupportedException>(() => labels["app"] = "other");
    }

    [Fact]
    public void StringPool_SharesEqualStrings_UntilFull()
    {
        var pool = new StringPool(capacity: 2);
        var first = pool.Share(new string("frontend".AsSpan()));
        Assert.Same(first, pool.Share(new string("frontend".AsSpan())));
        pool.Share(new string("backend".AsSpan()));
        var late = new string("late".AsSpan());
        Assert.Same(late, pool.Share(late));
        Assert.NotSame(pool.Share(new string("late".AsSpan())), late);
        Assert.Equal(2, pool.Count);
    }
}
