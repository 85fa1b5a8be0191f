using k8s.Models;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.IngressClasses;

/// <summary>
/// <c>ValidateIngressClass</c> and <c>ValidateIngressClassUpdate</c> of k/k
/// <c>pkg/apis/networking/validation/validation.go</c> (release-1.32).
/// </summary>
internal static class IngressClassValidator
{
    private const int MaxControllerLength = 250;
    private static readonly FieldPath Metadata = new("metadata");
    private static readonly string[] SupportedScopes = ["Cluster", "Namespace"];

    public static List<FieldError> Validate(V1IngressClass ingressClass, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errors = ObjectMetaValidator.ValidateObjectMeta(ingressClass.Metadata ?? new V1ObjectMeta(), false, nameFn, Metadata, coreFinalizerNames: true);
        var spec = ingressClass.Spec ?? new V1IngressClassSpec();
        var path = new FieldPath("spec");
        var controller = spec.Controller ?? "";
        if (NameValidation.GoLen(controller) > MaxControllerLength)
        {
            errors.Add(FieldError.TooLong(path.Child("controller"), MaxControllerLength));
        }
        errors.AddRange(NameValidation.ValidateDomainPrefixedPath(path.Child("controller"), controller));
        if (spec.Parameters is not null)
        {
            errors.AddRange(ValidateParameters(spec.Parameters, path.Child("parameters")));
        }
        return errors;
    }

    public static List<FieldError> ValidateUpdate(V1IngressClass ingressClass, V1IngressClass old, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(ingressClass.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        var controller = ingressClass.Spec?.Controller ?? "";
        if (controller != (old.Spec?.Controller ?? ""))
        {
            errors.Add(FieldError.Invalid("spec.controller", controller, ValidationMessages.FieldImmutable));
        }
        errors.AddRange(Validate(ingressClass, nameFn));
        return errors;
    }

    private static IEnumerable<FieldError> ValidateParameters(V1IngressClassParametersReference parameters, FieldPath path)
    {
        foreach (var error in IngressBackendValidator.ValidateTypedLocalObjectReference(parameters.ApiGroup, parameters.Kind, parameters.Name, path))
        {
            yield return error;
        }
        if (parameters.Scope is null)
        {
            yield return FieldError.Required(path.Child("scope"));
            yield break;
        }
        if (!SupportedScopes.Contains(parameters.Scope))
        {
            yield return FieldError.NotSupported(path.Child("scope"), parameters.Scope, SupportedScopes);
            yield break;
        }
        if (parameters.Scope == "Namespace")
        {
            if (parameters.NamespaceProperty is null)
            {
                yield return FieldError.Required(path.Child("namespace"), "`parameters.scope` is set to 'Namespace'");
            }
            else
            {
                foreach (var msg in NameValidation.NameIsDnsLabel(parameters.NamespaceProperty, false))
                {
                    yield return FieldError.Invalid(path.Child("namespace"), parameters.NamespaceProperty, msg);
                }
            }
        }
        if (parameters.Scope == "Cluster" && parameters.NamespaceProperty is not null)
        {
            yield return FieldError.Forbidden(path.Child("namespace"), "`parameters.scope` is set to 'Cluster'");
        }
    }
}
