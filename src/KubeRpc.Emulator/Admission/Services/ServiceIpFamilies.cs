using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;
using static KubeRpc.Emulator.Admission.Services.ServiceSpecs;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// <c>initIPFamilyFields</c> (<c>registry/core/service/storage/alloc.go</c>) for a single-stack IPv4 cluster:
/// defaults <c>ipFamilyPolicy</c> and <c>ipFamilies</c> and rejects what the cluster cannot serve. It runs before
/// validation, so its errors are the whole answer (kube-apiserver returns them as Invalid at once).
/// </summary>
internal static class ServiceIpFamilies
{
    private static readonly FieldPath Policy = new("spec.ipFamilyPolicy");

    public static List<FieldError> Init(V1Service service, V1Service? old)
    {
        var spec = service.Spec();
        if (spec.Type == ExternalName || IsMatchingPreferDualStack(service, old))
        {
            return [];
        }
        if (spec.IpFamilyPolicy is null)
        {
            spec.IpFamilyPolicy = old?.Spec().IpFamilyPolicy is { } previous ? previous
                : spec.ClusterIP == None && (spec.Selector?.Count ?? 0) == 0 ? RequireDualStack
                : SingleStack;
        }
        var loose = ServiceClusterIpValidator.ValidateClusterIPsRelatedFields(service);
        if (loose.Count != 0)
        {
            return loose;
        }
        var errs = new List<FieldError>();
        if (old is not null)
        {
            if (spec.IpFamilyPolicy == SingleStack)
            {
                // With unchanged lists, choosing SingleStack is clear intent to drop the secondary entries.
                if (SameStrings(old.Spec().ClusterIPs, spec.ClusterIPs) && spec.ClusterIPs is { Count: > 1 })
                {
                    spec.ClusterIPs = [spec.ClusterIPs[0]];
                }
                if (SameStrings(old.Spec().IpFamilies, spec.IpFamilies) && spec.IpFamilies is { Count: > 1 })
                {
                    spec.IpFamilies = [spec.IpFamilies[0]];
                }
            }
            else
            {
                if (Reduced(spec.ClusterIPs, old.Spec().ClusterIPs))
                {
                    errs.Add(FieldError.Invalid(Policy, spec.IpFamilyPolicy, "must be 'SingleStack' to release the secondary cluster IP"));
                }
                if (Reduced(spec.IpFamilies, old.Spec().IpFamilies))
                {
                    errs.Add(FieldError.Invalid(Policy, spec.IpFamilyPolicy, "must be 'SingleStack' to release the secondary IP family"));
                }
            }
        }
        if (spec.IpFamilyPolicy == SingleStack)
        {
            if (spec.ClusterIPs is { Count: 2 })
            {
                errs.Add(FieldError.Invalid(Policy, spec.IpFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
            }
            if (spec.IpFamilies is { Count: 2 })
            {
                errs.Add(FieldError.Invalid(Policy, spec.IpFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
            }
        }
        InferFamilies(spec, errs);
        if (errs.Count > 0)
        {
            return errs;
        }
        if (spec.ClusterIP == None && (spec.Selector?.Count ?? 0) == 0)
        {
            // Headless and selectorless: the one case allowed to name families the cluster does not serve.
            spec.IpFamilies ??= [];
            if (spec.IpFamilies.Count == 0)
            {
                spec.IpFamilies.Add(IPv4);
            }
            if (spec.IpFamilies.Count < 2 && spec.IpFamilyPolicy != SingleStack)
            {
                spec.IpFamilies.Add(spec.IpFamilies[0] == IPv4 ? IPv6 : IPv4);
            }
            return [];
        }
        if (spec.IpFamilyPolicy == RequireDualStack)
        {
            errs.Add(FieldError.Invalid(Policy, spec.IpFamilyPolicy, "this cluster is not configured for dual-stack services"));
        }
        var families = spec.IpFamilies ?? [];
        for (var i = 0; i < families.Count; i++)
        {
            if (families[i] != IPv4)
            {
                errs.Add(FieldError.Invalid(new FieldPath("spec.ipFamilies").Index(i), families[i], "not configured on this cluster"));
            }
        }
        if (errs.Count > 0)
        {
            return errs;
        }
        if (families.Count == 0)
        {
            spec.IpFamilies = [IPv4];
        }
        return [];
    }

    private static void InferFamilies(V1ServiceSpec spec, List<FieldError> errs)
    {
        var ips = spec.ClusterIPs ?? [];
        for (var i = 0; i < ips.Count && ips[i] != None; i++)
        {
            if (i < (spec.IpFamilies?.Count ?? 0))
            {
                continue;
            }
            var family = NameValidation.IsIPv4String(ips[i]) ? IPv4 : NameValidation.IsIPv6String(ips[i]) ? IPv6 : "unknown";
            if (family != IPv4)
            {
                errs.Add(FieldError.Invalid(new FieldPath("spec.clusterIPs").Index(i), GoValue.StringSlice(ips), $"{family} is not configured on this cluster"));
            }
            else
            {
                (spec.IpFamilies ??= []).Add(family);
            }
        }
    }

    private static bool Reduced(IList<string>? now, IList<string>? before) =>
        (now?.Count ?? 0) != 0 && now!.Count < (before?.Count ?? 0);

    /// <summary>An update that keeps a PreferDualStack Service exactly as it was is left alone.</summary>
    private static bool IsMatchingPreferDualStack(V1Service service, V1Service? old)
    {
        if (old is null || service.Spec().IpFamilyPolicy is null || old.Spec().Type != service.Spec().Type
            || service.Spec().Type is not (ClusterIP or NodePort or LoadBalancer))
        {
            return false;
        }
        return service.Spec().IpFamilyPolicy == PreferDualStack
            && (old.Spec().IpFamilyPolicy is null or PreferDualStack)
            && SameStrings(old.Spec().ClusterIPs, service.Spec().ClusterIPs)
            && SameStrings(old.Spec().IpFamilies, service.Spec().IpFamilies);
    }
}
