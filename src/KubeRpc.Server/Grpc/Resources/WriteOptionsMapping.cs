using k8s.Models;
using KubeRpc.Machinery.Text;
using KubeRpc.Server.Grpc.Validation;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>The enums and options of write requests as Kubernetes takes them; an unknown value is a violation.</summary>
internal static class WriteOptionsMapping
{
    /// <summary>The field manager recorded for non-apply writes when the caller names none.</summary>
    public const string DefaultFieldManager = "kuberpc";

    /// <param name="actAs">Whom the write is sent as (<see cref="Access.AccessInterceptor.ActAs"/>); null for KubeRpc itself.</param>
    public static WriteParameters Write(bool dryRun, string fieldManager, Impersonation? actAs) =>
        new(dryRun, string.IsNullOrEmpty(fieldManager) ? DefaultFieldManager : fieldManager, actAs);

    public static V1Patch.PatchType? PatchType(KubeRpc.V1.PatchType patchType, RequestValidator validator)
    {
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
        return type;
    }

    public static Subresource? Subresource(string subresource, RequestValidator validator)
    {
        Subresource? target = subresource switch
        {
            "" => Kubernetes.Subresource.None,
            "status" => Kubernetes.Subresource.Status,
            _ => null,
        };
        if (target is null)
        {
            validator.Add("subresource", $"must be empty or \"status\", got \"{Excerpt.Of(subresource)}\"");
        }
        return target;
    }

    public static V1DeleteOptions DeleteOptions(Preconditions? preconditions, PropagationPolicy policy, RequestValidator validator)
    {
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
        return new V1DeleteOptions
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
    }
}
