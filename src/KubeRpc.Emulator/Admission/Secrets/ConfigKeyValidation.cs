using System.Text.RegularExpressions;

namespace KubeRpc.Emulator.Admission.Secrets;

/// <summary>apimachinery's <c>IsConfigMapKey</c>: the rule for keys of Secret and ConfigMap data.</summary>
internal static partial class ConfigKeyValidation
{
    private const int MaxLength = 253;
    private const string Format = "[-._a-zA-Z0-9]+";

    /// <summary>The detail messages for an invalid key, empty when the key is valid.</summary>
    public static IReadOnlyList<string> Validate(string key)
    {
        var errors = new List<string>();
        // Go counts bytes.
        if (System.Text.Encoding.UTF8.GetByteCount(key) > MaxLength)
        {
            errors.Add($"must be no more than {MaxLength} characters");
        }
        if (!KeyPattern().IsMatch(key))
        {
            errors.Add("a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
                + "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '" + Format + "')");
        }
        // Keys become file names when mounted, so they may not climb out of the volume.
        if (key == ".")
        {
            errors.Add("must not be '.'");
        }
        else if (key == "..")
        {
            errors.Add("must not be '..'");
        }
        else if (key.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Add("must not start with '..'");
        }
        return errors;
    }

    [GeneratedRegex("^" + Format + "$")]
    private static partial Regex KeyPattern();
}
