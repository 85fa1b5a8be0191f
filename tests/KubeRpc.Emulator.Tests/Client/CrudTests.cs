using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>Create, read, update and delete through the real KubernetesClient, in-process.</summary>
public sealed class CrudTests : IAsyncLifetime
{
    private readonly KubernetesEmulator _emulator = new();
    private IKubernetes _client = null!;

    public Task InitializeAsync()
    {
        _client = _emulator.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Seed_FreshCluster_HasSystemNamespacesAndKubernetesService()
    {
        var namespaces = await _client.CoreV1.ListNamespaceAsync().DefaultTimeout();
        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], namespaces.Items.Select(n => n.Metadata.Name).Order());
        var kubernetes = await _client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default").DefaultTimeout();
        Assert.Equal("10.96.0.1", kubernetes.Spec.ClusterIP);
        Assert.Equal(443, kubernetes.Spec.Ports.Single().Port);
    }

    [Fact]
    public async Task Create_NewService_SetsSystemFieldsAndBumpsResourceVersion()
    {
        var before = _emulator.ResourceVersion;
        var created = await _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), created.Metadata.ResourceVersion);
        Assert.Equal("Service", created.Kind);
        var read = await _client.CoreV1.ReadNamespacedServiceAsync("web", "default").DefaultTimeout();
        Assert.Equal(created.Metadata.Uid, read.Metadata.Uid);
    }

    [Fact]
    public async Task Create_Twice_AlreadyExists()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default"));
        Assert.Equal(409, (int)e.Response.StatusCode);
        var status = e.Status();
        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal("services \"web\" already exists", status.Message);
        Assert.Equal("services", status.Details.Kind);
        Assert.Equal("web", status.Details.Name);
    }

    [Fact]
    public async Task Create_InMissingNamespace_NotFound()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "nope"));
        Assert.Equal(404, (int)e.Response.StatusCode);
        Assert.Equal("namespaces \"nope\" not found", e.Status().Message);
    }

    [Fact]
    public async Task Create_GenerateName_AppendsFiveCharacters()
    {
        var svc = Objects.Service("");
        svc.Metadata.Name = null;
        svc.Metadata.GenerateName = "web-";
        var created = await _client.CoreV1.CreateNamespacedServiceAsync(svc, "default").DefaultTimeout();
        Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$", created.Metadata.Name);
    }

    [Fact]
    public async Task Create_DryRun_PersistsNothing()
    {
        var before = _emulator.ResourceVersion;
        var created = await _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("dry"), "default", dryRun: "All").DefaultTimeout();
        Assert.NotNull(created.Metadata.Uid);
        Assert.True(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.Equal(before, _emulator.ResourceVersion);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReadNamespacedServiceAsync("dry", "default"));
        Assert.Equal(404, (int)e.Response.StatusCode);
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_Conflict()
    {
        var created = await _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        created.Metadata.Labels = new Dictionary<string, string> { ["a"] = "1" };
        var updated = await _client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", "default").DefaultTimeout();
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        created.Metadata.Labels["a"] = "2";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", "default"));
        Assert.Equal(409, (int)e.Response.StatusCode);
        Assert.Equal("Operation cannot be fulfilled on services \"web\": the object has been modified; please apply your changes to the latest version and try again", e.Status().Message);
    }

    [Fact]
    public async Task Replace_OtherUid_ConflictAsPrecondition()
    {
        var created = await _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        var stale = Objects.Service("web");
        stale.Metadata.Uid = "00000000-0000-0000-0000-000000000000";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReplaceNamespacedServiceAsync(stale, "web", "default"));
        Assert.Equal(409, (int)e.Response.StatusCode);
        Assert.Equal($"Operation cannot be fulfilled on services \"web\": Precondition failed: UID in precondition: {stale.Metadata.Uid}, UID in object meta: {created.Metadata.Uid}",
            e.Status().Message);
    }

    [Fact]
    public async Task Replace_WithoutResourceVersion_IsUnconditional()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        var replacement = Objects.Service("web", 81);
        var updated = await _client.CoreV1.ReplaceNamespacedServiceAsync(replacement, "web", "default").DefaultTimeout();
        Assert.Equal(81, updated.Spec.Ports.Single().Port);
    }

    [Fact]
    public async Task Replace_NoChange_KeepsResourceVersion()
    {
        var created = await _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        var again = await _client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", "default").DefaultTimeout();
        Assert.Equal(created.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Replace_MissingService_CreatesIt()
    {
        var created = await _client.CoreV1.ReplaceNamespacedServiceAsync(Objects.Service("late"), "late", "default").DefaultTimeout();
        Assert.NotNull(created.Metadata.Uid);
    }

    [Fact]
    public async Task Replace_NameMismatch_BadRequest()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReplaceNamespacedServiceAsync(Objects.Service("a"), "b", "default"));
        Assert.Equal(400, (int)e.Response.StatusCode);
        Assert.Equal("the name of the object (a) does not match the name on the URL (b)", e.Status().Message);
    }

    [Fact]
    public async Task Delete_Service_ReturnsObjectAndSecretReturnsStatus()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        var deleted = await _client.CoreV1.DeleteNamespacedServiceAsync("web", "default").DefaultTimeout();
        Assert.Equal("web", deleted.Metadata.Name);
        await _client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret("s"), "default").DefaultTimeout();
        var status = await _client.CoreV1.DeleteNamespacedSecretAsync("s", "default").DefaultTimeout();
        Assert.Equal("Success", status.Status);
        Assert.Equal("secrets", status.Details.Kind);
    }

    [Fact]
    public async Task Delete_WrongUidPrecondition_Conflict()
    {
        await _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), "default").DefaultTimeout();
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "other" } };
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.DeleteNamespacedServiceAsync("web", "default", options));
        Assert.Equal(409, (int)e.Response.StatusCode);
        Assert.StartsWith("Operation cannot be fulfilled on Service \"web\": the UID in the precondition (other) does not match the UID in record", e.Status().Message);
    }

    [Fact]
    public async Task Delete_WithFinalizer_WaitsUntilFinalizerRemoved()
    {
        var svc = Objects.Service("held");
        svc.Metadata.Finalizers = ["example.com/hold"];
        await _client.CoreV1.CreateNamespacedServiceAsync(svc, "default").DefaultTimeout();
        var deleting = await _client.CoreV1.DeleteNamespacedServiceAsync("held", "default").DefaultTimeout();
        Assert.NotNull(deleting.Metadata.DeletionTimestamp);
        var current = await _client.CoreV1.ReadNamespacedServiceAsync("held", "default").DefaultTimeout();
        current.Metadata.Finalizers = null;
        await _client.CoreV1.ReplaceNamespacedServiceAsync(current, "held", "default").DefaultTimeout();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReadNamespacedServiceAsync("held", "default"));
        Assert.Equal(404, (int)e.Response.StatusCode);
    }

    [Fact]
    public async Task DeleteNamespace_WithContent_RemovesEverything()
    {
        await _client.CoreV1.CreateNamespaceAsync(Objects.Namespace("team")).DefaultTimeout();
        await _client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("a"), "team").DefaultTimeout();
        await _client.CoreV1.CreateNamespacedSecretAsync(Objects.Secret("s"), "team").DefaultTimeout();
        var deleted = (await _client.CoreV1.DeleteNamespaceAsync("team").DefaultTimeout()).ObjectView<V1Namespace>();
        Assert.Equal("Terminating", deleted.Status.Phase);
        using var cts = new CancellationTokenSource(TaskTimeouts.Default);
        // Watch from the Terminating version, so the final DELETED cannot slip in before the watch starts.
        await foreach (var (type, ns) in _client.CoreV1.WatchListNamespaceAsync(fieldSelector: "metadata.name=team",
            resourceVersion: deleted.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            if (type == WatchEventType.Deleted)
            {
                break;
            }
        }
        var services = await _client.CoreV1.ListNamespacedServiceAsync("team").DefaultTimeout();
        Assert.Empty(services.Items);
    }

    [Fact]
    public async Task DeleteNamespace_Default_Forbidden()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.DeleteNamespaceAsync("default"));
        Assert.Equal(403, (int)e.Response.StatusCode);
        Assert.Equal("namespaces \"default\" is forbidden: this namespace may not be deleted", e.Status().Message);
    }
}
