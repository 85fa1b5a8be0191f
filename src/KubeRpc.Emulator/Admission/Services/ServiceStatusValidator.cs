using k8s.Models;
using KubeRpc.Machinery.Validation;
using static KubeRpc.Emulator.Admission.Services.ServiceSpecs;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// <c>ValidateLoadBalancerStatus</c> (release-1.32, with LoadBalancerIPMode GA and AllowServiceLBStatusOnNonLB off).
/// kube-apiserver 1.32 does not validate <c>status.conditions</c> of a Service, so neither do we.
/// </summary>
internal static class ServiceStatusValidator
{
    private static readonly string[] IpModes = ["Proxy", "VIP"];

    public static List<FieldError> ValidateLoadBalancerStatus(V1LoadBalancerStatus? status, V1ServiceSpec spec, FieldPath path)
    {
        var errs = new List<FieldError>();
        var ingressPath = path.Child("ingress");
        var ingresses = status?.Ingress ?? [];
        if (spec.Type != LoadBalancer && ingresses.Count != 0)
        {
            errs.Add(FieldError.Forbidden(ingressPath, "may only be used when `spec.type` is 'LoadBalancer'"));
            return errs;
        }
        for (var i = 0; i < ingresses.Count; i++)
        {
            var ingress = ingresses[i];
            var itemPath = ingressPath.Index(i);
            var ip = ingress.Ip ?? "";
            if (ip.Length > 0)
            {
                errs.AddRange(NameValidation.IsValidIP(ip).Select(m => FieldError.Invalid(itemPath.Child("ip"), ip, m)));
            }
            if (ingress.IpMode is null)
            {
                if (ip.Length > 0)
                {
                    errs.Add(FieldError.Required(itemPath.Child("ipMode"), "must be specified when `ip` is set"));
                }
            }
            else if (ip.Length == 0)
            {
                errs.Add(FieldError.Forbidden(itemPath.Child("ipMode"), "may not be specified when `ip` is not set"));
            }
            else if (!IpModes.Contains(ingress.IpMode))
            {
                errs.Add(FieldError.NotSupported(itemPath.Child("ipMode"), ingress.IpMode, IpModes));
            }
            var hostname = ingress.Hostname ?? "";
            if (hostname.Length > 0)
            {
                errs.AddRange(NameValidation.IsDns1123Subdomain(hostname).Select(m => FieldError.Invalid(itemPath.Child("hostname"), hostname, m)));
                if (GoIp.ParseIp(hostname) is not null)
                {
                    errs.Add(FieldError.Invalid(itemPath.Child("hostname"), hostname, "must be a DNS name, not an IP address"));
                }
            }
        }
        return errs;
    }
}
