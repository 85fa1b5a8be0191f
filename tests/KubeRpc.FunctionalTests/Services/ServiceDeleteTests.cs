using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>DeleteService with preconditions, propagation policies and dry run.</summary>
public sealed class ServiceDeleteTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<Service> DeleteAsync(DeleteServiceRequest request) => _host.Services.DeleteServiceAsync(request).Bounded();

    [Fact]
    public async Task DeleteService_Existing_ReturnsDeletedObjectAndGetIsNotFound()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));

        var deleted = await DeleteAsync(new DeleteServiceRequest { Namespace = "default", Name = "web" });

        Assert.Equal(created.Metadata.Uid, deleted.Metadata.Uid);
        Assert.Equal(created.Spec.ClusterIp, deleted.Spec.ClusterIp);
        Assert.False(await _host.ExistsDirectAsync("web"));
        var e = await RpcErrors.FailsWith(StatusCode.NotFound,
            () => _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "web" }).ResponseAsync);
        e.AssertInfo("NOT_FOUND");
    }

    [Fact]
    public async Task DeleteService_WrongUidPrecondition_AbortedAndKept()
    {
        await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));

        var e = await RpcErrors.FailsWith(StatusCode.Aborted, () => DeleteAsync(new DeleteServiceRequest
        {
            Namespace = "default",
            Name = "web",
            Preconditions = new Preconditions { Uid = "00000000-0000-0000-0000-000000000000" },
        }));

        e.AssertInfo("CONFLICT");
        Assert.Contains("the UID in the precondition (00000000-0000-0000-0000-000000000000) does not match", e.Status.Detail, StringComparison.Ordinal);
        Assert.True(await _host.ExistsDirectAsync("web"));
    }

    [Fact]
    public async Task DeleteService_RightUidPrecondition_Deleted()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));

        var deleted = await DeleteAsync(new DeleteServiceRequest
        {
            Namespace = "default",
            Name = "web",
            Preconditions = new Preconditions { Uid = created.Metadata.Uid, ResourceVersion = created.Metadata.ResourceVersion },
        });

        Assert.Equal(created.Metadata.Uid, deleted.Metadata.Uid);
        Assert.False(await _host.ExistsDirectAsync("web"));
    }

    [Fact]
    public async Task DeleteService_StaleResourceVersionPrecondition_Aborted()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        var changed = created.Clone();
        changed.Metadata.Labels["tier"] = "x";
        await _host.Services.UpdateServiceAsync(new UpdateServiceRequest { Service = changed }).Bounded();

        var e = await RpcErrors.FailsWith(StatusCode.Aborted, () => DeleteAsync(new DeleteServiceRequest
        {
            Namespace = "default",
            Name = "web",
            Preconditions = new Preconditions { ResourceVersion = created.Metadata.ResourceVersion },
        }));

        e.AssertInfo("CONFLICT");
        Assert.True(await _host.ExistsDirectAsync("web"));
    }

    [Fact]
    public async Task DeleteService_ForegroundPropagation_ReturnsTerminatingObjectThenGone()
    {
        await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));

        var deleted = await DeleteAsync(new DeleteServiceRequest
        {
            Namespace = "default",
            Name = "web",
            PropagationPolicy = PropagationPolicy.Foreground,
        });

        Assert.NotNull(deleted.Metadata.DeletionTimestamp);
        Assert.Contains("foregroundDeletion", deleted.Metadata.Finalizers);
        await WaitUntilDeletedAsync("web", deleted.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task DeleteService_OrphanPropagation_ReturnsObjectWithOrphanFinalizerThenGone()
    {
        await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));

        var deleted = await DeleteAsync(new DeleteServiceRequest
        {
            Namespace = "default",
            Name = "web",
            PropagationPolicy = PropagationPolicy.Orphan,
        });

        Assert.Contains("orphan", deleted.Metadata.Finalizers);
        await WaitUntilDeletedAsync("web", deleted.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task DeleteService_BackgroundPropagation_DeletedAtOnce()
    {
        await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));

        var deleted = await DeleteAsync(new DeleteServiceRequest
        {
            Namespace = "default",
            Name = "web",
            PropagationPolicy = PropagationPolicy.Background,
        });

        Assert.Empty(deleted.Metadata.Finalizers);
        Assert.False(await _host.ExistsDirectAsync("web"));
    }

    [Fact]
    public async Task DeleteService_DryRun_NothingDeleted()
    {
        var created = await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));

        var deleted = await DeleteAsync(new DeleteServiceRequest { Namespace = "default", Name = "web", DryRun = true });

        Assert.Equal(created.Metadata.Uid, deleted.Metadata.Uid);
        var direct = await _host.ReadDirectAsync("web");
        Assert.Equal(created.Metadata.ResourceVersion, direct.Metadata.ResourceVersion);
        Assert.Null(direct.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task DeleteService_Missing_NotFoundWithResourceInfo()
    {
        var e = await RpcErrors.FailsWith(StatusCode.NotFound, () => DeleteAsync(new DeleteServiceRequest { Namespace = "default", Name = "ghost" }));

        e.AssertInfo("NOT_FOUND");
        Assert.Equal("default/ghost", e.Detail<Google.Rpc.ResourceInfo>()?.ResourceName);
    }

    /// <summary>Watches the cluster from <paramref name="resourceVersion"/> until the Service's DELETED event.</summary>
    private async Task WaitUntilDeletedAsync(string name, string resourceVersion)
    {
        using var cts = new CancellationTokenSource(TaskTimeouts.Default);
        await foreach (var (type, _) in _host.Kubernetes.CoreV1.WatchListNamespacedServiceAsync("default",
            fieldSelector: $"metadata.name={name}", resourceVersion: resourceVersion, cancellationToken: cts.Token))
        {
            if (type == WatchEventType.Deleted)
            {
                break;
            }
        }
        Assert.False(await _host.ExistsDirectAsync(name));
    }
}
