using k8s.Models;
using KubeRpc.Machinery.Validation;
using static KubeRpc.Emulator.Admission.Services.ServiceSpecs;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary>
/// The traffic-policy and load-balancer-class rules of <c>ValidateService</c>/<c>ValidateServiceUpdate</c>
/// (<c>validateLoadBalancerClassField</c>, <c>validateServiceExternalTrafficPolicy</c>, ...), release-1.32.
/// </summary>
internal static class ServiceTrafficValidator
{
    private static readonly FieldPath Spec = new("spec");
    private static readonly string[] Policies = [Cluster, Local];

    /// <summary>On update (old given) the class of a LoadBalancer may not change; only LoadBalancers may set it.</summary>
    public static IEnumerable<FieldError> ValidateLoadBalancerClass(V1Service? old, V1Service service)
    {
        var path = Spec.Child("loadBalancerClass");
        var value = service.Spec().LoadBalancerClass;
        if (old is not null && old.Spec().Type == LoadBalancer && service.Spec().Type == LoadBalancer && old.Spec().LoadBalancerClass != value)
        {
            yield return FieldError.Invalid(path, value, "may not change once set");
        }
        if (service.Spec().Type == LoadBalancer)
        {
            if (value is not null)
            {
                foreach (var message in NameValidation.IsQualifiedName(value))
                {
                    yield return FieldError.Invalid(path, value, message);
                }
            }
        }
        else if (value is not null)
        {
            yield return FieldError.Forbidden(path, "may only be used when `type` is 'LoadBalancer'");
        }
    }

    public static IEnumerable<FieldError> ValidateExternalTrafficPolicy(V1Service service)
    {
        var spec = service.Spec();
        var path = Spec.Child("externalTrafficPolicy");
        if (!ExternallyAccessible(service))
        {
            if (!string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
            {
                yield return FieldError.Invalid(path, spec.ExternalTrafficPolicy, "may only be set for externally-accessible services");
            }
        }
        else if (string.IsNullOrEmpty(spec.ExternalTrafficPolicy))
        {
            yield return FieldError.Required(path);
        }
        else if (!Policies.Contains(spec.ExternalTrafficPolicy))
        {
            yield return FieldError.NotSupported(path, spec.ExternalTrafficPolicy, Policies);
        }
        var hcPath = Spec.Child("healthCheckNodePort");
        var hcnp = service.HealthCheckNodePortOf();
        if (!NeedsHealthCheck(service))
        {
            if (hcnp != 0)
            {
                yield return FieldError.Invalid(hcPath, hcnp, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
            }
        }
        else if (hcnp == 0)
        {
            yield return FieldError.Required(hcPath);
        }
        else
        {
            foreach (var message in NameValidation.IsValidPortNum(hcnp))
            {
                yield return FieldError.Invalid(hcPath, hcnp, message);
            }
        }
    }

    /// <summary>While both versions need a health check node port, it may not change.</summary>
    public static IEnumerable<FieldError> ValidateExternalTrafficFieldsUpdate(V1Service old, V1Service service)
    {
        if (NeedsHealthCheck(old) && NeedsHealthCheck(service) && old.HealthCheckNodePortOf() != service.HealthCheckNodePortOf())
        {
            yield return FieldError.Forbidden(Spec.Child("healthCheckNodePort"), ValidationMessages.FieldImmutable);
        }
    }

    public static IEnumerable<FieldError> ValidateInternalTrafficPolicy(V1Service service)
    {
        var spec = service.Spec();
        var path = Spec.Child("internalTrafficPolicy");
        if (spec.InternalTrafficPolicy is null)
        {
            // Not forbidden on other types for historical reasons.
            if (spec.Type is NodePort or LoadBalancer or ClusterIP)
            {
                yield return FieldError.Required(path);
            }
        }
        else if (!Policies.Contains(spec.InternalTrafficPolicy))
        {
            yield return FieldError.NotSupported(path, spec.InternalTrafficPolicy, Policies);
        }
    }

    public static IEnumerable<FieldError> ValidateTrafficDistribution(V1Service service)
    {
        if (service.Spec().TrafficDistribution is { } distribution && distribution != "PreferClose")
        {
            yield return FieldError.NotSupported(Spec.Child("trafficDistribution"), distribution, ["PreferClose"]);
        }
    }
}
