using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Validation;

/// <summary>apimachinery's <c>ValidateOwnerReferences</c>: the basic shape of each reference and at most one controller.</summary>
internal static class OwnerReferenceValidator
{
    /// <summary>Errors sit at the list's path plus the child (no index), exactly as apimachinery reports them.</summary>
    public static List<FieldError> Validate(IList<V1OwnerReference>? references, FieldPath path)
    {
        var errs = new List<FieldError>();
        string? firstController = null;
        foreach (var reference in references ?? [])
        {
            var (group, version) = ParseGroupVersion(reference.ApiVersion ?? "");
            if (version.Length == 0)
            {
                errs.Add(FieldError.Invalid(path.Child("apiVersion"), reference.ApiVersion ?? "", "version must not be empty"));
            }
            if (string.IsNullOrEmpty(reference.Kind))
            {
                errs.Add(FieldError.Invalid(path.Child("kind"), reference.Kind ?? "", "must not be empty"));
            }
            if (string.IsNullOrEmpty(reference.Name))
            {
                errs.Add(FieldError.Invalid(path.Child("name"), reference.Name ?? "", "must not be empty"));
            }
            if (string.IsNullOrEmpty(reference.Uid))
            {
                errs.Add(FieldError.Invalid(path.Child("uid"), reference.Uid ?? "", "must not be empty"));
            }
            if (group.Length == 0 && version == "v1" && reference.Kind == "Event")
            {
                // Go prints the whole OwnerReference struct with %#v here; we leave the value out rather than imitate it.
                errs.Add(new FieldError(FieldErrorType.Invalid, path, FieldError.OmitValue, "/v1, Kind=Event is disallowed from being an owner"));
            }
            if (reference.Controller == true)
            {
                var current = reference.Kind + "/" + reference.Name;
                if (firstController is not null)
                {
                    errs.Add(new FieldError(FieldErrorType.Invalid, path, FieldError.OmitValue,
                        $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}"));
                }
                else
                {
                    firstController = current;
                }
            }
        }
        return errs;
    }

    /// <summary><c>schema.ParseGroupVersion</c>, where an unparsable value yields an empty group and version.</summary>
    private static (string Group, string Version) ParseGroupVersion(string apiVersion)
    {
        if (apiVersion.Length == 0 || apiVersion == "/")
        {
            return ("", "");
        }
        var parts = apiVersion.Split('/');
        return parts.Length switch
        {
            1 => ("", parts[0]),
            2 => (parts[0], parts[1]),
            _ => ("", ""),
        };
    }
}
