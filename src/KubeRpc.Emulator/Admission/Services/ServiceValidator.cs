using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;
using static KubeRpc.Emulator.Admission.Services.ServiceSpecs;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// <c>ValidateService</c> (k/k <c>pkg/apis/core/validation/validation.go</c>, release-1.32): rule for rule, in the
/// same order, with the same field paths (including Go's <c>spec.LoadBalancerSourceRanges</c> and bare
/// <c>allocateLoadBalancerNodePorts</c>) and messages.
/// </summary>
internal static class ServiceValidator
{
    public const string TopologyAwareHintsAnnotation = "service.kubernetes.io/topology-aware-hints";
    public const string TopologyModeAnnotation = "service.kubernetes.io/topology-mode";
    public const string SourceRangesAnnotation = "service.beta.kubernetes.io/load-balancer-source-ranges";

    private static readonly FieldPath Spec = new("spec");
    private static readonly string[] SessionAffinities = ["ClientIP", "None"];
    private static readonly string[] Types = [ClusterIP, ExternalName, LoadBalancer, NodePort];

    public static List<FieldError> Validate(V1Service service)
    {
        var metadata = new FieldPath("metadata");
        var meta = service.Metadata ?? new V1ObjectMeta();
        var errs = ObjectMetaValidator.ValidateObjectMeta(meta, true, NameValidation.NameIsDns1035Label, metadata, coreFinalizerNames: true);
        var annotations = meta.Annotations ?? new Dictionary<string, string>();
        if (annotations.TryGetValue(TopologyModeAnnotation, out var mode) && annotations.TryGetValue(TopologyAwareHintsAnnotation, out var hints) && mode != hints)
        {
            errs.Add(FieldError.Invalid(metadata.Child("annotations").Key(TopologyModeAnnotation), mode,
                $"must match annotations[{TopologyAwareHintsAnnotation}] when both are specified"));
        }
        var spec = service.Spec();
        var ports = service.PortList();
        if (ports.Count == 0 && !IsHeadless(service) && spec.Type != ExternalName)
        {
            errs.Add(FieldError.Required(Spec.Child("ports")));
        }
        ValidateTypeSpecific(service, errs);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            errs.AddRange(ServicePortValidator.Validate(ports[i], ports.Count > 1, names, Spec.Child("ports").Index(i)));
        }
        if (spec.Selector is not null)
        {
            errs.AddRange(ObjectMetaValidator.ValidateLabels(spec.Selector, Spec.Child("selector")));
        }
        ValidateSessionAffinity(spec, errs);
        errs.AddRange(ServiceClusterIpValidator.ValidateClusterIPsRelatedFields(service));
        var externalIPs = spec.ExternalIPs ?? [];
        for (var i = 0; i < externalIPs.Count; i++)
        {
            var path = Spec.Child("externalIPs").Index(i);
            var invalid = NameValidation.IsValidIP(externalIPs[i]);
            errs.AddRange(invalid.Count != 0
                ? invalid.Select(m => FieldError.Invalid(path, externalIPs[i], m))
                : SpecialIpValidator.ValidateNonSpecialIP(externalIPs[i], path));
        }
        if (string.IsNullOrEmpty(spec.Type))
        {
            errs.Add(FieldError.Required(Spec.Child("type")));
        }
        else if (!Types.Contains(spec.Type))
        {
            errs.Add(FieldError.NotSupported(Spec.Child("type"), spec.Type, Types));
        }
        ValidatePortsAcrossEntries(service, errs);
        ValidateSourceRanges(service, annotations, errs);
        if (spec.AllocateLoadBalancerNodePorts is not null && spec.Type != LoadBalancer)
        {
            errs.Add(FieldError.Forbidden(Spec.Child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'"));
        }
        if (spec.Type == LoadBalancer && spec.AllocateLoadBalancerNodePorts is null)
        {
            // Go builds this path without "spec".
            errs.Add(FieldError.Required(new FieldPath("allocateLoadBalancerNodePorts")));
        }
        errs.AddRange(ServiceTrafficValidator.ValidateLoadBalancerClass(null, service));
        errs.AddRange(ServiceTrafficValidator.ValidateExternalTrafficPolicy(service));
        errs.AddRange(ServiceTrafficValidator.ValidateInternalTrafficPolicy(service));
        errs.AddRange(ServiceTrafficValidator.ValidateTrafficDistribution(service));
        return errs;
    }

    private static void ValidateTypeSpecific(V1Service service, List<FieldError> errs)
    {
        var spec = service.Spec();
        switch (spec.Type)
        {
            case LoadBalancer when IsHeadless(service):
                errs.Add(FieldError.Invalid(Spec.Child("clusterIPs").Index(0), spec.ClusterIPs![0], "may not be set to 'None' for LoadBalancer services"));
                break;
            case NodePort when IsHeadless(service):
                errs.Add(FieldError.Invalid(Spec.Child("clusterIPs").Index(0), spec.ClusterIPs![0], "may not be set to 'None' for NodePort services"));
                break;
            case ExternalName:
                if (spec.ClusterIPs is { Count: > 0 })
                {
                    errs.Add(FieldError.Forbidden(Spec.Child("clusterIPs"), "may not be set for ExternalName services"));
                }
                if (spec.IpFamilies is { Count: > 0 })
                {
                    errs.Add(FieldError.Forbidden(Spec.Child("ipFamilies"), "may not be set for ExternalName services"));
                }
                if (spec.IpFamilyPolicy is not null)
                {
                    errs.Add(FieldError.Forbidden(Spec.Child("ipFamilyPolicy"), "may not be set for ExternalName services"));
                }
                // The CNAME may end in a dot to mark it fully qualified.
                var cname = (spec.ExternalName ?? "").EndsWith('.') ? spec.ExternalName![..^1] : spec.ExternalName ?? "";
                if (cname.Length > 0)
                {
                    errs.AddRange(NameValidation.IsDns1123Subdomain(cname).Select(m => FieldError.Invalid(Spec.Child("externalName"), cname, m)));
                }
                else
                {
                    errs.Add(FieldError.Required(Spec.Child("externalName")));
                }
                break;
        }
    }

    private static void ValidateSessionAffinity(V1ServiceSpec spec, List<FieldError> errs)
    {
        if (string.IsNullOrEmpty(spec.SessionAffinity))
        {
            errs.Add(FieldError.Required(Spec.Child("sessionAffinity")));
        }
        else if (!SessionAffinities.Contains(spec.SessionAffinity))
        {
            errs.Add(FieldError.NotSupported(Spec.Child("sessionAffinity"), spec.SessionAffinity, SessionAffinities));
        }
        var configPath = Spec.Child("sessionAffinityConfig");
        if (spec.SessionAffinity == "ClientIP")
        {
            const string detail = "when session affinity type is ClientIP";
            if (spec.SessionAffinityConfig is null)
            {
                errs.Add(FieldError.Required(configPath, detail));
            }
            else if (spec.SessionAffinityConfig.ClientIP is null)
            {
                errs.Add(FieldError.Required(configPath.Child("clientIP"), detail));
            }
            else if (spec.SessionAffinityConfig.ClientIP.TimeoutSeconds is not { } timeout)
            {
                errs.Add(FieldError.Required(configPath.Child("clientIP").Child("timeoutSeconds"), detail));
            }
            else if (timeout <= 0 || timeout > 86400)
            {
                errs.Add(FieldError.Invalid(configPath.Child("clientIP").Child("timeoutSeconds"), timeout, "must be greater than 0 and less than 86400"));
            }
        }
        else if (spec.SessionAffinity == "None" && spec.SessionAffinityConfig is not null)
        {
            errs.Add(FieldError.Forbidden(configPath, "must not be set when session affinity is None"));
        }
    }

    /// <summary>nodePort with ClusterIP, and duplicate (protocol, nodePort) and (protocol, port) pairs.</summary>
    private static void ValidatePortsAcrossEntries(V1Service service, List<FieldError> errs)
    {
        var ports = service.PortList();
        var path = Spec.Child("ports");
        if (service.Spec().Type == ClusterIP)
        {
            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i].NodePortOf() != 0)
                {
                    errs.Add(FieldError.Forbidden(path.Index(i).Child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
                }
            }
        }
        var nodePorts = new HashSet<(string, int)>();
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i].NodePortOf() != 0 && !nodePorts.Add((ports[i].Protocol ?? "", ports[i].NodePortOf())))
            {
                errs.Add(FieldError.Duplicate(path.Index(i).Child("nodePort"), ports[i].NodePortOf()));
            }
        }
        var pairs = new HashSet<(string, int)>();
        for (var i = 0; i < ports.Count; i++)
        {
            if (!pairs.Add((ports[i].Protocol ?? "", ports[i].Port)))
            {
                // Go reports the lookup key, a core.ServicePort holding only protocol and port, printed with %#v.
                errs.Add(FieldError.Duplicate(path.Index(i), GoValue.Raw(
                    $"core.ServicePort{{Name:\"\", Protocol:{FieldError.Quote(ports[i].Protocol ?? "")}, AppProtocol:(*string)(nil), Port:{ports[i].Port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}")));
            }
        }
    }

    private static void ValidateSourceRanges(V1Service service, IDictionary<string, string> annotations, List<FieldError> errs)
    {
        var spec = service.Spec();
        if (spec.LoadBalancerSourceRanges is { Count: > 0 } ranges)
        {
            var path = Spec.Child("LoadBalancerSourceRanges");
            if (spec.Type != LoadBalancer)
            {
                errs.Add(FieldError.Forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
            }
            for (var i = 0; i < ranges.Count; i++)
            {
                // Historically these may be space-padded.
                var value = (ranges[i] ?? "").Trim();
                errs.AddRange(NameValidation.IsValidCIDR(value).Select(m => FieldError.Invalid(path.Index(i), value, m)));
            }
        }
        else if (annotations.TryGetValue(SourceRangesAnnotation, out var annotation))
        {
            var path = new FieldPath("metadata.annotations").Key(SourceRangesAnnotation);
            if (spec.Type != LoadBalancer)
            {
                errs.Add(FieldError.Forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
            }
            annotation = (annotation ?? "").Trim();
            if (annotation.Length != 0)
            {
                foreach (var part in annotation.Split(','))
                {
                    var value = part.Trim();
                    errs.AddRange(NameValidation.IsValidCIDR(value).Select(m => FieldError.Invalid(path, value, m)));
                }
            }
        }
    }
}
