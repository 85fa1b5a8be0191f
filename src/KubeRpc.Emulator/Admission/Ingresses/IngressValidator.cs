using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Ingresses;

/// <summary>
/// <c>ValidateIngressCreate</c>, <c>ValidateIngressUpdate</c> and <c>ValidateIngressStatusUpdate</c> of k/k
/// <c>pkg/apis/networking/validation/validation.go</c> (release-1.32), in Go's order so that multiple causes come
/// out as kube-apiserver lists them.
/// </summary>
internal static class IngressValidator
{
    private const string ClassAnnotation = "kubernetes.io/ingress.class";
    private static readonly FieldPath Metadata = new("metadata");

    public static List<FieldError> ValidateCreate(V1Ingress ingress, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errors = Validate(ingress, nameFn, IngressValidationOptions.Strict);
        var className = ingress.Spec?.IngressClassName;
        // Only on create: objects stored before the field existed may disagree with their annotation.
        if (ingress.Metadata?.Annotations?.TryGetValue(ClassAnnotation, out var annotation) == true
            && className is not null && annotation != className)
        {
            errors.Add(FieldError.Invalid(new FieldPath("annotations").Child(ClassAnnotation), annotation,
                "must match `ingressClassName` when both are specified"));
        }
        return errors;
    }

    public static List<FieldError> ValidateUpdate(V1Ingress ingress, V1Ingress old, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(ingress.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        var options = new IngressValidationOptions(AllowInvalidSecretName(old), AllowInvalidWildcardHostRule(old));
        errors.AddRange(Validate(ingress, nameFn, options));
        return errors;
    }

    public static List<FieldError> ValidateStatusUpdate(V1Ingress ingress, V1Ingress old)
    {
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(ingress.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        var lbPath = new FieldPath("status").Child("loadBalancer").Child("ingress");
        var entries = ingress.Status?.LoadBalancer?.Ingress ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? new V1IngressLoadBalancerIngress();
            if (!string.IsNullOrEmpty(entry.Ip))
            {
                foreach (var msg in NameValidation.IsValidIP(entry.Ip))
                {
                    errors.Add(FieldError.Invalid(lbPath.Index(i).Child("ip"), entry.Ip, msg));
                }
            }
            if (!string.IsNullOrEmpty(entry.Hostname))
            {
                foreach (var msg in NameValidation.IsDns1123Subdomain(entry.Hostname))
                {
                    errors.Add(FieldError.Invalid(lbPath.Index(i).Child("hostname"), entry.Hostname, msg));
                }
                if (NameValidation.IsValidIP(entry.Hostname).Count == 0)
                {
                    errors.Add(FieldError.Invalid(lbPath.Index(i).Child("hostname"), entry.Hostname, "must be a DNS name, not an IP address"));
                }
            }
        }
        return errors;
    }

    private static List<FieldError> Validate(V1Ingress ingress, Func<string, bool, IReadOnlyList<string>> nameFn, IngressValidationOptions options)
    {
        var errors = ObjectMetaValidator.ValidateObjectMeta(ingress.Metadata ?? new V1ObjectMeta(), true, nameFn, Metadata, coreFinalizerNames: true);
        errors.AddRange(IngressSpecValidator.Validate(ingress.Spec, new FieldPath("spec"), options));
        return errors;
    }

    private static bool AllowInvalidSecretName(V1Ingress old) =>
        (old.Spec?.Tls ?? []).Any(tls => IngressSpecValidator.SecretNameErrors(tls?.SecretName).Count > 0);

    private static bool AllowInvalidWildcardHostRule(V1Ingress old) =>
        (old.Spec?.Rules ?? []).Any(rule => rule?.Host?.Contains('*', StringComparison.Ordinal) == true
            && IngressBackendValidator.ValidateRuleValue(rule, FieldPath.Root).Any());
}
