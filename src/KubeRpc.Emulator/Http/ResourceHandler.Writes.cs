using System.Text.Json;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Patching;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Http;

internal sealed partial class ResourceHandler
{
    private ApiResponse Create(ApiRequest request, ResourceType type, string? ns)
    {
        var options = WriteOptionsOf(request, "CreateOptions");
        var warnings = new List<string>();
        var node = TrackUpdate(request, type, null, Defaulted(type, decoder.DecodeObject(request, type, warnings), UpdateTarget.Main),
            UpdateTarget.Main);
        var model = BodyDecoder.ToModel(registry.Store.Codec(type), node);
        var result = registry.Create(type, ns, model, options);
        return ObjectResponse(result.StatusCode, result.Json, warnings);
    }

    private ApiResponse Update(ApiRequest request, ResourceType type, string? ns, string name, UpdateTarget target)
    {
        // A PUT creates when the kind allows it (Services, the RBAC kinds): that also needs create.
        var options = WithCreateAuthorization(WriteOptionsOf(request, "UpdateOptions"), request, type, ns, name);
        var warnings = new List<string>();
        var node = Defaulted(type, decoder.DecodeObject(request, type, warnings), target);
        node = TrackUpdate(request, type, registry.Store.Get(type, ns, name), node, target);
        var model = BodyDecoder.ToModel(registry.Store.Codec(type), node);
        var result = registry.Update(type, ns, name, model, options, target);
        return ObjectResponse(result.StatusCode, result.Json, warnings);
    }

    private ApiResponse Delete(ApiRequest request, ResourceType type, string? ns, string name)
    {
        var result = registry.Delete(type, ns, name, DeleteOptionsOf(request));
        return ObjectResponse(result.StatusCode, result.ResponseBody ?? result.Json);
    }

    private ApiResponse DeleteCollection(ApiRequest request, ResourceType type, string? ns)
    {
        var options = DeleteOptionsOf(request);
        var page = registry.List(type, new ListRequest(Filter(request, type, ns)));
        var deleted = registry.DeleteCollection(type, page.Items, options);
        return new ApiResponse { Body = ListBodies.List(type, deleted.Select(d => d.Json), registry.Store.ResourceVersion) };
    }

    private static WriteOptions WriteOptionsOf(ApiRequest request, string optionsKind)
    {
        var manager = request.QueryValue("fieldManager");
        if (manager is { Length: > 128 })
        {
            throw ApiErrors.InvalidOptions(optionsKind, [FieldError.TooLong("fieldManager", 128)]);
        }
        return new WriteOptions(QueryOptions.DryRun(request, optionsKind), manager) { User = request.User };
    }

    /// <summary>DeleteOptions from the JSON body (kubectl) merged with the query (other clients).</summary>
    private static DeleteOptions DeleteOptionsOf(ApiRequest request)
    {
        var dryRun = QueryOptions.DryRun(request, "DeleteOptions");
        var policy = request.QueryValue("propagationPolicy");
        var orphan = QueryOptions.OptionalBool(request, "orphanDependents");
        long? grace = string.IsNullOrEmpty(request.QueryValue("gracePeriodSeconds")) ? null : QueryOptions.Long(request, "gracePeriodSeconds");
        string? uid = null, rv = null;
        if (!request.Body.IsEmpty)
        {
            if (GoJsonSyntax.Check(request.Body.Span) is { } syntax)
            {
                throw ApiException.BadRequest($"couldn't get version/kind; json parse error: {syntax}");
            }
            JsonElement body;
            try
            {
                body = JsonDocument.Parse(request.Body, JsonDepth.DocumentOptions).RootElement;
            }
            catch (JsonException e)
            {
                throw ApiException.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
            }
            if (body.ValueKind == JsonValueKind.Object)
            {
                policy = String(body, "propagationPolicy") ?? policy;
                if (body.TryGetProperty("orphanDependents", out var o) && o.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    orphan = o.GetBoolean();
                }
                if (body.TryGetProperty("gracePeriodSeconds", out var g) && g.ValueKind == JsonValueKind.Number && g.TryGetInt64(out var seconds))
                {
                    grace = seconds;
                }
                if (body.TryGetProperty("preconditions", out var pre) && pre.ValueKind == JsonValueKind.Object)
                {
                    uid = String(pre, "uid");
                    rv = String(pre, "resourceVersion");
                }
                if (body.TryGetProperty("dryRun", out var dry) && dry.ValueKind == JsonValueKind.Array)
                {
                    dryRun |= dry.EnumerateArray().Any(d => d.GetString() == "All");
                }
            }
        }
        if (policy is not (null or "" or "Orphan" or "Foreground" or "Background"))
        {
            throw ApiErrors.InvalidOptions("DeleteOptions",
                [FieldError.NotSupported("propagationPolicy", policy, ["Foreground", "Background", "Orphan", "nil"])]);
        }
        if (orphan is not null && !string.IsNullOrEmpty(policy))
        {
            throw ApiErrors.InvalidOptions("DeleteOptions",
                [FieldError.Invalid("propagationPolicy", policy, "orphanDependents and deletionPropagation cannot be both set")]);
        }
        return new DeleteOptions(dryRun, uid, rv, string.IsNullOrEmpty(policy) ? null : policy, orphan, grace);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
