using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching;

/// <summary>The Go dynamic type a JSON value has once apimachinery decoded it into <c>interface{}</c>.</summary>
internal enum GoKind
{
    Nil,
    String,
    Int64,
    Float64,
    Bool,
    Map,
    Slice,
}

/// <summary>
/// Views JSON values the way the Go patch code sees them after a decode that preserves integers
/// (<c>UnmarshalCaseSensitivePreserveInts</c>, <c>ToUnstructured</c>): integral numbers are <c>int64</c>,
/// the rest <c>float64</c>. Error messages print values with <c>%v</c>, so the formatting here mimics fmt.
/// </summary>
internal static class GoValues
{
    public static GoKind KindOf(JsonNode? node) => node switch
    {
        null => GoKind.Nil,
        JsonObject => GoKind.Map,
        JsonArray => GoKind.Slice,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => GoKind.String,
            JsonValueKind.True or JsonValueKind.False => GoKind.Bool,
            JsonValueKind.Number => IsInt64(node, out _) ? GoKind.Int64 : GoKind.Float64,
            _ => GoKind.Nil,
        },
    };

    /// <summary><c>reflect.TypeOf(v).String()</c>; a nil interface prints as <c>%!s(&lt;nil&gt;)</c> under <c>%s</c>.</summary>
    public static string TypeName(JsonNode? node) => KindOf(node) switch
    {
        GoKind.Nil => "%!s(<nil>)",
        GoKind.String => "string",
        GoKind.Int64 => "int64",
        GoKind.Float64 => "float64",
        GoKind.Bool => "bool",
        GoKind.Map => "map[string]interface {}",
        _ => "[]interface {}",
    };

    /// <summary>Go's <c>==</c> on two <c>interface{}</c> values holding JSON scalars (same type and value).</summary>
    public static bool ScalarEquals(JsonNode? a, JsonNode? b)
    {
        var kind = KindOf(a);
        if (kind != KindOf(b))
        {
            return false;
        }

        return kind switch
        {
            GoKind.Nil => true,
            GoKind.String => a!.GetValue<string>() == b!.GetValue<string>(),
            GoKind.Bool => a!.GetValue<bool>() == b!.GetValue<bool>(),
            GoKind.Int64 => Int64Of(a!) == Int64Of(b!),
            GoKind.Float64 => DoubleOf(a!).Equals(DoubleOf(b!)),
            // Go panics comparing maps or slices; structural equality is the closest sane answer.
            _ => JsonNode.DeepEquals(a, b),
        };
    }

    /// <summary>
    /// A hash that agrees with <see cref="ScalarEquals"/>, <see cref="JsonNode.DeepEquals"/> and structured-merge-diff's
    /// value equality: numbers hash by value (whether integral or not), maps by content regardless of member order.
    /// </summary>
    public static int Hash(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return 0;
            case JsonObject map:
                return map.Aggregate(map.Count, (h, p) => h ^ HashCode.Combine(StringComparer.Ordinal.GetHashCode(p.Key), Hash(p.Value)));
            case JsonArray list:
                return list.Aggregate(new HashCode(), (h, item) => { h.Add(Hash(item)); return h; }).ToHashCode();
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.String => StringComparer.Ordinal.GetHashCode(node.GetValue<string>()),
            JsonValueKind.Number => DoubleOf(node).GetHashCode(),
            var kind => (int)kind,
        };
    }

    /// <summary>fmt's <c>%v</c>.</summary>
    public static string Format(JsonNode? node) => Format(node, verbS: false);

    /// <summary>fmt's <c>%s</c>: strings bare, other scalars as <c>%!s(type=value)</c>.</summary>
    public static string FormatS(JsonNode? node) => Format(node, verbS: true);

    /// <summary><c>fmt.Sprint</c> of a <c>[][]interface{}</c>.</summary>
    public static string FormatLists(params IReadOnlyList<JsonNode?>[] lists) =>
        "[" + string.Join(" ", lists.Select(l => "[" + string.Join(" ", l.Select(Format)) + "]")) + "]";

    public static string FormatList(IEnumerable<JsonNode?> list) => "[" + string.Join(" ", list.Select(Format)) + "]";

    private static string Format(JsonNode? node, bool verbS)
    {
        switch (node)
        {
            case JsonObject obj:
                var keys = obj.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal);
                return "map[" + string.Join(" ", keys.Select(k => k + ":" + Format(obj[k], verbS))) + "]";
            case JsonArray arr:
                return "[" + string.Join(" ", arr.Select(n => Format(n, verbS))) + "]";
        }

        var kind = KindOf(node);
        var text = kind switch
        {
            GoKind.Nil => "<nil>",
            GoKind.String => node!.GetValue<string>(),
            GoKind.Bool => node!.GetValue<bool>() ? "true" : "false",
            GoKind.Int64 => Int64Of(node!).ToString(CultureInfo.InvariantCulture),
            _ => FormatFloat(DoubleOf(node!)),
        };
        if (!verbS || kind == GoKind.String)
        {
            return text;
        }

        return kind == GoKind.Nil ? "%!s(<nil>)" : $"%!s({TypeName(node)}={text})";
    }

    public static bool IsInt64(JsonNode node, out long value)
    {
        value = 0;
        var raw = node.ToJsonString();
        return raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0
            && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static long Int64Of(JsonNode node) => IsInt64(node, out var v) ? v : 0;

    public static double DoubleOf(JsonNode node) =>
        double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>fmt's <c>%v</c> of a float64 (<c>%g</c>, shortest digits): exponent form below 1e-4 or from 1e6.</summary>
    public static string FormatFloat(double value)
    {
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // Shortest round-trip digits and the decimal point position, then strconv's %g layout (eprec 6 when shortest).
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, point) = Decompose(shortest);
        var exp = point - 1;
        var sb = new StringBuilder();
        if (value < 0)
        {
            sb.Append('-');
        }

        if (exp < -4 || exp >= 6)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
        }
        else
        {
            AppendPlain(sb, digits, point);
        }

        return sb.ToString();
    }

    /// <summary>Significant <paramref name="digits"/> with the decimal point at <paramref name="point"/>, without exponent.</summary>
    internal static void AppendPlain(StringBuilder sb, string digits, int point)
    {
        if (point <= 0)
        {
            sb.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            sb.Append(digits).Append('0', point - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }
    }

    /// <summary>The significant digits of a "R"-formatted number and the position of the decimal point in them.</summary>
    internal static (string Digits, int Point) Decompose(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var point = (dot < 0 ? text.Length : dot) + exponent;
        var digits = text.Replace(".", "", StringComparison.Ordinal);
        var lead = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return (digits.Length == 0 ? "0" : digits, point - lead);
    }
}
