using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// JSON text as Go's <c>encoding/json</c> writes an <c>interface{}</c> value: map keys sorted bytewise, no
/// spaces, <c>&lt;</c> <c>&gt;</c> <c>&amp;</c> U+2028 U+2029 escaped, integers as integers and floats in the
/// shortest form (exponent below 1e-6 and from 1e21).
/// </summary>
/// <remarks>Used where the apiserver's bytes are visible: list-map keys and set values in fieldsV1, manager
/// identifiers and the last-applied annotation.</remarks>
internal static class GoJsonText
{
    public static string Encode(JsonNode? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    public static void Write(StringBuilder sb, JsonNode? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                return;
            case JsonObject map:
                sb.Append('{');
                var first = true;
                foreach (var key in map.Select(p => p.Key).Order(StringComparer.Ordinal))
                {
                    sb.Append(first ? "" : ",");
                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    Write(sb, map[key]);
                }

                sb.Append('}');
                return;
            case JsonArray list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",");
                    Write(sb, list[i]);
                }

                sb.Append(']');
                return;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                sb.Append(GoValues.IsInt64(value, out var integer)
                    ? integer.ToString(CultureInfo.InvariantCulture)
                    : Float(GoValues.DoubleOf(value)));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        WriteString(sb, s);
        return sb.ToString();
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
                    {
                        // Go replaces invalid UTF-8 (here: a lone surrogate) with U+FFFD.
                        sb.Append("\\ufffd");
                    }
                    else
                    {
                        sb.Append(c);
                        if (char.IsHighSurrogate(c))
                        {
                            sb.Append(s[++i]);
                        }
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>encoding/json's float64: shortest digits, 'f' layout in [1e-6, 1e21), else 'e' (e-07 written e-7).</summary>
    private static string Float(double f)
    {
        if (f == 0)
        {
            return "0";
        }

        var (digits, point) = GoValues.Decompose(Math.Abs(f).ToString("R", CultureInfo.InvariantCulture));
        var sb = new StringBuilder(f < 0 ? "-" : "");
        var abs = Math.Abs(f);
        if (abs >= 1e-6 && abs < 1e21)
        {
            GoValues.AppendPlain(sb, digits, point);
            return sb.ToString();
        }

        sb.Append(digits[0]);
        if (digits.Length > 1)
        {
            sb.Append('.').Append(digits, 1, digits.Length - 1);
        }

        var exp = point - 1;
        sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString(exp < 0 ? "0" : "00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
