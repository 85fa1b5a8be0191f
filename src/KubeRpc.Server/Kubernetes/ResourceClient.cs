using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// The calls of one kind through <see cref="ApiTransport"/>, as kube-apiserver's REST API defines them (the same
/// verbs, query parameters and bodies as KubernetesClient's typed calls).
/// </summary>
/// <typeparam name="TModel">The kind's model, e.g. <c>V1Service</c>.</typeparam>
/// <typeparam name="TList">The kind's list, e.g. <c>V1ServiceList</c>.</typeparam>
internal sealed class ResourceClient<TModel, TList>(ApiTransport transport, ApiResource resource) : IResourceApi<TModel>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
    where TList : class, IKubernetesObject<V1ListMeta>, IItems<TModel>
{
    public ApiResource Resource => resource;

    public Task<TModel> CreateAsync(TModel body, string ns, WriteParameters write, CancellationToken cancellationToken) =>
        transport.SendAsync<TModel>(HttpMethod.Post, ApiPath.Collection(resource, RequireNamespace(ns)), Write(write),
            ApiTransport.Json(KubernetesJson.Serialize(body)), cancellationToken, write.ActAs);

    public Task<TModel> ReadAsync(string ns, string name, CancellationToken cancellationToken) =>
        transport.SendAsync<TModel>(HttpMethod.Get, ApiPath.Item(resource, ns, name), null, null, cancellationToken);

    public async Task<ModelPage<TModel>> ListAsync(string? ns, string? labelSelector, string? fieldSelector, int? limit,
        string? continueToken, CancellationToken cancellationToken)
    {
        var query = new ApiQuery().Add("labelSelector", labelSelector).Add("fieldSelector", fieldSelector).Add("limit", limit)
            .Add("continue", continueToken);
        var list = await transport.SendAsync<TList>(HttpMethod.Get, ApiPath.Collection(resource, ns), query, null, cancellationToken)
            .ConfigureAwait(false);
        return new ModelPage<TModel>(list.Items ?? [], list.Metadata?.ResourceVersion, list.Metadata?.ContinueProperty);
    }

    public Task<TModel> ReplaceAsync(TModel body, string ns, string name, WriteParameters write, Subresource subresource,
        CancellationToken cancellationToken) =>
        transport.SendAsync<TModel>(HttpMethod.Put, ApiPath.Item(resource, ns, name, subresource), Write(write),
            ApiTransport.Json(KubernetesJson.Serialize(body)), cancellationToken, write.ActAs);

    public Task<TModel> PatchAsync(V1Patch patch, string ns, string name, WriteParameters write, bool? force, Subresource subresource,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var body = patch.Content as string ?? KubernetesJson.Serialize(patch.Content);
        return transport.SendAsync<TModel>(HttpMethod.Patch, ApiPath.Item(resource, ns, name, subresource), Write(write).Add("force", force),
            ApiTransport.Json(body, MediaType(patch.Type)), cancellationToken, write.ActAs);
    }

    public async Task<TModel> DeleteAsync(string ns, string name, V1DeleteOptions options, WriteParameters write,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        TModel? last = null;
        if (!resource.DeleteReturnsObject)
        {
            // The answer is a Success Status, not the object: read it first and make the delete conditional on its uid
            // (unless the caller gave preconditions), so what we return is what was deleted. The read is KubeRpc's own (the
            // caller was authorized to delete, not necessarily to get), and returns nothing unless the delete succeeds.
            last = await ReadAsync(ns, name, cancellationToken).ConfigureAwait(false);
            options.Preconditions ??= new V1Preconditions { Uid = last.Metadata.Uid };
        }
        var answer = await transport.SendAsync(HttpMethod.Delete, ApiPath.Item(resource, ns, name),
            new ApiQuery().Add("dryRun", write.DryRunValue), ApiTransport.Json(KubernetesJson.Serialize(options)), cancellationToken,
            write.ActAs).ConfigureAwait(false);
        // With finalizers the object comes back (202) with its deletion timestamp, whatever the kind.
        return IsStatus(answer) ? last ?? throw new FormatException($"DELETE of {resource.GroupResource} answered a Status") :
            KubernetesJson.Deserialize<TModel>(answer);
    }

    public async Task<IReadOnlyList<TModel>> DeleteCollectionAsync(string ns, string? labelSelector, string? fieldSelector,
        WriteParameters write, CancellationToken cancellationToken)
    {
        // kube-apiserver answers with the list of what it deleted (KubernetesClient types it as a Status and loses the items).
        var query = new ApiQuery().Add("labelSelector", labelSelector).Add("fieldSelector", fieldSelector).Add("dryRun", write.DryRunValue);
        var deleted = await transport.SendAsync<TList>(HttpMethod.Delete, ApiPath.Collection(resource, RequireNamespace(ns)), query, null,
            cancellationToken, write.ActAs).ConfigureAwait(false);
        return [.. deleted.Items ?? []];
    }

    public async IAsyncEnumerable<(WatchEventType Type, TModel Object)> WatchAsync(string? ns, string resourceVersion, int timeoutSeconds,
        Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new ApiQuery().Add("watch", true).Add("allowWatchBookmarks", true).Add("resourceVersion", resourceVersion)
            .Add("timeoutSeconds", timeoutSeconds);
        var response = await transport.OpenStreamAsync(ApiPath.Collection(resource, ns), query, cancellationToken).ConfigureAwait(false);
        await foreach (var e in WatchStream.ReadAsync<TModel>(response, onError, cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    private static ApiQuery Write(WriteParameters write) =>
        new ApiQuery().Add("dryRun", write.DryRunValue).Add("fieldManager", write.FieldManager);

    /// <summary>A namespaced write needs its namespace: never let an empty one widen the path to every namespace.</summary>
    private static string RequireNamespace(string ns) =>
        string.IsNullOrEmpty(ns) ? throw new InvalidPathSegmentException("namespace", ["is required"]) : ns;

    private static string MediaType(V1Patch.PatchType type) => type switch
    {
        V1Patch.PatchType.JsonPatch => "application/json-patch+json",
        V1Patch.PatchType.MergePatch => "application/merge-patch+json",
        V1Patch.PatchType.StrategicMergePatch => "application/strategic-merge-patch+json",
        V1Patch.PatchType.ApplyPatch => "application/apply-patch+yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown patch type"),
    };

    private static bool IsStatus(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
            && kind.GetString() == "Status";
    }
}
