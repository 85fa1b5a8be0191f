using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Ingresses;
using KubeRpc.FunctionalTests.Services;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// A namespace or name that would change the request path (climb to another resource, reach another route, cut off
/// the query) is refused with INVALID_ARGUMENT before any Kubernetes call, on every RPC that takes one, and nothing
/// in the cluster changes. A value that is a legal path segment but names nothing (<c>web#</c>) reaches the API server
/// escaped as one segment and addresses nothing: NOT_FOUND, the dry run stays a dry run, and <c>web</c> is untouched.
/// </summary>
public sealed class PathTraversalTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public static TheoryData<string, string, string> Cases()
    {
        var hostile = new[]
        {
            "..", ".", "../../default", "../secrets/token", "../../../apis/networking.k8s.io/v1/namespaces/default/ingresses/web",
            "../../../../emulator/faults", "a/b", "%2e%2e", "..%2F..%2Fdefault", "web%23",
        };
        var data = new TheoryData<string, string, string>();
        foreach (var (rpc, field, _) in HostileCalls.Addressing())
        {
            foreach (var value in hostile)
            {
                data.Add(rpc, field, value);
            }
        }
        return data;
    }

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync().DefaultTimeout();
        await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        await _host.Ingresses.CreateIngressAsync(new KubeRpc.V1.CreateIngressRequest { Ingress = IngressFixtures.Simple("web") }).ResponseAsync.DefaultTimeout();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileSegment_InvalidArgumentBeforeAnyCall_NothingChanged(string rpc, string field, string value)
    {
        var (_, _, invoke) = HostileCalls.Addressing().Single(c => c.Rpc == rpc && c.Field == field);
        var before = await ClusterSnapshot.TakeAsync(_host.Kubernetes);
        _host.Emulator.Faults.FailNextRequests(1, 500);

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => invoke(_host, value));

        e.AssertInfo("INVALID_REQUEST");
        var violation = Assert.Single(e.Violations().FieldViolations, v => v.Field == field);
        Assert.Contains("may not", violation.Description, StringComparison.Ordinal);
        // The armed failure is still there: the call never reached the cluster.
        await RpcErrors.FailsWith(StatusCode.Internal, () => _host.Services.GetServiceAsync(new KubeRpc.V1.GetServiceRequest
        {
            Namespace = "default",
            Name = "web",
            ReadOptions = new KubeRpc.V1.ReadOptions { Consistency = KubeRpc.V1.Consistency.Strong },
        }).ResponseAsync);
        Assert.Equal(before, await ClusterSnapshot.TakeAsync(_host.Kubernetes));
    }

    [Theory]
    [InlineData("web#")]
    [InlineData("web?dryRun=All")]
    [InlineData("web?")]
    [InlineData("web?x=1&dryRun=All#")]
    public async Task QueryOrFragmentInName_EscapedAsOneSegment_NamesNothing(string name)
    {
        var before = await ClusterSnapshot.TakeAsync(_host.Kubernetes);

        // A real (not dry-run) delete and patch of a name ending where the query would begin: it names no object.
        await RpcErrors.FailsWith(StatusCode.NotFound, () => _host.Services.DeleteServiceAsync(
            new KubeRpc.V1.DeleteServiceRequest { Namespace = "default", Name = name }).ResponseAsync);
        await RpcErrors.FailsWith(StatusCode.NotFound, () => _host.Services.PatchServiceAsync(new KubeRpc.V1.PatchServiceRequest
        {
            Namespace = "default",
            Name = name,
            PatchType = KubeRpc.V1.PatchType.MergePatch,
            Patch = """{"metadata":{"labels":{"hit":"yes"}}}""",
        }).ResponseAsync);
        // A dry run on such a name stays a dry run: "web" is not deleted.
        await RpcErrors.FailsWith(StatusCode.NotFound, () => _host.Ingresses.DeleteIngressAsync(
            new KubeRpc.V1.DeleteIngressRequest { Namespace = "default", Name = name, DryRun = true }).ResponseAsync);

        Assert.Equal(before, await ClusterSnapshot.TakeAsync(_host.Kubernetes));
    }
}
