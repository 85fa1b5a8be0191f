using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;
using static KubeRpc.Emulator.Admission.Services.ServiceSpecs;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// <c>ValidateServiceClusterIPsRelatedFields</c>, <c>validateUpgradeDowngradeClusterIPs</c> and
/// <c>validateUpgradeDowngradeIPFamilies</c> (k/k <c>apis/core/validation/validation.go</c>, release-1.32).
/// </summary>
internal static class ServiceClusterIpValidator
{
    private static readonly FieldPath ClusterIPs = new("spec.clusterIPs");
    private static readonly FieldPath IpFamilies = new("spec.ipFamilies");
    private static readonly string[] Families = [IPv4, IPv6];
    private static readonly string[] Policies = [PreferDualStack, RequireDualStack, SingleStack];

    public static List<FieldError> ValidateClusterIPsRelatedFields(V1Service service)
    {
        var spec = service.Spec();
        if (spec.Type == ExternalName)
        {
            return [];
        }
        var errs = new List<FieldError>();
        var ips = spec.ClusterIPs ?? [];
        if (!string.IsNullOrEmpty(spec.ClusterIP))
        {
            if (ips.Count == 0)
            {
                errs.Add(FieldError.Required(ClusterIPs));
            }
            else if (ips[0] != spec.ClusterIP)
            {
                errs.Add(FieldError.Invalid(ClusterIPs, GoValue.StringSlice(ips), "first value must match `clusterIP`"));
            }
        }
        else if (ips.Count != 0)
        {
            errs.Add(FieldError.Invalid(ClusterIPs, GoValue.StringSlice(ips), "must be empty when `clusterIP` is not specified"));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var families = spec.IpFamilies ?? [];
        for (var i = 0; i < families.Count; i++)
        {
            if (!Families.Contains(families[i]))
            {
                errs.Add(FieldError.NotSupported(IpFamilies.Index(i), families[i], Families));
            }
            if (!seen.Add(families[i]))
            {
                errs.Add(FieldError.Duplicate(IpFamilies.Index(i), families[i]));
            }
        }
        if (spec.IpFamilyPolicy is { } policy && !Policies.Contains(policy))
        {
            errs.Add(FieldError.NotSupported(new FieldPath("spec.ipFamilyPolicy"), policy, Policies));
        }
        var hasInvalidIPs = false;
        for (var i = 0; i < ips.Count; i++)
        {
            if (i == 0 && ips[i] == None)
            {
                if (ips.Count > 1)
                {
                    hasInvalidIPs = true;
                    errs.Add(FieldError.Invalid(ClusterIPs, GoValue.StringSlice(ips), "'None' must be the first and only value"));
                }
                continue;
            }
            foreach (var message in NameValidation.IsValidIP(ips[i]))
            {
                hasInvalidIPs = true;
                errs.Add(FieldError.Invalid(ClusterIPs.Index(i), ips[i], message));
            }
        }
        if (ips.Count > 2)
        {
            errs.Add(FieldError.Invalid(ClusterIPs, GoValue.StringSlice(ips), "may only hold up to 2 values"));
        }
        if (hasInvalidIPs)
        {
            // Bad IPs would skew the family checks below, so kube-apiserver stops here too.
            return errs;
        }
        if (ips.Count > 1 && !IsDualStack(ips))
        {
            errs.Add(FieldError.Invalid(ClusterIPs, GoValue.StringSlice(ips), "may specify no more than one IP for each IP family"));
        }
        if (!IsHeadless(service) && ips.Count > 0 && families.Count > 0)
        {
            for (var i = 0; i < ips.Count && i < families.Count; i++)
            {
                var isV6 = NameValidation.IsIPv6String(ips[i]);
                if (families[i] == IPv4 && isV6)
                {
                    errs.Add(FieldError.Invalid(ClusterIPs.Index(i), ips[i], $"expected an IPv4 value as indicated by `ipFamilies[{i}]`"));
                }
                if (families[i] == IPv6 && !isV6)
                {
                    errs.Add(FieldError.Invalid(ClusterIPs.Index(i), ips[i], $"expected an IPv6 value as indicated by `ipFamilies[{i}]`"));
                }
            }
        }
        return errs;
    }

    /// <summary>clusterIPs may be added or released but the primary may not change (except to/from ExternalName).</summary>
    public static List<FieldError> ValidateUpgradeDowngradeClusterIPs(V1Service old, V1Service service)
    {
        var errs = new List<FieldError>();
        if (service.Spec().Type == ExternalName || old.Spec().Type == ExternalName || (IsHeadless(old) && IsHeadless(service)))
        {
            return errs;
        }
        var before = old.Spec().ClusterIPs ?? [];
        var now = service.Spec().ClusterIPs ?? [];
        var value = GoValue.StringSlice(service.Spec().ClusterIPs);
        if (before.Count == now.Count)
        {
            for (var i = 0; i < before.Count; i++)
            {
                if (before[i] != now[i])
                {
                    errs.Add(FieldError.Invalid(ClusterIPs.Index(i), value, "may not change once set"));
                }
            }
        }
        else if (before.Count > now.Count)
        {
            if (now.Count == 0)
            {
                errs.Add(FieldError.Invalid(ClusterIPs.Index(0), value, "primary clusterIP can not be unset"));
            }
            if (before.Count > 0 && now.Count > 0 && now[0] != before[0])
            {
                errs.Add(FieldError.Invalid(ClusterIPs.Index(0), value, "may not change once set"));
            }
            if (now.Count == 1 && service.Spec().IpFamilyPolicy != SingleStack)
            {
                errs.Add(FieldError.Invalid(new FieldPath("spec.ipFamilyPolicy"), service.Spec().IpFamilyPolicy, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
            }
        }
        else if (before.Count > 0 && now[0] != before[0])
        {
            errs.Add(FieldError.Invalid(ClusterIPs.Index(0), value, "may not change once set"));
        }
        return errs;
    }

    /// <summary>ipFamilies follow the same rule; headless Services may change them freely.</summary>
    public static List<FieldError> ValidateUpgradeDowngradeIPFamilies(V1Service old, V1Service service)
    {
        var errs = new List<FieldError>();
        if (service.Spec().Type == ExternalName || old.Spec().Type == ExternalName || IsHeadless(old) || IsHeadless(service))
        {
            return errs;
        }
        var before = old.Spec().IpFamilies ?? [];
        var now = service.Spec().IpFamilies ?? [];
        var families = GoValue.TypedStringSlice("core.IPFamily", service.Spec().IpFamilies);
        // Go reports the clusterIPs (not the families) as the value in two of these cases; kept as is.
        var clusterIPs = GoValue.StringSlice(service.Spec().ClusterIPs);
        if (before.Count == now.Count)
        {
            for (var i = 0; i < before.Count; i++)
            {
                if (before[i] != now[i])
                {
                    errs.Add(FieldError.Invalid(IpFamilies.Index(0), families, "may not change once set"));
                }
            }
        }
        else if (before.Count > now.Count)
        {
            if ((service.Spec().ClusterIPs?.Count ?? 0) == 0)
            {
                errs.Add(FieldError.Invalid(IpFamilies.Index(0), families, "primary ipFamily can not be unset"));
            }
            if (now.Count > 0 && now[0] != before[0])
            {
                errs.Add(FieldError.Invalid(IpFamilies.Index(0), clusterIPs, "may not change once set"));
            }
            if (now.Count == 1 && service.Spec().IpFamilyPolicy != SingleStack)
            {
                errs.Add(FieldError.Invalid(new FieldPath("spec.ipFamilyPolicy"), service.Spec().IpFamilyPolicy, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
            }
        }
        else if (before.Count > 0 && now.Count > 0 && now[0] != before[0])
        {
            errs.Add(FieldError.Invalid(IpFamilies.Index(0), clusterIPs, "may not change once set"));
        }
        return errs;
    }

    /// <summary><c>netutils.IsDualStackIPStrings</c>: at least one IP of each family.</summary>
    private static bool IsDualStack(IList<string> ips) =>
        ips.Any(NameValidation.IsIPv6String) && ips.Any(ip => !NameValidation.IsIPv6String(ip));
}
