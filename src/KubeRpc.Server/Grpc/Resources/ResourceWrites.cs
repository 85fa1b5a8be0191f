using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.Server.Grpc.Access;
using KubeRpc.Server.Grpc.Validation;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;
using static KubeRpc.Server.Grpc.Resources.WriteOptionsMapping;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>
/// Create, update, patch, apply, delete and delete-collection of one kind: judge the request, map it, call Kubernetes,
/// acknowledge the answer to the cache, map it back. Every namespace and name a call puts into a path is judged by the
/// path segment rule first (<see cref="RequestValidator.Namespace"/>, <see cref="RequestValidator.Name"/>).
/// </summary>
internal sealed class ResourceWrites<TProto, TModel>(
    ResourceKind<TProto, TModel> kind,
    IResourceApi<TModel> api,
    WriteAcknowledgement<TProto, TModel> acknowledge,
    CallBoundary boundary,
    RequestLimits limits)
    where TProto : class, IMessage<TProto>
    where TModel : class, IKubernetesObject<V1ObjectMeta>
{
    public Task<TProto> CreateAsync(TProto? obj, bool dryRun, string fieldManager, ServerCallContext context)
    {
        var field = kind.RequestField;
        var meta = obj is null ? null : kind.Metadata(obj);
        var validator = new RequestValidator(limits);
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
        return boundary.RunAsync(meta?.Namespace, meta?.Name, async ct =>
            acknowledge.Written(await api.CreateAsync(model!, meta!.Namespace, Write(dryRun, fieldManager, AccessInterceptor.ActAs(context)), ct), dryRun), context);
    }

    public Task<TProto> UpdateAsync(TProto? obj, bool dryRun, string fieldManager, Subresource subresource, ServerCallContext context)
    {
        var (model, ns, name) = Addressed(obj);
        return boundary.RunAsync(ns, name, async ct =>
            acknowledge.Written(await api.ReplaceAsync(model, ns, name, Write(dryRun, fieldManager, AccessInterceptor.ActAs(context)), subresource, ct), dryRun), context);
    }

    public Task<TProto> PatchAsync(string ns, string name, KubeRpc.V1.PatchType patchType, string patch, bool dryRun,
        string fieldManager, bool? force, string subresource, ServerCallContext context)
    {
        var validator = new RequestValidator(limits).Namespace("namespace", ns).Name("name", name);
        var type = PatchType(patchType, validator);
        if (type == V1Patch.PatchType.JsonPatch)
        {
            validator.Json("patch", patch, JsonValueKind.Array, "a JSON array of RFC 6902 operations");
        }
        else if (type is not null)
        {
            validator.Json("patch", patch, JsonValueKind.Object, "a JSON object");
        }
        if (type == V1Patch.PatchType.ApplyPatch && string.IsNullOrEmpty(fieldManager))
        {
            validator.Add("field_manager", "is required for an apply patch (it names who owns the applied fields)");
        }
        var target = Subresource(subresource, validator);
        validator.ThrowIfInvalid();
        return boundary.RunAsync(ns, name, async ct => acknowledge.Written(await api.PatchAsync(new V1Patch(patch, type!.Value), ns, name,
            Write(dryRun, fieldManager, AccessInterceptor.ActAs(context)), force, target!.Value, ct), dryRun), context, sentPatch: true);
    }

    public Task<TProto> ApplyAsync(TProto? obj, string fieldManager, bool force, bool dryRun, ServerCallContext context)
    {
        var (model, ns, name) = Addressed(obj, string.IsNullOrEmpty(fieldManager)
            ? v => v.Add("field_manager", "is required for apply (it names who owns the applied fields)")
            : null);
        var body = KubernetesJson.Serialize(model);
        return boundary.RunAsync(ns, name, async ct => acknowledge.Written(await api.PatchAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch),
            ns, name, Write(dryRun, fieldManager, AccessInterceptor.ActAs(context)), force, Kubernetes.Subresource.None, ct), dryRun), context);
    }

    public Task<TProto> DeleteAsync(string ns, string name, Preconditions? preconditions, PropagationPolicy policy, bool dryRun,
        ServerCallContext context)
    {
        var validator = new RequestValidator(limits).Namespace("namespace", ns).Name("name", name);
        var options = DeleteOptions(preconditions, policy, validator);
        validator.ThrowIfInvalid();
        return boundary.RunAsync(ns, name, async ct => await acknowledge.DeletedAsync(await api.DeleteAsync(ns, name, options, Write(dryRun, "", AccessInterceptor.ActAs(context)), ct), dryRun, ct),
            context);
    }

    public Task<IReadOnlyList<TProto>> DeleteCollectionAsync(string ns, string labelSelector, string fieldSelector, bool dryRun,
        ServerCallContext context)
    {
        new RequestValidator(limits).Namespace("namespace", ns)
            .LabelSelectorSyntax("label_selector", labelSelector)
            .FieldSelectorSyntax("field_selector", fieldSelector)
            .ThrowIfInvalid();
        return boundary.RunAsync(ns, null, async ct =>
        {
            var deleted = new List<TProto>();
            foreach (var item in await api.DeleteCollectionAsync(ns, NullIfEmpty(labelSelector), NullIfEmpty(fieldSelector),
                Write(dryRun, "", AccessInterceptor.ActAs(context)), ct))
            {
                deleted.Add(await acknowledge.DeletedAsync(item, dryRun, ct));
            }
            return (IReadOnlyList<TProto>)deleted;
        }, context);
    }

    /// <summary>The request's object, with the namespace and name its path will carry; throws when anything is invalid.</summary>
    private (TModel Model, string Namespace, string Name) Addressed(TProto? obj, Action<RequestValidator>? extra = null)
    {
        var field = kind.RequestField;
        var meta = obj is null ? null : kind.Metadata(obj);
        var validator = new RequestValidator(limits);
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
                model = kind.ToKubernetes(obj);
            }
            catch (MappingException e)
            {
                validator.Add(e.Field, e.Detail);
            }
        }
        validator.ThrowIfInvalid();
        return model;
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
