using System.Text.Json;
using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Grpc.Mapping;
using KubeRpc.Server.Grpc.Validation;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>
/// The RPC logic shared by ServiceManager and IngressManager: judge the request, map it, call Kubernetes, map the
/// answer, and translate failures in one place.
/// </summary>
internal sealed class ResourceRpc<TProto, TModel>(
    IResourceApi<TModel> api,
    ResourceMapper<TProto, TModel> mapper,
    ILogger logger)
    where TProto : class
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
            mapper.ToProto(await api.CreateAsync(model!, meta!.Namespace, Write(dryRun, fieldManager), ct)), context);
    }

    public Task<TProto> GetAsync(string ns, string name, ReadOptions? readOptions, ServerCallContext context)
    {
        new RequestValidator().Required("namespace", ns).Required("name", name).ReadOptions(readOptions).ThrowIfInvalid();
        return CallAsync(ns, name, async ct => mapper.ToProto(await api.ReadAsync(ns, name, ct)), context);
    }

    public Task<(IReadOnlyList<TProto> Items, string NextPageToken, string ResourceVersion)> ListAsync(
        string ns, string labelSelector, string fieldSelector, int pageSize, string pageToken, ReadOptions? readOptions,
        ServerCallContext context)
    {
        var validator = new RequestValidator()
            .LabelSelectorSyntax("label_selector", labelSelector)
            .FieldSelectorSyntax("field_selector", fieldSelector)
            .NotNegative("page_size", pageSize)
            .ReadOptions(readOptions);
        var filters = $"{ns}\n{labelSelector}\n{fieldSelector}";
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
            var page = await api.ListAsync(ns, Empty(labelSelector), Empty(fieldSelector), limit, continueToken, ct);
            var next = string.IsNullOrEmpty(page.Continue) ? "" : PageToken.Encode(page.Continue, filters);
            return ((IReadOnlyList<TProto>)page.Items.Select(mapper.ToProto).ToList(), next, page.ResourceVersion ?? "");
        }, context);
    }

    public Task<TProto> UpdateAsync(TProto? obj, bool dryRun, string fieldManager, bool status, ServerCallContext context)
    {
        var (model, ns, name) = Addressed(obj);
        return CallAsync(ns, name, async ct =>
            mapper.ToProto(await api.ReplaceAsync(model, ns, name, Write(dryRun, fieldManager), status, ct)), context);
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
        return CallAsync(ns, name, async ct => mapper.ToProto(await api.PatchAsync(new V1Patch(patch, type!.Value), ns, name,
            Write(dryRun, fieldManager), force, subresource == "status", ct)), context);
    }

    public Task<TProto> ApplyAsync(TProto? obj, string fieldManager, bool force, bool dryRun, ServerCallContext context)
    {
        var (model, ns, name) = Addressed(obj, string.IsNullOrEmpty(fieldManager)
            ? v => v.Add("field_manager", "is required for apply (it names who owns the applied fields)")
            : null);
        var body = KubernetesJson.Serialize(model);
        return CallAsync(ns, name, async ct => mapper.ToProto(await api.PatchAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), ns, name,
            Write(dryRun, fieldManager), force, status: false, ct)), context);
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
        return CallAsync(ns, name, async ct => mapper.ToProto(await api.DeleteAsync(ns, name, options, dryRun, ct)), context);
    }

    public Task<IReadOnlyList<TProto>> DeleteCollectionAsync(string ns, string labelSelector, string fieldSelector, bool dryRun,
        ServerCallContext context)
    {
        new RequestValidator().Required("namespace", ns)
            .LabelSelectorSyntax("label_selector", labelSelector)
            .FieldSelectorSyntax("field_selector", fieldSelector)
            .ThrowIfInvalid();
        return CallAsync(ns, null, async ct => (IReadOnlyList<TProto>)(await api.DeleteCollectionAsync(ns, Empty(labelSelector),
            Empty(fieldSelector), dryRun, ct)).Select(mapper.ToProto).ToList(), context);
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
