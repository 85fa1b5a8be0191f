using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Ingresses.IngressFixtures;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>ListIngresses: one namespace or all, label and field selectors, and stable paging.</summary>
public sealed class IngressListTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync().DefaultTimeout();
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            await _host.Kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }).DefaultTimeout();
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Ingress> Create(string name, string ns = Namespace, string app = "web") =>
        _host.Ingresses.CreateIngressAsync(new CreateIngressRequest
        {
            Ingress = Simple(name, ns, new Dictionary<string, string> { ["app"] = app }),
        }).Bounded();

    private Task<ListIngressesResponse> List(ListIngressesRequest request) => _host.Ingresses.ListIngressesAsync(request).Bounded();

    private static IEnumerable<string> Names(ListIngressesResponse response) =>
        response.Ingresses.Select(i => $"{i.Metadata.Namespace}/{i.Metadata.Name}");

    [Fact]
    public async Task ListIngresses_Namespace_OnlyThatNamespaceInNameOrder()
    {
        await Create("b", "team-a");
        await Create("a", "team-a");
        await Create("c", "team-b");

        var listed = await List(new ListIngressesRequest { Namespace = "team-a" });

        Assert.Equal(["team-a/a", "team-a/b"], Names(listed));
        Assert.Empty(listed.NextPageToken);
        Assert.NotEmpty(listed.ResourceVersion);
    }

    [Fact]
    public async Task ListIngresses_AllNamespaces_OrderedByNamespaceAndName()
    {
        await Create("z", "team-b");
        await Create("y", Namespace);
        await Create("x", "team-a");

        var listed = await List(new ListIngressesRequest());

        Assert.Equal(["default/y", "team-a/x", "team-b/z"], Names(listed));
    }

    [Theory]
    [InlineData("app=api", new[] { "default/api-1", "team-a/api-2" })]
    [InlineData("app in (api,admin)", new[] { "default/admin", "default/api-1", "team-a/api-2" })]
    [InlineData("app,app!=api", new[] { "default/admin", "default/web" })]
    [InlineData("missing-label", new string[0])]
    public async Task ListIngresses_LabelSelector_OnlyMatching(string selector, string[] expected)
    {
        await Create("api-1", app: "api");
        await Create("api-2", "team-a", app: "api");
        await Create("admin", app: "admin");
        await Create("web", app: "web");

        var listed = await List(new ListIngressesRequest { LabelSelector = selector });

        Assert.Equal(expected, Names(listed));
    }

    [Fact]
    public async Task ListIngresses_FieldSelectorOnName_OnlyThatIngress()
    {
        await Create("one");
        await Create("two");

        var listed = await List(new ListIngressesRequest { Namespace = Namespace, FieldSelector = "metadata.name=two" });

        Assert.Equal(["default/two"], Names(listed));
    }

    [Fact]
    public async Task ListIngresses_Paging_EveryIngressExactlyOnce()
    {
        var expected = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var ns = i % 2 == 0 ? "team-a" : "team-b";
            await Create($"page-{i}", ns);
            expected.Add($"{ns}/page-{i}");
        }
        expected.Sort(StringComparer.Ordinal);

        var seen = new List<string>();
        var pages = 0;
        var token = "";
        do
        {
            var page = await List(new ListIngressesRequest { PageSize = 2, PageToken = token });
            Assert.InRange(page.Ingresses.Count, 1, 2);
            seen.AddRange(Names(page));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0 && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task ListIngresses_WritesDuringPaging_SurvivorsSeenExactlyOnce()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await Create(name);
        }
        var first = await List(new ListIngressesRequest { Namespace = Namespace, PageSize = 2 });
        Assert.Equal(["default/a", "default/b"], Names(first));
        // Between pages: one already-seen Ingress goes, one not yet seen goes, and a new one comes.
        await _host.Ingresses.DeleteIngressAsync(new DeleteIngressRequest { Namespace = Namespace, Name = "a" }).Bounded();
        await _host.Ingresses.DeleteIngressAsync(new DeleteIngressRequest { Namespace = Namespace, Name = "d" }).Bounded();
        await Create("bb");

        var seen = new List<string>(Names(first));
        var token = first.NextPageToken;
        for (var pages = 0; token.Length > 0 && pages < 10; pages++)
        {
            var page = await List(new ListIngressesRequest { Namespace = Namespace, PageSize = 2, PageToken = token });
            seen.AddRange(Names(page));
            token = page.NextPageToken;
        }

        Assert.Empty(token);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Contains("default/c", seen);
        Assert.Contains("default/e", seen);
    }

    [Fact]
    public async Task ListIngresses_PageTokenWithOtherFilters_InvalidArgument()
    {
        await Create("p1");
        await Create("p2");
        var first = await List(new ListIngressesRequest { Namespace = Namespace, PageSize = 1 });
        Assert.NotEmpty(first.NextPageToken);

        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument, () => _host.Ingresses.ListIngressesAsync(
            new ListIngressesRequest { Namespace = Namespace, LabelSelector = "app=web", PageSize = 1, PageToken = first.NextPageToken }));

        Assert.Contains("other filters", e.Violation("page_token").Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListIngresses_NegativePageSize_InvalidArgument()
    {
        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument,
            () => _host.Ingresses.ListIngressesAsync(new ListIngressesRequest { PageSize = -1 }));

        Assert.Equal("must not be negative, got -1", e.Violation("page_size").Description);
    }

    [Fact]
    public async Task ListIngresses_MalformedLabelSelector_InvalidArgument()
    {
        var e = await IngressCalls.FailsWith(StatusCode.InvalidArgument,
            () => _host.Ingresses.ListIngressesAsync(new ListIngressesRequest { LabelSelector = "app in (a" }));

        Assert.NotEmpty(e.Violation("label_selector").Description);
    }

    [Fact]
    public async Task ListIngresses_AfterWrites_ResourceVersionAtLeastLastWrite()
    {
        await Create("first");
        var last = await Create("second");

        var listed = await List(new ListIngressesRequest
        {
            Namespace = Namespace,
            ReadOptions = new ReadOptions { MinResourceVersion = last.Metadata.ResourceVersion },
        });

        Assert.True(long.Parse(listed.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)
            >= long.Parse(last.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(last, listed.Ingresses.Single(i => i.Metadata.Name == "second"));
    }
}
