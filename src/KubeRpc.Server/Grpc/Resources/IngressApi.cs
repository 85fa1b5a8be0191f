using k8s;
using k8s.Models;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>networking.k8s.io/v1 Ingresses through KubernetesClient.</summary>
internal sealed class IngressApi(IKubernetes client) : IResourceApi<V1Ingress>
{
    public string Kind => "Ingress";

    public string GroupResource => "ingresses.networking.k8s.io";

    public string ResourceType => "networking.k8s.io/v1/ingresses";

    public Task<V1Ingress> CreateAsync(V1Ingress body, string ns, WriteParameters write, CancellationToken cancellationToken) =>
        client.NetworkingV1.CreateNamespacedIngressAsync(body, ns, dryRun: write.DryRunValue, fieldManager: write.FieldManager,
            cancellationToken: cancellationToken);

    public Task<V1Ingress> ReadAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.NetworkingV1.ReadNamespacedIngressAsync(name, ns, cancellationToken: cancellationToken);

    public async Task<ModelPage<V1Ingress>> ListAsync(string? ns, string? labelSelector, string? fieldSelector, int? limit,
        string? continueToken, CancellationToken cancellationToken)
    {
        var list = string.IsNullOrEmpty(ns)
            ? await client.NetworkingV1.ListIngressForAllNamespacesAsync(continueParameter: continueToken, fieldSelector: fieldSelector,
                labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken)
            : await client.NetworkingV1.ListNamespacedIngressAsync(ns, continueParameter: continueToken, fieldSelector: fieldSelector,
                labelSelector: labelSelector, limit: limit, cancellationToken: cancellationToken);
        return new ModelPage<V1Ingress>(list.Items, list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
    }

    public Task<V1Ingress> ReplaceAsync(V1Ingress body, string ns, string name, WriteParameters write, bool status,
        CancellationToken cancellationToken) => status
        ? client.NetworkingV1.ReplaceNamespacedIngressStatusAsync(body, name, ns, dryRun: write.DryRunValue, fieldManager: write.FieldManager,
            cancellationToken: cancellationToken)
        : client.NetworkingV1.ReplaceNamespacedIngressAsync(body, name, ns, dryRun: write.DryRunValue, fieldManager: write.FieldManager,
            cancellationToken: cancellationToken);

    public Task<V1Ingress> PatchAsync(V1Patch patch, string ns, string name, WriteParameters write, bool? force, bool status,
        CancellationToken cancellationToken) => status
        ? client.NetworkingV1.PatchNamespacedIngressStatusAsync(patch, name, ns, dryRun: write.DryRunValue, fieldManager: write.FieldManager,
            force: force, cancellationToken: cancellationToken)
        : client.NetworkingV1.PatchNamespacedIngressAsync(patch, name, ns, dryRun: write.DryRunValue, fieldManager: write.FieldManager,
            force: force, cancellationToken: cancellationToken);

    /// <summary>
    /// Ingress DELETE answers with a Success Status, not the object, so the object is read first and the delete is
    /// made conditional on its uid (unless the caller gave preconditions): what we return is what was deleted.
    /// </summary>
    public async Task<V1Ingress> DeleteAsync(string ns, string name, V1DeleteOptions options, bool dryRun, CancellationToken cancellationToken)
    {
        var last = await ReadAsync(ns, name, cancellationToken);
        options.Preconditions ??= new V1Preconditions { Uid = last.Metadata.Uid };
        var status = await client.NetworkingV1.DeleteNamespacedIngressAsync(name, ns, options, dryRun: dryRun ? "All" : null,
            cancellationToken: cancellationToken);
        return status.HasObject ? status.ObjectView<V1Ingress>() : last;
    }

    public async Task<IReadOnlyList<V1Ingress>> DeleteCollectionAsync(string ns, string? labelSelector, string? fieldSelector, bool dryRun,
        CancellationToken cancellationToken)
    {
        // kube-apiserver answers DELETE on a collection with the list of what it deleted; see CollectionDelete.
        var deleted = await CollectionDelete.SendAsync<V1IngressList>(client,
            $"apis/networking.k8s.io/v1/namespaces/{Uri.EscapeDataString(ns)}/ingresses", labelSelector, fieldSelector, dryRun, cancellationToken);
        return [.. deleted.Items];
    }
}
