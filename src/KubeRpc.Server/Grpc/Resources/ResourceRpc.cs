using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Wire;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Grpc.Mapping;
using KubeRpc.Server.Grpc.Validation;
using KubeRpc.Server.Watching;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>
/// The RPC logic shared by ServiceManager and IngressManager: judge the request, map it, call Kubernetes, map the
/// answer, and translate failures in one place.
/// </summary>
internal sealed class ResourceRpc<TProto, TModel>(
    IResourceApi<TModel> api,
    ResourceMapper<TProto, TModel> mapper,
    ILogger logger,
    CachedReads<TProto, TModel>? cache = null)
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Default and largest page of a List.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>The field manager recorded for non-apply writes when the caller names none.</summary>
    public const string DefaultFieldManager = "kuberpc";

    public Task<TProto> CreateAsync(TProto? obj, bool dryRun, string fieldManager, ServerCallContext context)
    {
        var field = mapper.Field;
        var meta = obj is null ? null : mapper.Metadata(obj);
        var validator = new RequestValidator();
        if (obj is null)
        {
            validator.Add(field, "is required");
        }
        else
        {
            validator.Required($"{field}.metadata.namespace", meta?.Namespace);
            if (string.IsNullOrEmpty(meta?.Name) && string.IsNullOrEmpty(meta?.GenerateName))
            {
                validator.Add($"{field}.metadata.name", "is required unless metadata.generate_name is set");
            }
        }
        var model = Map(obj, validator);
        return CallAsync(meta?.Namespace, meta?.Name, async ct =>
            Acknowledge(await api.CreateAsync(model!, meta!.Namespace, Write(dryRun, fieldManager), ct), dryRun), context);
    }

    /// <summary>A Get: the cached object's own bytes when the cache can answer, else the API server's answer.</summary>
    public Task<EncodedMessage> GetAsync(string ns, string name, ReadOptions? readOptions, ServerCallContext context)
    {
        var validator = new RequestValidator().Required("namespace", ns).Required("name", name).ReadOptions(readOptions);
        var minVersion = MinResourceVersion(readOptions, validator);
        validator.ThrowIfInvalid();
        if (Cached(readOptions))
        {
            var ready = cache!.SnapshotAsync(ns, minVersion, context.CancellationToken);
            if (!ready.IsCompletedSuccessfully)
            {
                return CallAsync<EncodedMessage>(ns, name, async ct => await ready is { } snapshot
                    ? snapshot.Get(ns, name) ?? throw NotFound(ns, name)
                    : await ReadThroughAsync(ns, name, ct), context);
            }
            // The hot path: the cache is caught up, so the answer is ready without awaiting anything.
            if (ready.Result is { } current)
            {
                return Task.FromResult<EncodedMessage>(current.Get(ns, name) ?? throw NotFound(ns, name));
            }
        }
        return CallAsync<EncodedMessage>(ns, name, ct => ReadThroughAsync(ns, name, ct), context);
    }

    private async Task<EncodedMessage> ReadThroughAsync(string ns, string name, CancellationToken cancellationToken) =>
        new MessageReply(mapper.ToProto(await api.ReadAsync(ns, name, cancellationToken)));

    /// <summary>A List page, encoded as <c>List…Response</c>.</summary>
    public Task<EncodedList> ListAsync(
        string ns, string labelSelector, string fieldSelector, int pageSize, string pageToken, ReadOptions? readOptions,
        ServerCallContext context)
    {
        var validator = new RequestValidator()
            .LabelSelectorSyntax("label_selector", labelSelector)
            .FieldSelectorSyntax("field_selector", fieldSelector)
            .NotNegative("page_size", pageSize)
            .ReadOptions(readOptions);
        var minVersion = MinResourceVersion(readOptions, validator);
        var cached = Cached(readOptions);
        var filters = $"{ns}\n{labelSelector}\n{fieldSelector}\n{(cached ? "cache" : "api")}";
        string? continueToken = null;
        if (!string.IsNullOrEmpty(pageToken))
        {
            if (PageToken.TryDecode(pageToken, filters, out var decoded, out var error))
            {
                continueToken = decoded;
            }
            else
            {
                validator.Add("page_token", error);
            }
        }
        validator.ThrowIfInvalid();
        var limit = pageSize == 0 ? DefaultPageSize : Math.Min(pageSize, DefaultPageSize * 10);
        return CallAsync(ns, null, async ct =>
        {
            if (cached && (continueToken is null ? await cache!.SnapshotAsync(ns, minVersion, ct) : cache!.Current) is { } snapshot)
            {
                return ListCached(snapshot, ns, labelSelector, fieldSelector, limit, continueToken, filters);
            }
            var page = await api.ListAsync(ns, Empty(labelSelector), Empty(fieldSelector), limit, continueToken, ct);
            var next = string.IsNullOrEmpty(page.Continue) ? "" : PageToken.Encode(page.Continue, filters);
            return new EncodedList([.. page.Items.Select(i => new MessageReply(mapper.ToProto(i)))], next, page.ResourceVersion ?? "");
        }, context);
    }

    public Task<TProto> UpdateAsync(TProto? obj, bool dryRun, string fieldManager, bool status, ServerCallContext context)
    {
        var (model, ns, name) = Addressed(obj);
        return CallAsync(ns, name, async ct =>
            Acknowledge(await api.ReplaceAsync(model, ns, name, Write(dryRun, fieldManager), status, ct), dryRun), context);
    }

    public Task<TProto> PatchAsync(string ns, string name, KubeRpc.V1.PatchType patchType, string patch, bool dryRun,
        string fieldManager, bool? force, string subresource, ServerCallContext context)
    {
        var validator = new RequestValidator().Required("namespace", ns).Required("name", name);
        V1Patch.PatchType? type = patchType switch
        {
            KubeRpc.V1.PatchType.JsonPatch => V1Patch.PatchType.JsonPatch,
            KubeRpc.V1.PatchType.MergePatch => V1Patch.PatchType.MergePatch,
            KubeRpc.V1.PatchType.StrategicMergePatch => V1Patch.PatchType.StrategicMergePatch,
            KubeRpc.V1.PatchType.ApplyPatch => V1Patch.PatchType.ApplyPatch,
            _ => null,
        };
        if (type is null)
        {
            validator.Add("patch_type", $"must be one of JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH, got {patchType}");
        }
        else if (type == V1Patch.PatchType.JsonPatch)
        {
            validator.Json("patch", patch, JsonValueKind.Array, "a JSON array of RFC 6902 operations");
        }
        else
        {
            validator.Json("patch", patch, JsonValueKind.Object, "a JSON object");
        }
        if (type == V1Patch.PatchType.ApplyPatch && string.IsNullOrEmpty(fieldManager))
        {
            validator.Add("field_manager", "is required for an apply patch (it names who owns the applied fields)");
        }
        if (subresource is not ("" or "status"))
        {
            validator.Add("subresource", $"must be empty or \"status\", got \"{subresource}\"");
        }
        validator.ThrowIfInvalid();
        return CallAsync(ns, name, async ct => Acknowledge(await api.PatchAsync(new V1Patch(patch, type!.Value), ns, name,
            Write(dryRun, fieldManager), force, subresource == "status", ct), dryRun), context);
    }

    public Task<TProto> ApplyAsync(TProto? obj, string fieldManager, bool force, bool dryRun, ServerCallContext context)
    {
        var (model, ns, name) = Addressed(obj, string.IsNullOrEmpty(fieldManager)
            ? v => v.Add("field_manager", "is required for apply (it names who owns the applied fields)")
            : null);
        var body = KubernetesJson.Serialize(model);
        return CallAsync(ns, name, async ct => Acknowledge(await api.PatchAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), ns, name,
            Write(dryRun, fieldManager), force, status: false, ct), dryRun), context);
    }

    public Task<TProto> DeleteAsync(string ns, string name, Preconditions? preconditions, PropagationPolicy policy, bool dryRun,
        ServerCallContext context)
    {
        var validator = new RequestValidator().Required("namespace", ns).Required("name", name);
        string? propagation = policy switch
        {
            PropagationPolicy.Unspecified => null,
            PropagationPolicy.Orphan => "Orphan",
            PropagationPolicy.Background => "Background",
            PropagationPolicy.Foreground => "Foreground",
            _ => null,
        };
        if (policy != PropagationPolicy.Unspecified && propagation is null)
        {
            validator.Add("propagation_policy", $"unknown value {(int)policy}");
        }
        validator.ThrowIfInvalid();
        var options = new V1DeleteOptions
        {
            PropagationPolicy = propagation,
            Preconditions = preconditions is { HasUid: true } or { HasResourceVersion: true }
                ? new V1Preconditions
                {
                    Uid = preconditions.HasUid ? preconditions.Uid : null,
                    ResourceVersion = preconditions.HasResourceVersion ? preconditions.ResourceVersion : null,
                }
                : null,
        };
        return CallAsync(ns, name, async ct => await AcknowledgeDeleteAsync(await api.DeleteAsync(ns, name, options, dryRun, ct), dryRun, ct),
            context);
    }

    public Task<IReadOnlyList<TProto>> DeleteCollectionAsync(string ns, string labelSelector, string fieldSelector, bool dryRun,
        ServerCallContext context)
    {
        new RequestValidator().Required("namespace", ns)
            .LabelSelectorSyntax("label_selector", labelSelector)
            .FieldSelectorSyntax("field_selector", fieldSelector)
            .ThrowIfInvalid();
        return CallAsync(ns, null, async ct =>
        {
            var deleted = new List<TProto>();
            foreach (var item in await api.DeleteCollectionAsync(ns, Empty(labelSelector), Empty(fieldSelector), dryRun, ct))
            {
                deleted.Add(await AcknowledgeDeleteAsync(item, dryRun, ct));
            }
            return (IReadOnlyList<TProto>)deleted;
        }, context);
    }

    private (TModel Model, string Namespace, string Name) Addressed(TProto? obj, Action<RequestValidator>? extra = null)
    {
        var field = mapper.Field;
        var meta = obj is null ? null : mapper.Metadata(obj);
        var validator = new RequestValidator();
        extra?.Invoke(validator);
        if (obj is null)
        {
            validator.Add(field, "is required");
        }
        validator.Required($"{field}.metadata.namespace", meta?.Namespace).Required($"{field}.metadata.name", meta?.Name);
        var model = Map(obj, validator);
        return (model!, meta!.Namespace, meta.Name);
    }

    /// <summary>Maps the request's object, adding an unknown enum value as a violation; throws when anything is invalid.</summary>
    private TModel? Map(TProto? obj, RequestValidator validator)
    {
        TModel? model = null;
        if (obj is not null)
        {
            try
            {
                model = mapper.ToKubernetes(obj);
            }
            catch (MappingException e)
            {
                validator.Add(e.Field, e.Detail);
            }
        }
        validator.ThrowIfInvalid();
        return model;
    }

    /// <summary>A write's answer, remembered so this replica's cached reads see it.</summary>
    private TProto Acknowledge(TModel written, bool dryRun)
    {
        if (!dryRun)
        {
            cache?.Written(written);
        }
        return mapper.ToProto(written);
    }

    /// <summary>A delete's answer: once gone, after the cache has dropped it; if finalizers hold it, like any write.</summary>
    private async Task<TProto> AcknowledgeDeleteAsync(TModel deleted, bool dryRun, CancellationToken cancellationToken)
    {
        if (!dryRun && cache is not null)
        {
            if (deleted.Metadata?.DeletionTimestamp is not null && deleted.Metadata.Finalizers?.Count > 0)
            {
                cache.Written(deleted);
            }
            else
            {
                var last = ResourceVersions.TryParse(deleted.Metadata!.ResourceVersion, out var rv) ? rv : 0;
                await cache.DeletedAsync(deleted.Metadata.NamespaceProperty, deleted.Metadata.Name, deleted.Metadata.Uid, last, cancellationToken);
            }
        }
        return mapper.ToProto(deleted);
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
            validator.Add("read_options.min_resource_version", $"must be a resource_version returned by KubeRpc, got \"{text}\"");
        }
        return rv;
    }

    /// <summary>One page of a cached listing, in key order after the token's key, filtered as the API server filters.</summary>
    private EncodedList ListCached(StoreSnapshot<TProto> snapshot, string ns,
        string labelSelector, string fieldSelector, int limit, string? continueToken, string filters)
    {
        var filter = WatchFilter.ForRequest(Empty(ns), labelSelector, fieldSelector, bookmarks: false, cache!.Fields, api.GroupResource,
            new ResourceTarget(api.Kind, api.ResourceType, ns, null));
        ObjectKey? after = null;
        if (continueToken?.Split('\n') is [var afterNamespace, var afterName])
        {
            after = new ObjectKey(afterNamespace, afterName);
        }
        var items = new List<EncodedMessage>(Math.Min(limit, snapshot.CountIn(Empty(ns))));
        ObjectKey? last = null;
        var more = false;
        foreach (var cached in snapshot.List(Empty(ns), after))
        {
            if (!filter.Matches(cached))
            {
                continue;
            }
            if (items.Count == limit)
            {
                more = true;
                break;
            }
            items.Add(cached);
            last = cached.Key;
        }
        var next = more && last is { } key ? PageToken.Encode($"{key.Namespace}\n{key.Name}", filters) : "";
        var rv = string.IsNullOrEmpty(ns) ? snapshot.ResourceVersion : snapshot.ResourceVersionOf(ns);
        return new EncodedList(items, next, ResourceVersions.Format(rv));
    }

    private RpcException NotFound(string ns, string name) =>
        KubernetesErrorTranslator.FromStatus(404, new V1Status
        {
            Code = 404,
            Reason = "NotFound",
            Message = $"{api.GroupResource} \"{name}\" not found",
            Details = new V1StatusDetails { Name = name, Kind = api.GroupResource.Split('.')[0] },
        }, null, new ResourceTarget(api.Kind, api.ResourceType, ns, name));

    private static WriteParameters Write(bool dryRun, string fieldManager) => new(dryRun, Manager(fieldManager));

    private static string Manager(string fieldManager) => string.IsNullOrEmpty(fieldManager) ? DefaultFieldManager : fieldManager;

    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;

    private async Task<T> CallAsync<T>(string? ns, string? name, Func<CancellationToken, Task<T>> call, ServerCallContext context)
    {
        try
        {
            return await call(context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw KubernetesErrorTranslator.Cancelled(new ResourceTarget(api.Kind, api.ResourceType, ns, name));
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw KubernetesErrorTranslator.Translate(e, new ResourceTarget(api.Kind, api.ResourceType, ns, name), logger);
        }
    }
}
