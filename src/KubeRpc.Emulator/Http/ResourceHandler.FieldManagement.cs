using System.Text.Json.Nodes;
using KubeRpc.Emulator.Patching;
using KubeRpc.Emulator.Patching.ManagedFields;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>The field manager of a request: <c>?fieldManager</c>, else the User-Agent's product (managerOrUserAgent).</summary>
    private static string Manager(ApiRequest request) => FieldManager.ManagerFor(request.QueryValue("fieldManager"), request.UserAgent);

    /// <summary>
    /// Records in managedFields which fields this non-apply write changed (they become the manager's, with
    /// operation Update), as kube-apiserver's field manager does on every create, update and patch.
    /// </summary>
    private JsonObject TrackUpdate(ApiRequest request, ResourceType type, StoredObject? live, JsonObject updated, UpdateTarget target) =>
        FieldManager.Update(live is null ? null : ObjectCodec.ToNode(live.Json), updated, Manager(request), PatchSchema.ForKind(type.Kind),
            type.ApiVersion, registry.Store.Now, Subresource(target));

    /// <summary>
    /// The object as kube-apiserver's decoder hands it to the field manager: with the kind's defaults (SetDefaults_*)
    /// filled in, so a defaulted field (a Service's type and sessionAffinity, a port's protocol) belongs to the manager
    /// whose create, update or patch left it unset. Only the main resource: the registry defaults only there too.
    /// </summary>
    private JsonObject Defaulted(ResourceType type, JsonObject node, UpdateTarget target)
    {
        if (target != UpdateTarget.Main)
        {
            return node;
        }
        var codec = registry.Store.Codec(type);
        var model = BodyDecoder.ToModel(codec, node);
        type.Strategy.Default(model, registry.DecodingContext);
        return ObjectCodec.ToNode(codec.Encode(model));
    }

    /// <summary>Server-side apply with ownership: conflicts, shared fields, and removal of fields the manager stopped applying.</summary>
    private JsonObject TrackApply(ApiRequest request, ResourceType type, StoredObject? live, JsonNode applied)
    {
        if (applied is not JsonObject config)
        {
            // ApplyMerge words the error for a configuration that is not an object.
            return (JsonObject)ApplyMerge.Apply(live is null ? null : ObjectCodec.ToNode(live.Json), applied, PatchSchema.ForKind(type.Kind));
        }
        return FieldManager.Apply(live is null ? null : ObjectCodec.ToNode(live.Json), config, Manager(request),
            QueryOptions.Bool(request, "force"), PatchSchema.ForKind(type.Kind), type.ApiVersion, registry.Store.Now);
    }

    private static string? Subresource(UpdateTarget target) => target switch
    {
        UpdateTarget.Status => "status",
        UpdateTarget.Finalize => "finalize",
        _ => null,
    };
}
