using System.Globalization;
using Grpc.Core;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.Server.Caching;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>ListServices: namespace scope, selectors, and paging with opaque, filter-bound page tokens.</summary>
public sealed class ServiceListTests : IAsyncLifetime
{
    private static readonly string[] TeamA = ["a-api", "a-cache", "a-db", "a-web", "a-worker", "a-queue", "a-auth"];

    private KubeRpcHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync().DefaultTimeout();
        await _host.CreateNamespaceAsync("team-a");
        await _host.CreateNamespaceAsync("team-b");
        foreach (var name in TeamA)
        {
            var service = ServiceTestKit.ClusterIp(name, "team-a");
            service.Metadata.Labels["tier"] = name is "a-web" or "a-api" ? "front" : "back";
            if (name == "a-api")
            {
                service.Metadata.Labels["canary"] = "true";
                service.Spec.Type = ServiceType.NodePort;
            }
            await _host.CreateAsync(service);
        }
        await _host.CreateAsync(ServiceTestKit.ClusterIp("b-web", "team-b"));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<ListServicesResponse> ListAsync(ListServicesRequest request) => _host.Services.ListServicesAsync(request).Bounded();

    /// <summary>A server of its own with one setting (and <paramref name="clock"/>), and Services a, b and c in default (beside kubernetes).</summary>
    private static async Task<KubeRpcHost> StartWithServicesAsync(string setting, string value, TimeProvider? clock = null)
    {
        var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { [setting] = value },
            clock is null ? null : services => services.AddSingleton(clock)).DefaultTimeout();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await host.CreateAsync(ServiceTestKit.ClusterIp(name, "default"));
        }
        return host;
    }

    private static IEnumerable<string> Names(ListServicesResponse response) => response.Services.Select(s => s.Metadata.Name);

    [Fact]
    public async Task ListServices_Namespace_OnlyThatNamespaceInNameOrder()
    {
        var response = await ListAsync(new ListServicesRequest { Namespace = "team-a" });

        Assert.Equal(TeamA.Order(StringComparer.Ordinal), Names(response));
        Assert.All(response.Services, s => Assert.Equal("team-a", s.Metadata.Namespace));
        Assert.Equal("", response.NextPageToken);
        Assert.True(long.Parse(response.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task ListServices_AllNamespaces_EveryNamespaceOrderedByNamespaceThenName()
    {
        var response = await ListAsync(new ListServicesRequest());

        var keys = response.Services.Select(s => $"{s.Metadata.Namespace}/{s.Metadata.Name}").ToList();
        Assert.Contains("default/kubernetes", keys);
        Assert.Contains("team-b/b-web", keys);
        Assert.Equal(TeamA.Length + 2, keys.Count);
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task ListServices_LabelSelector_OnlyMatches()
    {
        var response = await ListAsync(new ListServicesRequest { Namespace = "team-a", LabelSelector = "tier in (front),!canary" });

        Assert.Equal(["a-web"], Names(response));
    }

    [Fact]
    public async Task ListServices_SetBasedLabelSelectorAcrossNamespaces_OnlyMatches()
    {
        var response = await ListAsync(new ListServicesRequest { LabelSelector = "app in (a-db,b-web)" });

        Assert.Equal(["a-db", "b-web"], Names(response));
    }

    [Fact]
    public async Task ListServices_FieldSelectors_OnlyMatches()
    {
        var byName = await ListAsync(new ListServicesRequest { Namespace = "team-a", FieldSelector = "metadata.name=a-cache" });
        var byType = await ListAsync(new ListServicesRequest { FieldSelector = "spec.type=NodePort" });
        var notName = await ListAsync(new ListServicesRequest { Namespace = "team-a", FieldSelector = "metadata.name!=a-cache" });

        Assert.Equal(["a-cache"], Names(byName));
        Assert.Equal(["a-api"], Names(byType));
        Assert.Equal(TeamA.Length - 1, notName.Services.Count);
    }

    [Fact]
    public async Task ListServices_PageSize_WalksEveryObjectOnceAcrossPages()
    {
        var seen = new List<string>();
        var pages = 0;
        var request = new ListServicesRequest { Namespace = "team-a", PageSize = 3 };
        do
        {
            var page = await ListAsync(request);
            Assert.InRange(page.Services.Count, 1, 3);
            seen.AddRange(Names(page));
            pages++;
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0 && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(TeamA.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task ListServices_WritesDuringWalk_EveryPageShowsTheFirstPagesSnapshotAtItsVersion()
    {
        var first = await ListAsync(new ListServicesRequest { Namespace = "team-a", PageSize = 2 });
        // Between pages: one new object sorts before the cursor, one after; an unseen one changes, another goes.
        await _host.CreateAsync(ServiceTestKit.ClusterIp("a-aaa", "team-a"));
        await _host.CreateAsync(ServiceTestKit.ClusterIp("a-zzz", "team-a"));
        await _host.Services.PatchServiceAsync(new PatchServiceRequest
        {
            Namespace = "team-a",
            Name = "a-worker",
            PatchType = PatchType.MergePatch,
            Patch = """{"metadata":{"labels":{"touched":"yes"}}}""",
        }).Bounded();
        await _host.Services.DeleteServiceAsync(new DeleteServiceRequest { Namespace = "team-a", Name = "a-web" }).Bounded();
        var now = await ListAsync(new ListServicesRequest { Namespace = "team-a" });
        Assert.Contains("a-zzz", Names(now));

        var pages = new List<ListServicesResponse> { first };
        for (var i = 0; pages[^1].NextPageToken.Length > 0 && i < 10; i++)
        {
            pages.Add(await ListAsync(new ListServicesRequest { Namespace = "team-a", PageSize = 2, PageToken = pages[^1].NextPageToken }));
        }

        // A List at V is the state a Watch from V continues from: so every page is the first page's state, at its version.
        var services = pages.SelectMany(p => p.Services).ToList();
        Assert.Equal(TeamA.Order(StringComparer.Ordinal), services.Select(s => s.Metadata.Name));
        Assert.DoesNotContain(services, s => s.Metadata.Labels.ContainsKey("touched"));
        Assert.All(pages, p => Assert.Equal(first.ResourceVersion, p.ResourceVersion));
        Assert.True(long.Parse(now.ResourceVersion, CultureInfo.InvariantCulture) > long.Parse(first.ResourceVersion, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ListServices_TokenWhoseSnapshotWasLetGo_OutOfRangeListAgain()
    {
        await using var host = await StartWithServicesAsync("Cache:PageSnapshots", "1");
        var walk = await host.Services.ListServicesAsync(new ListServicesRequest { Namespace = "default", PageSize = 1 }).Bounded();
        // Another listing of a newer state crowds the first one's snapshot out (one is kept here).
        await host.CreateAsync(ServiceTestKit.ClusterIp("d", "default"));
        var other = await host.Services.ListServicesAsync(new ListServicesRequest { Namespace = "default", PageSize = 1 }).Bounded();
        Assert.NotEmpty(other.NextPageToken);

        var e = await Assert.ThrowsAsync<RpcException>(() => host.Services.ListServicesAsync(
            new ListServicesRequest { Namespace = "default", PageSize = 1, PageToken = walk.NextPageToken }).Bounded());

        Assert.Equal(StatusCode.OutOfRange, e.StatusCode);
        Assert.Contains("too old to display a consistent list result", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("RESOURCE_VERSION_EXPIRED", e.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason);
        // The newer listing continues.
        var next = await host.Services.ListServicesAsync(
            new ListServicesRequest { Namespace = "default", PageSize = 1, PageToken = other.NextPageToken }).Bounded();
        Assert.Equal(other.ResourceVersion, next.ResourceVersion);
    }

    [Fact]
    public async Task ListServices_SnapshotLetGoButTheCacheUnchanged_ContinuesFromTheCache()
    {
        // As when the next page reaches another replica, or comes after the retention: the cache still shows the
        // first page's state, so the walk goes on.
        var clock = new FakeTimeProvider();
        await using var host = await StartWithServicesAsync("Cache:PageSnapshotRetention", "00:00:10", clock);
        var first = await host.Services.ListServicesAsync(new ListServicesRequest { Namespace = "default", PageSize = 2 }).Bounded();
        clock.Advance(TimeSpan.FromSeconds(11));

        var rest = await host.Services.ListServicesAsync(
            new ListServicesRequest { Namespace = "default", PageSize = 2, PageToken = first.NextPageToken }).Bounded();

        Assert.Equal(["a", "b", "c", "kubernetes"], Names(first).Concat(Names(rest)));
        Assert.Equal(first.ResourceVersion, rest.ResourceVersion);
        // The second page found the first page's snapshot past its retention and let it go (a last page holds none).
        Assert.Equal(0, host.ServerServices.GetRequiredService<CachedReads<Service, V1Service>>().Pages.Count);
    }

    [Fact]
    public async Task ListServices_TokenReusedWithOtherFilter_InvalidArgumentOnPageToken()
    {
        var first = await ListAsync(new ListServicesRequest { Namespace = "team-a", PageSize = 2 });
        Assert.NotEmpty(first.NextPageToken);

        foreach (var other in new[]
        {
            new ListServicesRequest { Namespace = "team-b", PageSize = 2, PageToken = first.NextPageToken },
            new ListServicesRequest { Namespace = "team-a", LabelSelector = "tier=back", PageSize = 2, PageToken = first.NextPageToken },
            new ListServicesRequest { Namespace = "team-a", FieldSelector = "metadata.name!=a-db", PageSize = 2, PageToken = first.NextPageToken },
        })
        {
            var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => ListAsync(other));
            e.AssertInfo("INVALID_REQUEST");
            Assert.Equal("page_token", Assert.Single(e.Violations().FieldViolations).Field);
        }
    }

    [Fact]
    public async Task ListServices_TokenWithSameFilterAndOtherPageSize_Continues()
    {
        var first = await ListAsync(new ListServicesRequest { Namespace = "team-a", PageSize = 2 });

        var rest = await ListAsync(new ListServicesRequest { Namespace = "team-a", PageSize = 100, PageToken = first.NextPageToken });

        Assert.Equal(TeamA.Order(StringComparer.Ordinal), Names(first).Concat(Names(rest)));
    }

    [Fact]
    public async Task ListServices_GarbageToken_InvalidArgumentOnPageToken()
    {
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => ListAsync(new ListServicesRequest { Namespace = "team-a", PageToken = "not-a-token!" }));

        e.AssertInfo("INVALID_REQUEST");
        Assert.Equal("page_token", Assert.Single(e.Violations().FieldViolations).Field);
    }

    [Fact]
    public async Task ListServices_NegativePageSize_InvalidArgumentOnPageSize()
    {
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => ListAsync(new ListServicesRequest { Namespace = "team-a", PageSize = -1 }));

        e.AssertInfo("INVALID_REQUEST");
        var violation = Assert.Single(e.Violations().FieldViolations);
        Assert.Equal("page_size", violation.Field);
    }

    [Fact]
    public async Task ListServices_EmptyNamespaceThatExistsNowhere_EmptyList()
    {
        var response = await ListAsync(new ListServicesRequest { Namespace = "nobody" });

        Assert.Empty(response.Services);
        Assert.Equal("", response.NextPageToken);
    }
}
