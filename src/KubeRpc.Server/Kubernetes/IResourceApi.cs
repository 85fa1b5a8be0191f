using k8s;
using k8s.Models;

namespace KubeRpc.Server.Kubernetes;

/// <summary>The Kubernetes calls for one kind, with every option KubeRpc passes through.</summary>
internal interface IResourceApi<TModel> where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The resource the calls address.</summary>
    ApiResource Resource { get; }

    Task<TModel> CreateAsync(TModel body, string ns, WriteParameters write, CancellationToken cancellationToken);

    Task<TModel> ReadAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>One page of a list of one namespace, or of all when <paramref name="ns"/> is null or empty.</summary>
    Task<ModelPage<TModel>> ListAsync(string? ns, string? labelSelector, string? fieldSelector, int? limit, string? continueToken,
        CancellationToken cancellationToken);

    Task<TModel> ReplaceAsync(TModel body, string ns, string name, WriteParameters write, Subresource subresource,
        CancellationToken cancellationToken);

    Task<TModel> PatchAsync(V1Patch patch, string ns, string name, WriteParameters write, bool? force, Subresource subresource,
        CancellationToken cancellationToken);

    /// <summary>Deletes and returns the object's last state (or its state while finalizers hold it).</summary>
    Task<TModel> DeleteAsync(string ns, string name, V1DeleteOptions options, WriteParameters write, CancellationToken cancellationToken);

    /// <summary>Deletes the matching objects of a namespace and returns them as the API server did.</summary>
    Task<IReadOnlyList<TModel>> DeleteCollectionAsync(string ns, string? labelSelector, string? fieldSelector, WriteParameters write,
        CancellationToken cancellationToken);

    /// <summary>
    /// A watch from <paramref name="resourceVersion"/> with bookmarks allowed and a server-side timeout.
    /// <paramref name="onError"/> receives ERROR events (410 Expired among them) and undecodable lines.
    /// </summary>
    IAsyncEnumerable<(WatchEventType Type, TModel Object)> WatchAsync(string? ns, string resourceVersion, int timeoutSeconds,
        Action<Exception> onError, CancellationToken cancellationToken);
}

/// <summary>dryRun and fieldManager of a write, and whom it is sent as (null: KubeRpc itself).</summary>
internal sealed record WriteParameters(bool DryRun, string FieldManager, Impersonation? ActAs = null)
{
    public string? DryRunValue => DryRun ? "All" : null;
}

/// <summary>One page of a Kubernetes list.</summary>
internal sealed record ModelPage<TModel>(IList<TModel> Items, string? ResourceVersion, string? Continue);
