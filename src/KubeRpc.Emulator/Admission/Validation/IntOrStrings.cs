using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Validation;

/// <summary>
/// The int-or-percent rules of k/k <c>pkg/apis/apps/validation</c> (release-1.32: <c>ValidatePositiveIntOrPercent</c>,
/// <c>IsNotMoreThan100Percent</c>) and apimachinery's <c>IsValidPercent</c>. KubernetesClient's IntOrString keeps only
/// the text, so a value that reads as an integer is taken to be the int form (as the Service port rules do).
/// </summary>
internal static partial class IntOrStrings
{
    private const string PercentFormat = "[0-9]+%";
    private const string PercentMessage = "a valid percent string must be a numeric string followed by an ending '%'";

    /// <summary>True for the string form: the text does not read as an int32.</summary>
    public static bool IsString(IntOrString value) => !TryInt(value.Value, out _);

    /// <summary><c>IntOrString.IntValue()</c>: the int, or the string parsed by <c>strconv.Atoi</c> (0 when it does not parse).</summary>
    public static int IntValue(IntOrString value) => TryInt(value.Value, out var number) ? number : 0;

    /// <summary><c>ValidatePositiveIntOrPercent</c>: a percent string, or an int of at least 0.</summary>
    public static IEnumerable<FieldError> ValidatePositiveIntOrPercent(IntOrString value, FieldPath path)
    {
        if (IsString(value))
        {
            if (!PercentPattern().IsMatch(value.Value ?? ""))
            {
                yield return FieldError.Invalid(path, GoStructs.IntOrString(value),
                    ValidationMessages.Regex(PercentMessage, PercentFormat, "1%", "93%"));
            }
            yield break;
        }
        var number = IntValue(value);
        if (number < 0)
        {
            yield return FieldError.Invalid(path, (long)number, ValidationMessages.IsNegative);
        }
    }

    /// <summary><c>IsNotMoreThan100Percent</c>: a valid percent above 100 is refused; anything else passes.</summary>
    public static IEnumerable<FieldError> IsNotMoreThan100Percent(IntOrString value, FieldPath path)
    {
        if (PercentValue(value) is > 100)
        {
            yield return FieldError.Invalid(path, GoStructs.IntOrString(value), "must not be greater than 100%");
        }
    }

    /// <summary><c>getIntOrPercentValue</c>: the percent number of a valid percent, else <see cref="IntValue"/>.</summary>
    public static int IntOrPercentValue(IntOrString value) => PercentValue(value) ?? IntValue(value);

    private static int? PercentValue(IntOrString value)
    {
        var text = value.Value ?? "";
        if (!IsString(value) || !PercentPattern().IsMatch(text))
        {
            return null;
        }
        // Atoi of the digits; an overflowing run of digits is 0 there too (the error is ignored).
        return TryInt(text[..^1], out var number) ? number : 0;
    }

    private static bool TryInt(string? text, out int number) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);

    [GeneratedRegex("^" + PercentFormat + "\\z")]
    private static partial Regex PercentPattern();
}
