using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Pods;

/// <summary>
/// <c>ValidatePodUpdate</c>'s spec rule: the new spec, with the few mutable fields taken back from the old one, must equal
/// the old spec. kube-apiserver appends a <c>cmp.Diff</c> of the two specs to the message; the emulator does not.
/// </summary>
internal static class PodUpdateRules
{
    public const string Message =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
        + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
        + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public static IEnumerable<FieldError> Validate(V1PodSpec spec, V1PodSpec old, FieldPath path)
    {
        var munged = KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(spec));
        CopyImages(munged.Containers, old.Containers);
        CopyImages(munged.InitContainers, old.InitContainers);
        munged.ActiveDeadlineSeconds = old.ActiveDeadlineSeconds;
        // Tolerations may only be added to.
        if ((old.Tolerations ?? []).All(t => (munged.Tolerations ?? []).Any(n => SemanticEquality.Equal(n, t))))
        {
            munged.Tolerations = old.Tolerations;
        }
        if (old.TerminationGracePeriodSeconds is < 0 && munged.TerminationGracePeriodSeconds == 1)
        {
            munged.TerminationGracePeriodSeconds = old.TerminationGracePeriodSeconds;
        }
        if (!SemanticEquality.Equal(munged, old))
        {
            yield return FieldError.Forbidden(path, Message);
        }
    }

    private static void CopyImages(IList<V1Container>? containers, IList<V1Container>? old)
    {
        if (containers is null || old is null || containers.Count != old.Count)
        {
            return;
        }
        for (var i = 0; i < containers.Count; i++)
        {
            containers[i].Image = old[i].Image;
        }
    }
}
