using k8s;
using k8s.Models;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>core/v1 Services through KubernetesClient.</summary>
internal sealed class ServiceApi(IKubernetes client) : IResourceApi<V1Service>
{
    public string Kind => "Service";

    public string GroupResource => "services";

    public string ResourceType => "v1/services";

    public Task<V1Service> CreateAsync(V1Service body, string ns, WriteParameters write, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedServiceAsync(body, ns, dryRun: write.DryRunValue, fieldManager: write.FieldManager,
            cancellationToken: cancellationToken);

    public Task<V1Service> ReadAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken);

    public async Task<ModelPage<V1Service>> ListAsync(string? ns, string? labelSelector, string? fieldSelector, int? limit,
        string? continueToken, CancellationToken cancellationToken)
    {
        var list = string.IsNullOrEmpty(ns)
            ? await client.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: continueToken, fieldSelector: fieldSelector,
                labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken)
            : await client.CoreV1.ListNamespacedServiceAsync(ns, continueParameter: continueToken, fieldSelector: fieldSelector,
                labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken);
        return new ModelPage<V1Service>(list.Items, list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
    }

    public Task<V1Service> ReplaceAsync(V1Service body, string ns, string name, WriteParameters write, bool status,
        CancellationToken cancellationToken) => status
        ? client.CoreV1.ReplaceNamespacedServiceStatusAsync(body, name, ns, dryRun: write.DryRunValue, fieldManager: write.FieldManager,
            cancellationToken: cancellationToken)
        : client.CoreV1.ReplaceNamespacedServiceAsync(body, name, ns, dryRun: write.DryRunValue, fieldManager: write.FieldManager,
            cancellationToken: cancellationToken);

    public Task<V1Service> PatchAsync(V1Patch patch, string ns, string name, WriteParameters write, bool? force, bool status,
        CancellationToken cancellationToken) => status
        ? client.CoreV1.PatchNamespacedServiceStatusAsync(patch, name, ns, dryRun: write.DryRunValue, fieldManager: write.FieldManager,
            force: force, cancellationToken: cancellationToken)
        : client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, dryRun: write.DryRunValue, fieldManager: write.FieldManager,
            force: force, cancellationToken: cancellationToken);

    public Task<V1Service> DeleteAsync(string ns, string name, V1DeleteOptions options, bool dryRun, CancellationToken cancellationToken) =>
        client.CoreV1.DeleteNamespacedServiceAsync(name, ns, options, dryRun: dryRun ? "All" : null, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<V1Service>> DeleteCollectionAsync(string ns, string? labelSelector, string? fieldSelector, bool dryRun,
        CancellationToken cancellationToken)
    {
        // kube-apiserver answers DELETE on a collection with the list of what it deleted; see CollectionDelete.
        var deleted = await CollectionDelete.SendAsync<V1ServiceList>(client, $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/services",
            labelSelector, fieldSelector, dryRun, cancellationToken);
        return [.. deleted.Items];
    }
}
