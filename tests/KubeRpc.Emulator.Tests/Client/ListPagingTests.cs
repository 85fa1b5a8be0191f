using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Storage;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>
/// Paged LISTs (limit/continue) against the unpaged list of the same snapshot: namespaces whose keys sort next
/// to each other, selectors, remainingItemCount, many walks at once, and expiry of the snapshot.
/// </summary>
public sealed class ListPagingTests : EmulatorTest
{
    // "a-b/…" sorts before "a/…" and "a0/…", "ab/…" after it: the neighbours a namespace's key range must exclude.
    private static readonly string[] Neighbours = ["a", "a-b", "a0", "ab"];

    public ListPagingTests()
        : base(new EmulatorOptions { History = new HistoryOptions { MinEvents = 1, MaxEvents = 60 } })
    {
    }

    public override async Task InitializeAsync()
    {
        foreach (var ns in Neighbours)
        {
            await Client.CoreV1.CreateNamespaceAsync(Objects.Namespace(ns)).DefaultTimeout();
            for (var i = 0; i < 5; i++)
            {
                var labels = new Dictionary<string, string> { ["tier"] = i % 2 == 0 ? "fe" : "be" };
                await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service($"s{i}", labels: labels), ns).DefaultTimeout();
            }
        }
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("a", null)]
    [InlineData("a-b", null)]
    [InlineData("a0", null)]
    [InlineData("default", null)]
    [InlineData("missing", null)]
    [InlineData(null, "tier=fe")]
    [InlineData("a", "tier=be")]
    public async Task List_EveryLimit_WalksExactlyTheUnpagedList(string? ns, string? selector)
    {
        var whole = await ListAsync(ns, selector, limit: null, token: null);
        foreach (var limit in new[] { 1, 2, 3, 7, 100 })
        {
            var names = new List<string>();
            string? token = null;
            do
            {
                var page = await ListAsync(ns, selector, limit, token);
                Assert.Equal(whole.Metadata.ResourceVersion, page.Metadata.ResourceVersion);
                Assert.True(page.Items.Count <= limit);
                names.AddRange(Names(page));
                token = page.Metadata.ContinueProperty;
                // Only an unfiltered list counts what is left, as kube-apiserver does.
                Assert.Equal(token is not null && selector is null ? whole.Items.Count - names.Count : null, page.Metadata.RemainingItemCount);
            }
            while (!string.IsNullOrEmpty(token));
            Assert.Equal(Names(whole), names);
        }
    }

    [Fact]
    public async Task List_ClusterScopedPages_WalkExactlyTheUnpagedList()
    {
        var whole = await Client.CoreV1.ListNamespaceAsync().DefaultTimeout();
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.CoreV1.ListNamespaceAsync(limit: 2, continueParameter: token).DefaultTimeout();
            names.AddRange(page.Items.Select(n => n.Metadata.Name));
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));
        Assert.Equal(whole.Items.Select(n => n.Metadata.Name), names);
    }

    [Fact]
    public async Task List_MoreWalksThanCachedViews_EachStaysOnItsOwnSnapshot()
    {
        // Each walk starts at a different version: the emulator keeps a few walks' views, so the later pages of
        // the first walks are served after their views were evicted, from the history.
        var walks = new List<(V1ServiceList First, List<string> Expected)>();
        for (var w = 0; w < 7; w++)
        {
            var first = await Client.CoreV1.ListNamespacedServiceAsync("a", limit: 2).DefaultTimeout();
            var all = await Client.CoreV1.ListNamespacedServiceAsync("a", resourceVersion: first.Metadata.ResourceVersion,
                resourceVersionMatch: "Exact").DefaultTimeout();
            walks.Add((first, Names(all)));
            await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service($"late-{w}"), "a").DefaultTimeout();
        }
        Assert.Equal(7, walks.Select(w => w.Expected.Count).Distinct().Count());
        foreach (var (first, expected) in walks)
        {
            var names = Names(first);
            var token = first.Metadata.ContinueProperty;
            while (!string.IsNullOrEmpty(token))
            {
                var page = await Client.CoreV1.ListNamespacedServiceAsync("a", limit: 2, continueParameter: token).DefaultTimeout();
                names.AddRange(Names(page));
                token = page.Metadata.ContinueProperty;
            }
            Assert.Equal(expected, names);
        }
    }

    [Fact]
    public async Task List_ContinueAfterItsSnapshotLeftTheHistory_Expired410()
    {
        var first = await Client.CoreV1.ListNamespacedServiceAsync("a", limit: 2).DefaultTimeout();
        var token = first.Metadata.ContinueProperty;
        // The walk's snapshot is served from a cached view; once the history is past it, the view must not be used.
        await Client.CoreV1.ListNamespacedServiceAsync("a", limit: 2, continueParameter: token).DefaultTimeout();
        for (var i = 0; i < 70; i++)
        {
            await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service($"churn-{i}"), "ab").DefaultTimeout();
        }
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.ListNamespacedServiceAsync("a", limit: 2, continueParameter: token));
        Assert.Equal(410, (int)e.Response.StatusCode);
        Assert.Equal("Expired", e.Status().Reason);
        Assert.StartsWith("The provided continue parameter is too old to display a consistent list result.", e.Status().Message);
    }

    [Fact]
    public async Task List_DuringWrites_HoldsExactlyTheObjectsAtOrBelowItsVersion()
    {
        // A list that claimed a version without holding that version's object would make an informer, which
        // watches from the list's version, miss the object for good.
        var created = new List<long>();
        var lists = new List<V1ServiceList>();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 150; i++)
            {
                var s = await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service($"race-{i}"), "ab").DefaultTimeout();
                created.Add(long.Parse(s.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
            }
        });
        while (!writer.IsCompleted)
        {
            lists.Add(await Client.CoreV1.ListNamespacedServiceAsync("ab").DefaultTimeout());
        }
        await writer.DefaultTimeout();
        foreach (var list in lists)
        {
            var rv = long.Parse(list.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
            var races = list.Items.Where(s => s.Metadata.Name.StartsWith("race-", StringComparison.Ordinal)).ToList();
            Assert.All(races, s => Assert.True(long.Parse(s.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) <= rv));
            Assert.Equal(created.Count(c => c <= rv), races.Count);
        }
    }

    private Task<V1ServiceList> ListAsync(string? ns, string? selector, int? limit, string? token) => ns is null
        ? Client.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: selector, limit: limit, continueParameter: token).DefaultTimeout()
        : Client.CoreV1.ListNamespacedServiceAsync(ns, labelSelector: selector, limit: limit, continueParameter: token).DefaultTimeout();

    private static List<string> Names(V1ServiceList list) =>
        list.Items.Select(s => $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}").ToList();
}
