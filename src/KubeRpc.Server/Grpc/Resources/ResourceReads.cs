using Google.Protobuf;
using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.Machinery;
using KubeRpc.Machinery.Text;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Grpc.Validation;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Watching;
using KubeRpc.Server.Wire;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>Get and List: from the cache when it can answer (its objects' own bytes), else from the API server.</summary>
internal sealed class ResourceReads<TProto, TModel>(
    ResourceKind<TProto, TModel> kind,
    IResourceApi<TModel> api,
    CachedReads<TProto, TModel>? cache,
    CallBoundary boundary,
    RequestLimits limits)
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Default and largest page of a List.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>A Get: the cached object's own bytes when the cache can answer, else the API server's answer.</summary>
    public Task<EncodedMessage> GetAsync(string ns, string name, ReadOptions? readOptions, ServerCallContext context)
    {
        var validator = new RequestValidator(limits).Namespace("namespace", ns).Name("name", name).ReadOptions(readOptions);
        var minVersion = MinResourceVersion(readOptions, validator);
        validator.ThrowIfInvalid();
        if (Cached(readOptions))
        {
            var ready = cache!.SnapshotAsync(ns, minVersion, context.CancellationToken);
            if (!ready.IsCompletedSuccessfully)
            {
                return boundary.RunAsync<EncodedMessage>(ns, name, async ct => await ready is { } snapshot
                    ? snapshot.Get(ns, name) ?? throw NotFound(ns, name)
                    : await ReadThroughAsync(ns, name, ct), context);
            }
            // The hot path: the cache is caught up, so the answer is ready without awaiting anything.
            if (ready.Result is { } current)
            {
                return Task.FromResult<EncodedMessage>(current.Get(ns, name) ?? throw NotFound(ns, name));
            }
        }
        return boundary.RunAsync<EncodedMessage>(ns, name, ct => ReadThroughAsync(ns, name, ct), context);
    }

    /// <summary>A List page, encoded as <c>List…Response</c>; later pages stay on the path (cache or API server) of the first.</summary>
    public Task<EncodedList> ListAsync(
        string ns, string labelSelector, string fieldSelector, int pageSize, string pageToken, ReadOptions? readOptions,
        ServerCallContext context)
    {
        var validator = new RequestValidator(limits)
            .Namespace("namespace", ns, optional: true)
            .LabelSelectorSyntax("label_selector", labelSelector)
            .FieldSelectorSyntax("field_selector", fieldSelector)
            .NotNegative("page_size", pageSize)
            .ReadOptions(readOptions);
        var minVersion = MinResourceVersion(readOptions, validator);
        var cached = Cached(readOptions);
        var scope = $"{kind.Resource.GroupResource}\n{ns}\n{labelSelector}\n{fieldSelector}\n{(cached ? "cached" : "strong")}";
        (PagePath Path, string Position, CachePosition InCache)? token = null;
        if (!string.IsNullOrEmpty(pageToken))
        {
            if (PageToken.TryDecode(pageToken, scope, out var path, out var position, out var error)
                && (CachePosition.TryParse(position, out var inCache) || path == PagePath.Api))
            {
                token = (path, position, inCache);
            }
            else
            {
                validator.Add("page_token", error.Length > 0 ? error : "is not a page token from this API");
            }
        }
        validator.ThrowIfInvalid();
        var limit = pageSize == 0 ? DefaultPageSize : Math.Min(pageSize, DefaultPageSize * 10);
        var scopeNamespace = NullIfEmpty(ns);
        return boundary.RunAsync(ns, null, async ct =>
        {
            switch (token)
            {
                case null when cached && await cache!.SnapshotAsync(ns, minVersion, ct) is { } snapshot:
                    return CachedPage(snapshot, ns, labelSelector, fieldSelector, limit, null, scope);
                case null:
                    return await ListThroughAsync(ns, labelSelector, fieldSelector, limit, null, scope, ct);
                case { Path: PagePath.Cache } page:
                    // Later pages come from the snapshot the first page showed, as the API server's continue tokens do.
                    var held = cache?.PageSnapshot(page.InCache.Snapshot, page.InCache.Version, scopeNamespace)
                        ?? throw KubernetesErrorTranslator.ContinueExpired(boundary.Target(ns, null));
                    return CachedPage(held, ns, labelSelector, fieldSelector, limit, page.InCache, scope);
                case { } page:
                    return await ListThroughAsync(ns, labelSelector, fieldSelector, limit, page.Position, scope, ct);
            }
        }, context);
    }

    private EncodedList CachedPage(StoreSnapshot<TProto> snapshot, string ns, string labelSelector, string fieldSelector, int limit,
        CachePosition? from, string scope)
    {
        var filter = WatchFilter.ForRequest(NullIfEmpty(ns), labelSelector, fieldSelector, bookmarks: false, kind.Fields,
            kind.Resource.GroupResource);
        return CachedListing.Page(snapshot, cache!.Pages, filter, NullIfEmpty(ns), limit, from, scope);
    }

    private async Task<EncodedMessage> ReadThroughAsync(string ns, string name, CancellationToken cancellationToken) =>
        new MessageReply(kind.ToProto(await api.ReadAsync(ns, name, cancellationToken)));

    private async Task<EncodedList> ListThroughAsync(string ns, string labelSelector, string fieldSelector, int limit, string? continueToken,
        string scope, CancellationToken cancellationToken)
    {
        var page = await api.ListAsync(ns, NullIfEmpty(labelSelector), NullIfEmpty(fieldSelector), limit, continueToken, cancellationToken);
        var next = string.IsNullOrEmpty(page.Continue) ? "" : PageToken.Encode(PagePath.Api, page.Continue, scope);
        return new EncodedList([.. page.Items.Select(i => new MessageReply(kind.ToProto(i)))], next, page.ResourceVersion ?? "");
    }

    private bool Cached(ReadOptions? readOptions) => cache is not null && readOptions?.Consistency != Consistency.Strong;

    /// <summary>read_options.min_resource_version as a number (Kubernetes versions are etcd revisions), 0 when unset.</summary>
    private static long MinResourceVersion(ReadOptions? readOptions, RequestValidator validator)
    {
        var text = readOptions?.MinResourceVersion;
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        if (!ResourceVersions.TryParse(text, out var rv))
        {
            validator.Add("read_options.min_resource_version", $"must be a resource_version returned by KubeRpc, got \"{Excerpt.Of(text)}\"");
        }
        return rv;
    }

    private RpcException NotFound(string ns, string name) =>
        KubernetesErrorTranslator.NotFound(kind.Resource.GroupResource, kind.Resource.Plural, boundary.Target(ns, name));

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
