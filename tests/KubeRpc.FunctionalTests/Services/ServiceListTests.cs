using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

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
    public async Task ListServices_WritesDuringWalk_NoRepeatsOrSkipsOfObjectsThatStayed()
    {
        var first = await ListAsync(new ListServicesRequest { Namespace = "team-a", PageSize = 2 });
        // Between pages: one new object sorts before the cursor, one after; an unseen one changes.
        await _host.CreateAsync(ServiceTestKit.ClusterIp("a-aaa", "team-a"));
        await _host.CreateAsync(ServiceTestKit.ClusterIp("a-zzz", "team-a"));
        await _host.Services.PatchServiceAsync(new PatchServiceRequest
        {
            Namespace = "team-a",
            Name = "a-worker",
            PatchType = PatchType.MergePatch,
            Patch = """{"metadata":{"labels":{"touched":"yes"}}}""",
        }).Bounded();

        var seen = new List<string>(Names(first));
        var token = first.NextPageToken;
        for (var i = 0; token.Length > 0 && i < 10; i++)
        {
            var page = await ListAsync(new ListServicesRequest { Namespace = "team-a", PageSize = 2, PageToken = token });
            seen.AddRange(Names(page));
            token = page.NextPageToken;
        }

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Superset(TeamA.ToHashSet(), seen.ToHashSet());
        Assert.Subset(new HashSet<string>(["a-aaa", "a-zzz"]), seen.Except(TeamA).ToHashSet());
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
