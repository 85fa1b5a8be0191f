using System.Globalization;

namespace KubeRpc.Machinery.Validation;

/// <summary>
/// One validation failure, worded exactly as apimachinery's <c>field.Error</c> words it, so that the
/// Status causes and the "is invalid" message match kube-apiserver's byte for byte.
/// </summary>
/// <param name="Type">The error type; its <see cref="Reason"/> is the cause reason.</param>
/// <param name="Field">The field path, e.g. <c>spec.ports[0].port</c>.</param>
/// <param name="BadValue">The offending value (string, number, bool or null); not shown for Required, Forbidden, TooLong, Internal.</param>
/// <param name="Detail">The explanation after the value.</param>
public sealed record FieldError(FieldErrorType Type, string Field, object? BadValue, string Detail)
{
    /// <summary>A sentinel for "no value to print" (Go's <c>omitValue</c>).</summary>
    public static readonly object OmitValue = new();

    /// <summary>The Status cause reason, e.g. <c>FieldValueInvalid</c>.</summary>
    public string Reason => Type switch
    {
        FieldErrorType.NotFound => "FieldValueNotFound",
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.Internal => "InternalError",
        FieldErrorType.TypeInvalid => "FieldValueTypeInvalid",
        _ => "FieldValueInvalid",
    };

    private string TypeText => Type switch
    {
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Required => "Required value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.Internal => "Internal error",
        FieldErrorType.TypeInvalid => "Invalid value",
        _ => "Invalid value",
    };

    /// <summary>The cause message: <c>ErrorBody()</c>, e.g. <c>Invalid value: 0: must be between 1 and 65535, inclusive</c>.</summary>
    public string Body
    {
        get
        {
            var text = TypeText;
            var omit = ReferenceEquals(BadValue, OmitValue) || Type is FieldErrorType.Required or FieldErrorType.Forbidden
                or FieldErrorType.TooLong or FieldErrorType.Internal;
            if (!omit)
            {
                text += ": " + FormatValue(BadValue);
            }
            if (Detail.Length > 0)
            {
                text += ": " + Detail;
            }
            return text;
        }
    }

    /// <summary>The whole error, <c>field: body</c>, as it appears in a Status message.</summary>
    public override string ToString() => Field.Length == 0 ? Body : $"{Field}: {Body}";

    /// <summary>Formats a value as Go's <c>%#v</c>-like rules in field.Error do: strings quoted, numbers plain.</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    /// <summary>Quotes a string as Go's strconv.Quote does for printable text.</summary>
    public static string Quote(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) { sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); }
                    else { sb.Append(c); }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    public static FieldError Required(string field, string detail = "") => new(FieldErrorType.Required, field, OmitValue, detail);
    public static FieldError Invalid(string field, object? value, string detail) => new(FieldErrorType.Invalid, field, value, detail);
    public static FieldError Forbidden(string field, string detail) => new(FieldErrorType.Forbidden, field, OmitValue, detail);
    public static FieldError Duplicate(string field, object? value) => new(FieldErrorType.Duplicate, field, value, "");
    public static FieldError TooLong(string field, int max) => new(FieldErrorType.TooLong, field, OmitValue,
        max >= 0 ? $"may not be more than {max} bytes" : "value is too long");

    /// <summary><c>Unsupported value: "X": supported values: "A", "B"</c>.</summary>
    public static FieldError NotSupported(string field, object? value, IEnumerable<string> supported) =>
        new(FieldErrorType.NotSupported, field, value, "supported values: " + string.Join(", ", supported.Select(Quote)));
}
