using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Patching;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Http;

internal sealed partial class ResourceHandler
{
    private const int PatchConflictRetries = 5;

    /// <summary>
    /// PATCH (handlers/patch.go): JSON patch, merge patch, strategic merge patch or server-side apply against the
    /// stored object, then an update with the stored version as precondition; a concurrent change is retried
    /// unless the patch itself names a resourceVersion.
    /// </summary>
    private ApiResponse Patch(ApiRequest request, ResourceType type, string? ns, string name, UpdateTarget target)
    {
        var media = MediaTypes.Essence(request.ContentType);
        if (media is not (MediaTypes.JsonPatch or MediaTypes.MergePatch or MediaTypes.StrategicMergePatch or MediaTypes.ApplyPatch))
        {
            throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: {MediaTypes.JsonPatch}, {MediaTypes.MergePatch}, {MediaTypes.StrategicMergePatch}, {MediaTypes.ApplyPatch}");
        }
        var apply = media == MediaTypes.ApplyPatch;
        var options = WriteOptionsOf(request, "PatchOptions");
        ValidatePatchOptions(request, apply, options);
        var patch = ParsePatch(request, media);
        var codec = registry.Store.Codec(type);
        var warnings = new List<string>();

        for (var attempt = 1; ; attempt++)
        {
            var existing = registry.Store.Get(type, ns, name);
            if (existing is null)
            {
                if (!apply || target != UpdateTarget.Main)
                {
                    throw ApiErrors.NotFound(type, name);
                }
                var created = ApplyCreate(request, type, ns, name, patch, options, warnings);
                return ObjectResponse(created.StatusCode, created.Json, warnings);
            }
            warnings.Clear();
            JsonObject patched;
            if (apply)
            {
                patched = TrackApply(request, type, existing, patch);
                decoder.CheckFields(request, JsonSerializer.SerializeToUtf8Bytes(patched), type, warnings);
            }
            else
            {
                // Unknown fields are judged as sent, before defaulting decodes (and drops) them.
                var document = PatchDocument(ObjectCodec.ToNode(existing.Json), patch, media, type);
                decoder.CheckFields(request, JsonSerializer.SerializeToUtf8Bytes(document), type, warnings);
                patched = TrackUpdate(request, type, existing, Defaulted(type, document, target), target);
            }
            var model = BodyDecoder.ToModel(codec, patched);
            var namesVersion = PatchResourceVersion(patch) is not null;
            if (!namesVersion)
            {
                model.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            }
            if (model.Metadata.Name != name)
            {
                throw ApiException.BadRequest($"the name of the object ({model.Metadata.Name}) does not match the name on the URL ({name})");
            }
            try
            {
                var result = registry.Update(type, ns, name, model, options, target);
                return ObjectResponse(result.StatusCode == 201 ? 200 : result.StatusCode, result.Json, warnings);
            }
            catch (ApiException e) when (e.Code == 409 && e.Reason == "Conflict" && !namesVersion && attempt < PatchConflictRetries)
            {
                // The object changed between read and write: patch the new state, as kube-apiserver does.
            }
        }
    }

    private static JsonObject PatchDocument(JsonObject current, JsonNode patch, string media, ResourceType type) => media switch
    {
        MediaTypes.JsonPatch => JsonPatch.Apply(current, patch),
        MediaTypes.MergePatch => MergePatch.Apply(current, patch),
        _ => StrategicMergePatch.Apply(current, patch, PatchSchema.ForKind(type.Kind)),
    } as JsonObject ?? throw new ApiException(422, "Invalid", "the patch did not produce an object");

    private WriteResult ApplyCreate(ApiRequest request, ResourceType type, string? ns, string name, JsonNode patch,
        WriteOptions options, List<string> warnings)
    {
        var applied = TrackApply(request, type, null, patch);
        var json = JsonSerializer.SerializeToUtf8Bytes(applied);
        decoder.CheckFields(request, json, type, warnings);
        var model = BodyDecoder.ToModel(registry.Store.Codec(type), applied);
        if (!string.IsNullOrEmpty(model.Metadata.Name) && model.Metadata.Name != name)
        {
            throw ApiException.BadRequest($"the name of the object ({model.Metadata.Name}) does not match the name on the URL ({name})");
        }
        model.Metadata.Name = name;
        return registry.Create(type, ns, model, WithCreateAuthorization(options, request, type, ns, name));
    }

    private static JsonNode ParsePatch(ApiRequest request, string media)
    {
        if (media != MediaTypes.ApplyPatch)
        {
            return PatchDecoder.Decode(request.Body.Span, media, request.QueryValue("fieldValidation"))
                ?? throw ApiException.BadRequest("the patch is null");
        }
        if (GoJsonSyntax.Check(request.Body.Span, ApiLimits.MaxJsonDepth, out var offset) is { } syntax
            && syntax.EndsWith(GoJsonSyntax.ExceededMaxDepth, StringComparison.Ordinal))
        {
            throw ApplyTooDeep(request.Body.Span[..offset]);
        }
        try
        {
            // kubectl and KubernetesClient send apply configurations as JSON, which is YAML too.
            return JsonNode.Parse(request.Body.Span, documentOptions: JsonDepth.DocumentOptions)
                ?? throw ApiException.BadRequest("the apply configuration is null");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"error decoding YAML: {e.Message}");
        }
    }

    /// <summary>
    /// sigs.k8s.io/yaml's error for flow collections nested too deeply (go-yaml's scanner limit, here
    /// <see cref="ApiLimits.MaxJsonDepth"/>); the line is named unless it is the first.
    /// </summary>
    private static ApiException ApplyTooDeep(ReadOnlySpan<byte> before)
    {
        var line = before.Count((byte)'\n');
        var where = line == 0 ? "" : $"line {line + 1}: ";
        return ApiException.BadRequest(
            $"error decoding YAML: error converting YAML to JSON: yaml: {where}exceeded max depth of {ApiLimits.MaxJsonDepth}");
    }

    /// <summary>A <c>metadata.resourceVersion</c> inside the patch is a precondition.</summary>
    private static string? PatchResourceVersion(JsonNode patch) =>
        patch is JsonObject o && o["metadata"] is JsonObject meta && meta["resourceVersion"] is JsonValue v && v.TryGetValue<string>(out var rv) ? rv : null;

    private static void ValidatePatchOptions(ApiRequest request, bool apply, WriteOptions options)
    {
        var errors = new List<FieldError>();
        var force = QueryOptions.OptionalBool(request, "force");
        if (apply && string.IsNullOrEmpty(options.FieldManager))
        {
            errors.Add(FieldError.Required("fieldManager", "is required for apply patch"));
        }
        if (!apply && force is not null)
        {
            errors.Add(FieldError.Forbidden("force", "may not be specified for non-apply patch"));
        }
        if (errors.Count > 0)
        {
            throw ApiErrors.InvalidOptions("PatchOptions", errors);
        }
    }
}
