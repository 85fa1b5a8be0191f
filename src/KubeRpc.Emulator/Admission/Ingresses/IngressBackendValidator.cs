using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Ingresses;

/// <summary>
/// The HTTP rule, path and backend rules of k/k <c>pkg/apis/networking/validation/validation.go</c> (release-1.32):
/// <c>validateHTTPIngressRuleValue</c>, <c>validateHTTPIngressPath</c>, <c>validateIngressBackend</c>.
/// </summary>
internal static class IngressBackendValidator
{
    private static readonly string[] SupportedPathTypes = ["Exact", "ImplementationSpecific", "Prefix"];
    private static readonly string[] InvalidPathSequences = ["//", "/./", "/../", "%2f", "%2F"];
    private static readonly string[] InvalidPathSuffixes = ["/..", "/."];
    private static readonly string[] NameMayNotContain = ["/", "%"];

    /// <summary><c>validateIngressRuleValue</c>: only the <c>http</c> value exists.</summary>
    public static IEnumerable<FieldError> ValidateRuleValue(V1IngressRule rule, FieldPath rulePath)
    {
        if (rule.Http is null)
        {
            yield break;
        }
        var httpPath = rulePath.Child("http");
        var paths = rule.Http.Paths ?? [];
        if (paths.Count == 0)
        {
            yield return FieldError.Required(httpPath.Child("paths"));
        }
        for (var i = 0; i < paths.Count; i++)
        {
            foreach (var error in ValidatePath(paths[i] ?? new V1HTTPIngressPath(), httpPath.Child("paths").Index(i)))
            {
                yield return error;
            }
        }
    }

    private static IEnumerable<FieldError> ValidatePath(V1HTTPIngressPath path, FieldPath fieldPath)
    {
        if (path.PathType is null)
        {
            // Go returns at once: the backend of a path without a type is not looked at.
            yield return FieldError.Required(fieldPath.Child("pathType"), "pathType must be specified");
            yield break;
        }
        var value = path.Path ?? "";
        var valuePath = fieldPath.Child("path");
        switch (path.PathType)
        {
            case "Exact" or "Prefix":
                if (!value.StartsWith('/'))
                {
                    yield return FieldError.Invalid(valuePath, value, "must be an absolute path");
                }
                foreach (var sequence in InvalidPathSequences.Where(s => value.Contains(s, StringComparison.Ordinal)))
                {
                    yield return FieldError.Invalid(valuePath, value, $"must not contain '{sequence}'");
                }
                foreach (var suffix in InvalidPathSuffixes.Where(s => value.EndsWith(s, StringComparison.Ordinal)))
                {
                    yield return FieldError.Invalid(valuePath, value, $"cannot end with '{suffix}'");
                }
                break;
            case "ImplementationSpecific":
                if (value.Length > 0 && !value.StartsWith('/'))
                {
                    yield return FieldError.Invalid(valuePath, value, "must be an absolute path");
                }
                break;
            default:
                yield return FieldError.NotSupported(fieldPath.Child("pathType"), path.PathType, SupportedPathTypes);
                break;
        }
        foreach (var error in ValidateBackend(path.Backend ?? new V1IngressBackend(), fieldPath.Child("backend")))
        {
            yield return error;
        }
    }

    /// <summary><c>validateIngressBackend</c>: exactly one of service and resource; a service needs a name and one port.</summary>
    public static IEnumerable<FieldError> ValidateBackend(V1IngressBackend backend, FieldPath path)
    {
        var errors = new List<FieldError>();
        switch (backend.Resource, backend.Service)
        {
            case ({ }, { }):
                errors.Add(FieldError.Invalid(path, "", "cannot set both resource and service backends"));
                break;
            case ({ } resource, null):
                errors.AddRange(ValidateTypedLocalObjectReference(resource.ApiGroup, resource.Kind, resource.Name, path.Child("resource")));
                break;
            case (null, { } service):
                errors.AddRange(ValidateServiceBackend(service, path));
                break;
            default:
                errors.Add(FieldError.Invalid(path, "", "resource or service backend is required"));
                break;
        }
        return errors;
    }

    private static IEnumerable<FieldError> ValidateServiceBackend(V1IngressServiceBackend service, FieldPath backendPath)
    {
        var namePath = backendPath.Child("service").Child("name");
        if (string.IsNullOrEmpty(service.Name))
        {
            yield return FieldError.Required(namePath);
        }
        else
        {
            // 1.32 validates the backend name as a Service name (DNS-1035); RelaxedServiceNameValidation is 1.34+.
            foreach (var msg in NameValidation.NameIsDns1035Label(service.Name, false))
            {
                yield return FieldError.Invalid(namePath, service.Name, msg);
            }
        }
        var portName = service.Port?.Name ?? "";
        var portNumber = service.Port?.Number ?? 0;
        var portPath = backendPath.Child("service").Child("port");
        if (portName.Length > 0 && portNumber != 0)
        {
            yield return FieldError.Invalid(backendPath, "", "cannot set both port name & port number");
        }
        else if (portName.Length > 0)
        {
            foreach (var msg in NameValidation.IsValidPortName(portName))
            {
                yield return FieldError.Invalid(portPath.Child("name"), portName, msg);
            }
        }
        else if (portNumber != 0)
        {
            foreach (var msg in NameValidation.IsValidPortNum(portNumber))
            {
                yield return FieldError.Invalid(portPath.Child("number"), portNumber, msg);
            }
        }
        else
        {
            yield return FieldError.Required(backendPath, "port name or number is required");
        }
    }

    /// <summary>
    /// <c>validateIngressTypedLocalObjectReference</c>, shared with IngressClass parameters: apiGroup a DNS
    /// subdomain, kind and name required and usable as URL path segments.
    /// </summary>
    public static IEnumerable<FieldError> ValidateTypedLocalObjectReference(string? apiGroup, string? kind, string? name, FieldPath path)
    {
        if (apiGroup is not null)
        {
            foreach (var msg in NameValidation.IsDns1123Subdomain(apiGroup))
            {
                yield return FieldError.Invalid(path.Child("apiGroup"), apiGroup, msg);
            }
        }
        foreach (var (field, value) in new[] { ("kind", kind), ("name", name) })
        {
            if (string.IsNullOrEmpty(value))
            {
                yield return FieldError.Required(path.Child(field), field + " is required");
                continue;
            }
            foreach (var msg in PathSegmentNameErrors(value))
            {
                yield return FieldError.Invalid(path.Child(field), value, msg);
            }
        }
    }

    /// <summary>apimachinery's <c>path.IsValidPathSegmentName</c>.</summary>
    public static IReadOnlyList<string> PathSegmentNameErrors(string name)
    {
        if (name is "." or "..")
        {
            return [$"may not be '{name}'"];
        }
        var errors = new List<string>();
        foreach (var illegal in NameMayNotContain.Where(s => name.Contains(s, StringComparison.Ordinal)))
        {
            errors.Add($"may not contain '{illegal}'");
        }
        return errors;
    }
}
