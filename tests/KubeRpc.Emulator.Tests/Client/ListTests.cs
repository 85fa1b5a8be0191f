using k8s;
using k8s.Autorest;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>LIST semantics: selectors, paging from one snapshot, resourceVersion and resourceVersionMatch.</summary>
public sealed class ListTests : EmulatorTest
{
    private async Task CreateServicesAsync(int count, string ns = "default", int first = 0)
    {
        for (var i = first; i < first + count; i++)
        {
            var labels = new Dictionary<string, string> { ["tier"] = i % 2 == 0 ? "fe" : "be", ["index"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service($"svc-{i:D2}", labels: labels), ns).DefaultTimeout();
        }
    }

    [Fact]
    public async Task List_LabelSelectors_MatchAsKubernetesDoes()
    {
        await CreateServicesAsync(6);
        async Task<string[]> Names(string selector) =>
            (await Client.CoreV1.ListNamespacedServiceAsync("default", labelSelector: selector).DefaultTimeout())
            .Items.Select(s => s.Metadata.Name).ToArray();

        Assert.Equal(["svc-00", "svc-02", "svc-04"], await Names("tier=fe"));
        Assert.Equal(["kubernetes", "svc-01", "svc-03", "svc-05"], await Names("tier!=fe"));
        Assert.Equal(["svc-01", "svc-02"], await Names("index in (1,2)"));
        Assert.Equal(["kubernetes"], await Names("!tier"));
        Assert.Equal(["svc-00", "svc-02"], await Names("tier=fe,index notin (4)"));
    }

    [Fact]
    public async Task List_BadLabelSelector_BadRequest()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedServiceAsync("default", labelSelector: "a in (b"));
        Assert.Equal(400, (int)e.Response.StatusCode);
        Assert.Equal("BadRequest", e.Status().Reason);
        Assert.Equal("unable to parse requirement: found '', expected: ',' or ')'", e.Status().Message);
    }

    [Fact]
    public async Task List_BadFieldSelector_BadRequest()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedServiceAsync("default", fieldSelector: "metadata.name"));
        Assert.Equal(400, (int)e.Response.StatusCode);
        Assert.Equal("BadRequest", e.Status().Reason);
        Assert.Equal("invalid selector: 'metadata.name'; can't understand 'metadata.name'", e.Status().Message);
    }

    [Fact]
    public async Task List_FieldSelectors_SupportedAndUnsupported()
    {
        await CreateServicesAsync(2);
        var byName = await Client.CoreV1.ListServiceForAllNamespacesAsync(fieldSelector: "metadata.name=svc-01").DefaultTimeout();
        Assert.Equal("svc-01", byName.Items.Single().Metadata.Name);
        var byType = await Client.CoreV1.ListServiceForAllNamespacesAsync(fieldSelector: "spec.type!=ClusterIP").DefaultTimeout();
        Assert.DoesNotContain(byType.Items, s => s.Spec.Type == "ClusterIP");
        var core = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedServiceAsync("default", fieldSelector: "spec.foo=x"));
        Assert.Equal("field label not supported: spec.foo", core.Status().Message);
        var networking = await Assert.ThrowsAsync<HttpOperationException>(() => Client.NetworkingV1.ListNamespacedIngressAsync("default", fieldSelector: "spec.foo=x"));
        Assert.Equal("\"spec.foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"", networking.Status().Message);
    }

    [Fact]
    public async Task List_Pages_ComeFromOneSnapshot()
    {
        await CreateServicesAsync(5);
        var first = await Client.CoreV1.ListNamespacedServiceAsync("default", limit: 2).DefaultTimeout();
        Assert.Equal(["kubernetes", "svc-00"], first.Items.Select(s => s.Metadata.Name));
        Assert.Equal(4, first.Metadata.RemainingItemCount);
        // Changes after the first page must not show in later pages.
        await Client.CoreV1.DeleteNamespacedServiceAsync("svc-03", "default").DefaultTimeout();
        await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("svc-99"), "default").DefaultTimeout();
        var names = first.Items.Select(s => s.Metadata.Name).ToList();
        var token = first.Metadata.ContinueProperty;
        while (!string.IsNullOrEmpty(token))
        {
            var page = await Client.CoreV1.ListNamespacedServiceAsync("default", limit: 2, continueParameter: token).DefaultTimeout();
            Assert.Equal(first.Metadata.ResourceVersion, page.Metadata.ResourceVersion);
            names.AddRange(page.Items.Select(s => s.Metadata.Name));
            token = page.Metadata.ContinueProperty;
        }
        Assert.Equal(["kubernetes", "svc-00", "svc-01", "svc-02", "svc-03", "svc-04"], names);
    }

    [Fact]
    public async Task List_ResourceVersionZero_IgnoresLimit()
    {
        await CreateServicesAsync(3);
        var all = await Client.CoreV1.ListNamespacedServiceAsync("default", limit: 1, resourceVersion: "0").DefaultTimeout();
        Assert.Equal(4, all.Items.Count);
        Assert.Null(all.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task List_ExactOldVersion_ReturnsThatState()
    {
        await CreateServicesAsync(1);
        var before = await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout();
        await CreateServicesAsync(3, first: 1);
        var exact = await Client.CoreV1.ListNamespacedServiceAsync("default", resourceVersion: before.Metadata.ResourceVersion,
            resourceVersionMatch: "Exact").DefaultTimeout();
        Assert.Equal(before.Items.Select(s => s.Metadata.Name), exact.Items.Select(s => s.Metadata.Name));
    }

    [Fact]
    public async Task List_FutureVersion_Timeout504()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedServiceAsync("default", resourceVersion: "999999"));
        Assert.Equal(504, (int)e.Response.StatusCode);
        var status = e.Status();
        Assert.Equal("Timeout", status.Reason);
        Assert.StartsWith("Too large resource version: 999999, current: ", status.Message);
    }

    [Fact]
    public async Task List_MatchWithoutVersion_Invalid()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedServiceAsync("default", resourceVersionMatch: "Exact"));
        Assert.Equal(422, (int)e.Response.StatusCode);
        Assert.Equal("resourceVersionMatch", e.Status().Details.Causes.First().Field);
    }

    [Fact]
    public async Task List_BadContinueToken_BadRequest()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedServiceAsync("default", continueParameter: "garbage!"));
        Assert.Equal(400, (int)e.Response.StatusCode);
        Assert.StartsWith("invalid continue token", e.Status().Message);
    }

    [Fact]
    public async Task List_AllNamespaces_OrderedByNamespaceThenName()
    {
        await Client.CoreV1.CreateNamespaceAsync(Objects.Namespace("a-team")).DefaultTimeout();
        await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("zeta"), "a-team").DefaultTimeout();
        var all = await Client.CoreV1.ListServiceForAllNamespacesAsync().DefaultTimeout();
        Assert.Equal(["a-team/zeta", "default/kubernetes"], all.Items.Select(s => $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}"));
    }
}
