using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.PodTemplates;

/// <summary>
/// <c>ValidatePodTemplateSpec</c> and the parts of <c>ValidatePodSpec</c> of k/k
/// <c>pkg/apis/core/validation/validation.go</c> (release-1.32) that the emulator keeps, in kube-apiserver's order:
/// template labels and annotations, volume names, containers (<see cref="ContainerValidator"/>), restart and DNS
/// policies, node selector labels, service account name and active deadline.
/// </summary>
/// <remarks>
/// Not checked: volume sources, resource claims, security contexts, affinity, DNS config, tolerations, host aliases,
/// topology spread, scheduling and readiness gates, priority and runtime classes, overhead and OS rules.
/// </remarks>
internal static class PodTemplateValidator
{
    private static readonly string[] RestartPolicies = ["Always", "OnFailure", "Never"];
    private static readonly string[] DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

    public static List<FieldError> Validate(V1PodTemplateSpec template, FieldPath path)
    {
        var meta = template.Metadata ?? new V1ObjectMeta();
        var errs = ObjectMetaValidator.ValidateLabels(meta.Labels, path.Child("labels"));
        errs.AddRange(ObjectMetaValidator.ValidateAnnotations(meta.Annotations, path.Child("annotations")));
        var spec = template.Spec ?? new V1PodSpec();
        var specPath = path.Child("spec");
        errs.AddRange(ValidateSpec(spec, specPath));
        if (spec.EphemeralContainers is { Count: > 0 })
        {
            errs.Add(FieldError.Forbidden(specPath.Child("ephemeralContainers"), "ephemeral containers not allowed in pod template"));
        }
        return errs;
    }

    /// <summary>The kept parts of <c>ValidatePodSpec</c>, shared by templates and Pods.</summary>
    internal static IEnumerable<FieldError> ValidateSpec(V1PodSpec spec, FieldPath path)
    {
        var volumes = new HashSet<string>(StringComparer.Ordinal);
        var volumeList = spec.Volumes ?? [];
        for (var i = 0; i < volumeList.Count; i++)
        {
            var namePath = path.Child("volumes").Index(i).Child("name");
            var name = volumeList[i].Name ?? "";
            if (name.Length == 0)
            {
                yield return FieldError.Required(namePath);
                continue;
            }
            foreach (var msg in NameValidation.IsDns1123Label(name))
            {
                yield return FieldError.Invalid(namePath, name, msg);
            }
            if (!volumes.Add(name))
            {
                yield return FieldError.Duplicate(namePath, name);
            }
        }
        foreach (var error in ContainerValidator.ValidateContainers(spec.Containers, volumes, path.Child("containers")))
        {
            yield return error;
        }
        foreach (var error in ContainerValidator.ValidateInitContainers(spec.InitContainers, spec.Containers, volumes, path.Child("initContainers")))
        {
            yield return error;
        }
        foreach (var error in ContainerValidator.OneOf(spec.RestartPolicy, RestartPolicies, path.Child("restartPolicy")))
        {
            yield return error;
        }
        foreach (var error in ContainerValidator.OneOf(spec.DnsPolicy, DnsPolicies, path.Child("dnsPolicy")))
        {
            yield return error;
        }
        foreach (var error in ObjectMetaValidator.ValidateLabels(spec.NodeSelector, path.Child("nodeSelector")))
        {
            yield return error;
        }
        if (!string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            foreach (var msg in NameValidation.NameIsDnsSubdomain(spec.ServiceAccountName, false))
            {
                yield return FieldError.Invalid(path.Child("serviceAccountName"), spec.ServiceAccountName, msg);
            }
        }
        if (!string.IsNullOrEmpty(spec.NodeName))
        {
            foreach (var msg in NameValidation.NameIsDnsSubdomain(spec.NodeName, false))
            {
                yield return FieldError.Invalid(path.Child("nodeName"), spec.NodeName, msg);
            }
        }
        if (spec.ActiveDeadlineSeconds is { } deadline && deadline is < 1 or > int.MaxValue)
        {
            yield return FieldError.Invalid(path.Child("activeDeadlineSeconds"), deadline, ValidationMessages.InclusiveRange(1, int.MaxValue));
        }
    }
}
