using System.Globalization;

namespace KubeRpc.Machinery.Validation;

/// <summary>
/// The message builders of apimachinery's <c>util/validation</c> (<c>MaxLenError</c>, <c>RegexError</c>, ...), so
/// every detail string reads exactly as kube-apiserver's does.
/// </summary>
public static class ValidationMessages
{
    /// <summary><c>must be no more than N characters</c>.</summary>
    public static string MaxLen(int length) =>
        string.Create(CultureInfo.InvariantCulture, $"must be no more than {length} characters");

    /// <summary><c>msg (e.g. 'a' or 'b', regex used for validation is 'fmt')</c>; without examples just the regex.</summary>
    public static string Regex(string message, string format, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return message + " (regex used for validation is '" + format + "')";
        }
        var sb = new System.Text.StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(" or ");
            }
            // Go writes "'x', " after every example, hence the double space before "or" in real messages.
            sb.Append('\'').Append(examples[i]).Append("', ");
        }
        return sb.Append("regex used for validation is '").Append(format).Append("')").ToString();
    }

    /// <summary><c>must be non-empty</c>.</summary>
    public static string Empty() => "must be non-empty";

    /// <summary><c>must be between lo and hi, inclusive</c>.</summary>
    public static string InclusiveRange(long lo, long hi) =>
        string.Create(CultureInfo.InvariantCulture, $"must be between {lo} and {hi}, inclusive");

    /// <summary>apimachinery's <c>FieldImmutableErrorMsg</c>.</summary>
    public const string FieldImmutable = "field is immutable";

    /// <summary>apimachinery's <c>IsNegativeErrorMsg</c>.</summary>
    public const string IsNegative = "must be greater than or equal to 0";
}
