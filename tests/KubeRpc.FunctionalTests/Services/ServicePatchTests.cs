using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>PatchService with each patch type, with the list semantics that tell them apart.</summary>
public sealed class ServicePatchTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync().DefaultTimeout();
        var service = ServiceTestKit.ClusterIp("web");
        service.Spec.Ports.Add(ServiceTestKit.Port("metrics", 9090, 9090));
        await _host.CreateAsync(service);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Service> PatchAsync(PatchType type, string patch, string fieldManager = "", bool? force = null)
    {
        var request = new PatchServiceRequest { Namespace = "default", Name = "web", PatchType = type, Patch = patch, FieldManager = fieldManager };
        if (force is { } f)
        {
            request.Force = f;
        }
        return _host.Services.PatchServiceAsync(request).Bounded();
    }

    [Fact]
    public async Task PatchService_JsonPatch_AppliesOperationsInOrder()
    {
        var patched = await PatchAsync(PatchType.JsonPatch, """
            [
              {"op":"add","path":"/metadata/labels/tier","value":"front"},
              {"op":"replace","path":"/spec/ports/1/port","value":9100},
              {"op":"remove","path":"/spec/ports/0"}
            ]
            """);

        Assert.Equal("front", patched.Metadata.Labels["tier"]);
        var port = Assert.Single(patched.Spec.Ports);
        Assert.Equal(("metrics", 9100), (port.Name, port.Port));
        Assert.Equal(9100, (await _host.ReadDirectAsync("web")).Spec.Ports.Single().Port);
    }

    [Fact]
    public async Task PatchService_JsonPatchFailedTest_InvalidArgumentAndUnchanged()
    {
        var before = await _host.ReadDirectAsync("web");

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => PatchAsync(PatchType.JsonPatch,
            """[{"op":"test","path":"/spec/type","value":"NodePort"},{"op":"add","path":"/metadata/labels/tier","value":"x"}]"""));

        e.AssertInfo("INVALID");
        Assert.Equal(before.Metadata.ResourceVersion, (await _host.ReadDirectAsync("web")).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task PatchService_MergePatch_ReplacesListsWholeAndNullDeletesKeys()
    {
        var patched = await PatchAsync(PatchType.MergePatch, """
            {"metadata":{"labels":{"app":null,"tier":"api"}},"spec":{"ports":[{"name":"grpc","port":50051,"targetPort":50051}]}}
            """);

        Assert.False(patched.Metadata.Labels.ContainsKey("app"));
        Assert.Equal("api", patched.Metadata.Labels["tier"]);
        var port = Assert.Single(patched.Spec.Ports);
        Assert.Equal(("grpc", 50051, Protocol.Tcp), (port.Name, port.Port, port.Protocol));
    }

    [Fact]
    public async Task PatchService_StrategicMergePatch_MergesPortsByPort()
    {
        var patched = await PatchAsync(PatchType.StrategicMergePatch, """
            {"spec":{"ports":[{"port":9090,"targetPort":"metrics-http"},{"name":"https","port":443,"targetPort":8443}]}}
            """);

        var byPort = patched.Spec.Ports.ToDictionary(p => p.Port);
        Assert.Equal(3, byPort.Count);
        Assert.Equal(8080, byPort[80].TargetPort.IntValue);
        Assert.Equal("metrics", byPort[9090].Name);
        Assert.Equal("metrics-http", byPort[9090].TargetPort.StringValue);
        Assert.Equal("https", byPort[443].Name);
    }

    [Fact]
    public async Task PatchService_StrategicMergePatchDeleteDirective_RemovesOnePort()
    {
        var patched = await PatchAsync(PatchType.StrategicMergePatch, """{"spec":{"ports":[{"port":80,"$patch":"delete"}]}}""");

        Assert.Equal(["metrics"], patched.Spec.Ports.Select(p => p.Name));
    }

    [Fact]
    public async Task PatchService_ApplyPatch_SetsFieldsOwnedByManager()
    {
        var patched = await PatchAsync(PatchType.ApplyPatch, """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default","labels":{"owner":"ci"}}}
            """, fieldManager: "ci", force: true);

        Assert.Equal("ci", patched.Metadata.Labels["owner"]);
        Assert.Equal("web", patched.Metadata.Labels["app"]);
        var entry = Assert.Single(patched.Metadata.ManagedFields, m => m.Manager == "ci");
        Assert.Equal("Apply", entry.Operation);
        Assert.Contains("\"f:owner\"", entry.FieldsV1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchService_ApplyPatchOnMissingService_CreatesIt()
    {
        var request = new PatchServiceRequest
        {
            Namespace = "default",
            Name = "fresh",
            PatchType = PatchType.ApplyPatch,
            FieldManager = "ci",
            Patch = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"fresh"},"spec":{"ports":[{"port":80,"protocol":"TCP"}]}}""",
        };

        var created = await _host.Services.PatchServiceAsync(request).Bounded();

        Assert.NotEmpty(created.Metadata.Uid);
        Assert.Equal(80, created.Spec.Ports.Single().TargetPort.IntValue);
        Assert.True(await _host.ExistsDirectAsync("fresh"));
    }

    [Fact]
    public async Task PatchService_ForceWithMergePatch_InvalidArgument()
    {
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => PatchAsync(PatchType.MergePatch, """{"metadata":{"labels":{"x":"y"}}}""", force: true));

        // Kubernetes' own answer (422 on PatchOptions), passed through: KubeRpc does not pre-judge it.
        e.AssertInfo("INVALID");
        var violation = Assert.Single(e.Violations().FieldViolations);
        Assert.Equal(("force", "Forbidden: may not be specified for non-apply patch"), (violation.Field, violation.Description));
        Assert.False((await _host.ReadDirectAsync("web")).Metadata.Labels.ContainsKey("x"));
    }

    [Fact]
    public async Task PatchService_DryRun_ReturnsPatchedButStoresNothing()
    {
        var patched = await _host.Services.PatchServiceAsync(new PatchServiceRequest
        {
            Namespace = "default",
            Name = "web",
            PatchType = PatchType.MergePatch,
            Patch = """{"metadata":{"labels":{"tier":"dry"}}}""",
            DryRun = true,
        }).Bounded();

        Assert.Equal("dry", patched.Metadata.Labels["tier"]);
        Assert.False((await _host.ReadDirectAsync("web")).Metadata.Labels.ContainsKey("tier"));
    }

    [Fact]
    public async Task PatchService_MissingService_NotFound()
    {
        var e = await RpcErrors.FailsWith(StatusCode.NotFound, () => _host.Services.PatchServiceAsync(new PatchServiceRequest
        {
            Namespace = "default",
            Name = "nope",
            PatchType = PatchType.MergePatch,
            Patch = "{}",
        }).ResponseAsync);

        e.AssertInfo("NOT_FOUND");
        Assert.Equal("default/nope", e.Detail<Google.Rpc.ResourceInfo>()?.ResourceName);
    }
}
