using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>ApplyService: server-side apply of a typed Service, idempotent, with field ownership and conflicts.</summary>
public sealed class ServiceApplyTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Service Desired()
    {
        var service = ServiceTestKit.ClusterIp("api");
        service.Spec.Ports.Add(ServiceTestKit.Port("metrics", 9090, 9090));
        return service;
    }

    private Task<Service> ApplyAsync(Service service, string manager = "deployer", bool force = false) =>
        _host.Services.ApplyServiceAsync(new ApplyServiceRequest { Service = service, FieldManager = manager, Force = force }).Bounded();

    [Fact]
    public async Task ApplyService_SameConfigTwice_SecondIsNoOp()
    {
        var first = await ApplyAsync(Desired());
        var second = await ApplyAsync(Desired());

        Assert.NotEmpty(first.Metadata.Uid);
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        Assert.Equal(first, second);
        var entry = Assert.Single(second.Metadata.ManagedFields);
        Assert.Equal(("deployer", "Apply"), (entry.Manager, entry.Operation));
    }

    [Fact]
    public async Task ApplyService_ChangedConfig_ChangeLandsAndDroppedPortRemoved()
    {
        var first = await ApplyAsync(Desired());
        var changed = Desired();
        changed.Spec.Ports.RemoveAt(1);
        changed.Spec.Ports[0].TargetPort = new IntOrString { IntValue = 8081 };
        changed.Metadata.Labels["tier"] = "api";

        var second = await ApplyAsync(changed);

        Assert.NotEqual(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        var port = Assert.Single(second.Spec.Ports);
        Assert.Equal(("http", 8081), (port.Name, port.TargetPort.IntValue));
        Assert.Equal("api", second.Metadata.Labels["tier"]);
        Assert.Equal(first.Spec.ClusterIp, second.Spec.ClusterIp);
        var direct = await _host.ReadDirectAsync("api");
        Assert.Equal(["http"], direct.Spec.Ports.Select(p => p.Name));
    }

    [Fact]
    public async Task ApplyService_OtherManagerOwnsField_AbortedWithConflictUntilForced()
    {
        await ApplyAsync(Desired());
        var rival = Desired();
        rival.Spec.Selector["app"] = "rival";

        var e = await RpcErrors.FailsWith(StatusCode.Aborted,
            () => _host.Services.ApplyServiceAsync(new ApplyServiceRequest { Service = rival, FieldManager = "rival" }).ResponseAsync);
        e.AssertInfo("CONFLICT");
        // spec.selector is an atomic map in Kubernetes: the whole map is owned, and conflicts, as one field.
        var violation = Assert.Single(e.Violations().FieldViolations);
        Assert.Equal((".spec.selector", "FieldManagerConflict"), (violation.Field, violation.Reason));
        Assert.Contains("conflict with \"deployer\"", violation.Description, StringComparison.Ordinal);
        Assert.Equal("api", (await _host.ReadDirectAsync("api")).Spec.Selector["app"]);

        var forced = await ApplyAsync(rival, manager: "rival", force: true);
        Assert.Equal("rival", forced.Spec.Selector["app"]);
    }

    [Fact]
    public async Task ApplyService_DryRun_StoresNothing()
    {
        var applied = await _host.Services.ApplyServiceAsync(new ApplyServiceRequest { Service = Desired(), FieldManager = "deployer", DryRun = true })
            .Bounded();

        Assert.Equal(2, applied.Spec.Ports.Count);
        Assert.False(await _host.ExistsDirectAsync("api"));
    }
}
