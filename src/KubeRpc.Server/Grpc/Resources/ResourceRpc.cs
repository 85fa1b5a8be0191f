using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.Machinery;
using KubeRpc.Machinery.Text;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Grpc.Mapping;
using KubeRpc.Server.Grpc.Validation;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>
/// The RPC logic shared by ServiceManager and IngressManager: judge the request, map it, call Kubernetes, map the
/// answer, and translate failures in one place. Every namespace and name a call puts into a path is judged by the path
/// segment rule first (<see cref="RequestValidator.Namespace"/>, <see cref="RequestValidator.Name"/>).
/// </summary>
internal sealed partial class ResourceRpc<TProto, TModel>(
    IResourceApi<TModel> api,
    ResourceMapper<TProto, TModel> mapper,
    RequestLimits limits,
    ILogger logger,
    CachedReads<TProto, TModel>? cache = null)
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The field manager recorded for non-apply writes when the caller names none.</summary>
    public const string DefaultFieldManager = "kuberpc";

    public Task<TProto> CreateAsync(TProto? obj, bool dryRun, string fieldManager, ServerCallContext context)
    {
        var field = mapper.Field;
        var meta = obj is null ? null : mapper.Metadata(obj);
        var validator = Validator();
        if (obj is null)
        {
            validator.Add(field, "is required");
        }
        else
        {
            // The name goes into the body, where kube-apiserver judges it (DNS rules, generate_name) itself.
            validator.Namespace($"{field}.metadata.namespace", meta?.Namespace);
            if (string.IsNullOrEmpty(meta?.Name) && string.IsNullOrEmpty(meta?.GenerateName))
            {
                validator.Add($"{field}.metadata.name", "is required unless metadata.generate_name is set");
            }
        }
        var model = Map(obj, validator);
        return CallAsync(meta?.Namespace, meta?.Name, async ct =>
            Acknowledge(await api.CreateAsync(model!, meta!.Namespace, Write(dryRun, fieldManager), ct), dryRun), context);
    }

    public Task<TProto> UpdateAsync(TProto? obj, bool dryRun, string fieldManager, Subresource subresource, ServerCallContext context)
    {
        var (model, ns, name) = Addressed(obj);
        return CallAsync(ns, name, async ct =>
            Acknowledge(await api.ReplaceAsync(model, ns, name, Write(dryRun, fieldManager), subresource, ct), dryRun), context);
    }

    public Task<TProto> PatchAsync(string ns, string name, KubeRpc.V1.PatchType patchType, string patch, bool dryRun,
        string fieldManager, bool? force, string subresource, ServerCallContext context)
    {
        var validator = Validator().Namespace("namespace", ns).Name("name", name);
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
        Subresource? target = subresource switch
        {
            "" => Subresource.None,
            "status" => Subresource.Status,
            _ => null,
        };
        if (target is null)
        {
            validator.Add("subresource", $"must be empty or \"status\", got \"{Excerpt.Of(subresource)}\"");
        }
        validator.ThrowIfInvalid();
        return CallAsync(ns, name, async ct => Acknowledge(await api.PatchAsync(new V1Patch(patch, type!.Value), ns, name,
            Write(dryRun, fieldManager), force, target!.Value, ct), dryRun), context, sentPatch: true);
    }

    public Task<TProto> ApplyAsync(TProto? obj, string fieldManager, bool force, bool dryRun, ServerCallContext context)
    {
        var (model, ns, name) = Addressed(obj, string.IsNullOrEmpty(fieldManager)
            ? v => v.Add("field_manager", "is required for apply (it names who owns the applied fields)")
            : null);
        var body = KubernetesJson.Serialize(model);
        return CallAsync(ns, name, async ct => Acknowledge(await api.PatchAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), ns, name,
            Write(dryRun, fieldManager), force, Subresource.None, ct), dryRun), context);
    }

    public Task<TProto> DeleteAsync(string ns, string name, Preconditions? preconditions, PropagationPolicy policy, bool dryRun,
        ServerCallContext context)
    {
        var validator = Validator().Namespace("namespace", ns).Name("name", name);
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
        Validator().Namespace("namespace", ns)
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

    private RequestValidator Validator() => new(limits);

    private (TModel Model, string Namespace, string Name) Addressed(TProto? obj, Action<RequestValidator>? extra = null)
    {
        var field = mapper.Field;
        var meta = obj is null ? null : mapper.Metadata(obj);
        var validator = Validator();
        extra?.Invoke(validator);
        if (obj is null)
        {
            validator.Add(field, "is required");
        }
        validator.Namespace($"{field}.metadata.namespace", meta?.Namespace).Name($"{field}.metadata.name", meta?.Name);
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

    private static WriteParameters Write(bool dryRun, string fieldManager) => new(dryRun, Manager(fieldManager));

    private static string Manager(string fieldManager) => string.IsNullOrEmpty(fieldManager) ? DefaultFieldManager : fieldManager;

    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;

    private ResourceTarget Target(string? ns, string? name) => new(api.Resource.Kind, api.Resource.ResourceType, ns, name);

    private async Task<T> CallAsync<T>(string? ns, string? name, Func<CancellationToken, Task<T>> call, ServerCallContext context,
        bool sentPatch = false)
    {
        try
        {
            return await call(context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw KubernetesErrorTranslator.Cancelled(Target(ns, name));
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw KubernetesErrorTranslator.Translate(e, Target(ns, name), logger, sentPatch);
        }
    }
}
