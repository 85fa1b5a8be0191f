using k8s;
using k8s.Models;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>The Kubernetes calls for one kind, with every option KubeRpc passes through.</summary>
internal interface IResourceApi<TModel> where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Kind, e.g. <c>Service</c>.</summary>
    string Kind { get; }

    /// <summary>For ResourceInfo, e.g. <c>v1/services</c>.</summary>
    string ResourceType { get; }

    /// <summary>As Kubernetes names the resource in messages: <c>services</c>, <c>ingresses.networking.k8s.io</c>.</summary>
    string GroupResource { get; }

    Task<TModel> CreateAsync(TModel body, string ns, WriteParameters write, CancellationToken cancellationToken);

    Task<TModel> ReadAsync(string ns, string name, CancellationToken cancellationToken);

    Task<ModelPage<TModel>> ListAsync(string? ns, string? labelSelector, string? fieldSelector, int? limit, string? continueToken,
        CancellationToken cancellationToken);

    Task<TModel> ReplaceAsync(TModel body, string ns, string name, WriteParameters write, bool status, CancellationToken cancellationToken);

    Task<TModel> PatchAsync(V1Patch patch, string ns, string name, WriteParameters write, bool? force, bool status,
        CancellationToken cancellationToken);

    /// <summary>Deletes and returns the object's last state (or its state while finalizers hold it).</summary>
    Task<TModel> DeleteAsync(string ns, string name, V1DeleteOptions options, bool dryRun, CancellationToken cancellationToken);

    Task<IReadOnlyList<TModel>> DeleteCollectionAsync(string ns, string? labelSelector, string? fieldSelector, bool dryRun,
        CancellationToken cancellationToken);
}

/// <summary>dryRun and fieldManager of a write.</summary>
internal sealed record WriteParameters(bool DryRun, string FieldManager)
{
    public string? DryRunValue => DryRun ? "All" : null;
}

/// <summary>One page of a Kubernetes list.</summary>
internal sealed record ModelPage<TModel>(IList<TModel> Items, string? ResourceVersion, string? Continue);
