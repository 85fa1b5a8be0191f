using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>ConfigMap, Deployment, PodDisruptionBudget and NetworkPolicy through the real KubernetesClient, in-process.</summary>
public sealed class WorkloadCrudTests : IAsyncLifetime
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
    public async Task ConfigMap_CreateReadReplaceListDelete_RoundTrips()
    {
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("app"), "default").DefaultTimeout();
        var read = await _client.CoreV1.ReadNamespacedConfigMapAsync("app", "default").DefaultTimeout();
        read.Data["mode"] = "slow";
        var replaced = await _client.CoreV1.ReplaceNamespacedConfigMapAsync(read, "app", "default").DefaultTimeout();
        var listed = await _client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name=app").DefaultTimeout();
        var deleted = await _client.CoreV1.DeleteNamespacedConfigMapAsync("app", "default").DefaultTimeout();

        Assert.Equal(("ConfigMap", "v1"), (created.Kind, created.ApiVersion));
        Assert.Null(created.Metadata.Generation);
        Assert.Equal("slow", replaced.Data["mode"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
        Assert.Equal("app", Assert.Single(listed.Items).Metadata.Name);
        Assert.Equal(("Success", "configmaps", "app"), (deleted.Status, deleted.Details.Kind, deleted.Details.Name));
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReadNamespacedConfigMapAsync("app", "default"));
        Assert.Equal("configmaps \"app\" not found", e.Status().Message);
    }

    [Fact]
    public async Task ConfigMap_UnknownFieldSelector_BadRequestWordedByTheDefaultConversion()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "data.mode=fast"));

        Assert.Equal(400, (int)e.Response.StatusCode);
        Assert.Equal("\"data.mode\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"", e.Status().Message);
    }

    [Fact]
    public async Task Deployment_Create_DefaultedGenerationOneAndEmptyStatus()
    {
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default").DefaultTimeout();

        Assert.Equal(("Deployment", "apps/v1", 1L), (created.Kind, created.ApiVersion, created.Metadata.Generation));
        Assert.Equal((1, 10, 600), (created.Spec.Replicas, created.Spec.RevisionHistoryLimit, created.Spec.ProgressDeadlineSeconds));
        Assert.Equal(("RollingUpdate", "25%", "25%"), (created.Spec.Strategy.Type, created.Spec.Strategy.RollingUpdate.MaxSurge.Value, created.Spec.Strategy.RollingUpdate.MaxUnavailable.Value));
        Assert.Equal("IfNotPresent", created.Spec.Template.Spec.Containers[0].ImagePullPolicy);
        Assert.Null(created.Status.Replicas);
    }

    [Fact]
    public async Task Deployment_StrategicMergePatch_MergesContainersByNameAndBumpsGeneration()
    {
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default").DefaultTimeout();
        var patch = new V1Patch("""{"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"},{"name":"log","image":"busybox"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch);

        var patched = await _client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", "default").DefaultTimeout();

        Assert.Equal(2L, patched.Metadata.Generation);
        Assert.Equal(3, patched.Spec.Replicas);
        Assert.Equal([("web", "nginx:1.28"), ("log", "busybox")], patched.Spec.Template.Spec.Containers.Select(c => (c.Name, c.Image)));
        // The first container kept its defaults; the new one got its own.
        Assert.Equal(["File", "File"], patched.Spec.Template.Spec.Containers.Select(c => c.TerminationMessagePolicy));
        Assert.Equal("Always", patched.Spec.Template.Spec.Containers[1].ImagePullPolicy);
    }

    [Fact]
    public async Task Deployment_ReplaceStatus_ChangesOnlyStatus()
    {
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default").DefaultTimeout();
        created.Spec.Replicas = 7;
        created.Status = new V1DeploymentStatus { Replicas = 1, ReadyReplicas = 1, UpdatedReplicas = 1, AvailableReplicas = 1, ObservedGeneration = 1 };

        var updated = await _client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(created, "web", "default").DefaultTimeout();
        var read = await _client.AppsV1.ReadNamespacedDeploymentStatusAsync("web", "default").DefaultTimeout();

        Assert.Equal((1, 1), (updated.Spec.Replicas, updated.Status.ReadyReplicas));
        Assert.Equal(1L, updated.Metadata.Generation);
        Assert.Equal(1, read.Status.AvailableReplicas);
    }

    [Fact]
    public async Task Deployment_SelectorNotMatchingTemplate_UnprocessableWithKubeApiserversCause()
    {
        var deployment = Deployment("web");
        deployment.Spec.Selector.MatchLabels["app"] = "api";

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default"));

        var status = e.Status();
        Assert.Equal(422, (int)e.Response.StatusCode);
        Assert.Equal("Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`",
            status.Message);
        Assert.Equal(("Deployment", "apps"), (status.Details.Kind, status.Details.Group));
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal(("FieldValueInvalid", "spec.template.metadata.labels"), (cause.Reason, cause.Field));
    }

    [Fact]
    public async Task Deployment_WatchInAllNamespaces_SeesAddedAndDeleted()
    {
        var list = await _client.AppsV1.ListDeploymentForAllNamespacesAsync().DefaultTimeout();
        using var cts = new CancellationTokenSource(TaskTimeouts.Default);
        var events = new List<(WatchEventType, string)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, d) in _client.AppsV1.WatchListDeploymentForAllNamespacesAsync(resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                events.Add((type, d.Metadata.Name));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });

        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "default").DefaultTimeout();
        await _client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default").DefaultTimeout();
        await watching.DefaultTimeout();

        Assert.Equal([(WatchEventType.Added, "web"), (WatchEventType.Deleted, "web")], events);
    }

    [Fact]
    public async Task PodDisruptionBudget_CreatePatchStatusDelete_RoundTrips()
    {
        var created = await _client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("web"), "default").DefaultTimeout();
        var statusPatch = new V1Patch("""{"status":{"currentHealthy":2,"desiredHealthy":2,"disruptionsAllowed":0,"expectedPods":2}}""", V1Patch.PatchType.MergePatch);
        var patched = await _client.PolicyV1.PatchNamespacedPodDisruptionBudgetStatusAsync(statusPatch, "web", "default").DefaultTimeout();
        var deleted = await _client.PolicyV1.DeleteNamespacedPodDisruptionBudgetAsync("web", "default").DefaultTimeout();

        Assert.Equal(("PodDisruptionBudget", "policy/v1", 1L), (created.Kind, created.ApiVersion, created.Metadata.Generation));
        Assert.Equal((0, 0, 0, 0), (created.Status.CurrentHealthy, created.Status.DesiredHealthy, created.Status.DisruptionsAllowed, created.Status.ExpectedPods));
        Assert.Equal((2, 2), (patched.Status.CurrentHealthy, patched.Status.ExpectedPods));
        Assert.Equal("poddisruptionbudgets", deleted.Details.Kind);
    }

    [Fact]
    public async Task PodDisruptionBudget_BothBounds_Unprocessable()
    {
        var budget = Budget("web");
        budget.Spec.MaxUnavailable = 1;

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(budget, "default"));

        Assert.Equal(422, (int)e.Response.StatusCode);
        Assert.EndsWith(": minAvailable and maxUnavailable cannot be both set", e.Status().Message, StringComparison.Ordinal);
        Assert.StartsWith("PodDisruptionBudget.policy \"web\" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{", e.Status().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkPolicy_CreateReplaceList_DefaultsPolicyTypesAndBumpsGeneration()
    {
        var created = await _client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("allow-web"), "default").DefaultTimeout();
        created.Spec.Egress = [new V1NetworkPolicyEgressRule { Ports = [new V1NetworkPolicyPort { Port = 53, Protocol = "UDP" }] }];
        created.Spec.PolicyTypes = null;
        var replaced = await _client.NetworkingV1.ReplaceNamespacedNetworkPolicyAsync(created, "allow-web", "default").DefaultTimeout();
        var listed = await _client.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync().DefaultTimeout();

        Assert.Equal(["Ingress", "Egress"], replaced.Spec.PolicyTypes);
        Assert.Equal(2L, replaced.Metadata.Generation);
        Assert.Equal("allow-web", Assert.Single(listed.Items).Metadata.Name);
    }

    [Fact]
    public async Task NamespaceDeletion_RemovesTheNewKindsToo()
    {
        await _client.CoreV1.CreateNamespaceAsync(Objects.Namespace("team")).DefaultTimeout();
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("app"), "team").DefaultTimeout();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), "team").DefaultTimeout();
        await _client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(Budget("web"), "team").DefaultTimeout();
        await _client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("allow-web"), "team").DefaultTimeout();
        var deleted = (await _client.CoreV1.DeleteNamespaceAsync("team").DefaultTimeout()).ObjectView<V1Namespace>();

        using var cts = new CancellationTokenSource(TaskTimeouts.Default);
        await foreach (var (type, _) in _client.CoreV1.WatchListNamespaceAsync(fieldSelector: "metadata.name=team",
            resourceVersion: deleted.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            if (type == WatchEventType.Deleted)
            {
                break;
            }
        }

        Assert.Empty((await _client.CoreV1.ListConfigMapForAllNamespacesAsync().DefaultTimeout()).Items);
        Assert.Empty((await _client.AppsV1.ListDeploymentForAllNamespacesAsync().DefaultTimeout()).Items);
        Assert.Empty((await _client.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync().DefaultTimeout()).Items);
        Assert.Empty((await _client.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync().DefaultTimeout()).Items);
    }

    private static V1ConfigMap ConfigMap(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = new Dictionary<string, string> { ["mode"] = "fast" },
    };

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = "nginx:1.27" }] },
            },
        },
    };

    private static V1PodDisruptionBudget Budget(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } } },
    };

    private static V1NetworkPolicy Policy(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } },
    };
}
