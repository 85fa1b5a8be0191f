using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Services;

/// <summary><c>validateServicePort</c> and <c>ValidatePortNumOrName</c> (k/k <c>apis/core/validation</c>, release-1.32).</summary>
internal static class ServicePortValidator
{
    /// <summary>The protocols a Service port may use, sorted as Go's <c>sets.List</c> prints them.</summary>
    public static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public static IEnumerable<FieldError> Validate(V1ServicePort port, bool requireName, HashSet<string> allNames, FieldPath path)
    {
        var name = port.Name ?? "";
        if (requireName && name.Length == 0)
        {
            yield return FieldError.Required(path.Child("name"));
        }
        else if (name.Length != 0)
        {
            foreach (var message in NameValidation.IsDns1123Label(name))
            {
                yield return FieldError.Invalid(path.Child("name"), name, message);
            }
            if (!allNames.Add(name))
            {
                yield return FieldError.Duplicate(path.Child("name"), name);
            }
        }
        foreach (var message in NameValidation.IsValidPortNum(port.Port))
        {
            yield return FieldError.Invalid(path.Child("port"), port.Port, message);
        }
        if (string.IsNullOrEmpty(port.Protocol))
        {
            yield return FieldError.Required(path.Child("protocol"));
        }
        else if (!Protocols.Contains(port.Protocol))
        {
            yield return FieldError.NotSupported(path.Child("protocol"), port.Protocol, Protocols);
        }
        foreach (var error in ValidatePortNumOrName(port.TargetPort, path.Child("targetPort")))
        {
            yield return error;
        }
        if (port.AppProtocol is { } appProtocol)
        {
            foreach (var message in NameValidation.IsQualifiedName(appProtocol))
            {
                yield return FieldError.Invalid(path.Child("appProtocol"), appProtocol, message);
            }
        }
    }

    /// <summary>
    /// A number must be a port, a name an IANA service name. KubernetesClient's IntOrString keeps only the text,
    /// so anything that reads as an integer is taken to be the number form.
    /// </summary>
    public static IEnumerable<FieldError> ValidatePortNumOrName(IntOrString? value, FieldPath path)
    {
        var text = value?.Value ?? "";
        if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return NameValidation.IsValidPortNum(number).Select(m => FieldError.Invalid(path, number, m));
        }
        return NameValidation.IsValidPortName(text).Select(m => FieldError.Invalid(path, text, m));
    }
}
