using System.Text.Json;
using System.Text.Json.Nodes;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// structured-merge-diff's view of a JSON value (<c>value.Equals</c>, <c>value.Compare</c>, <c>value.ToString</c>):
/// numbers compare numerically whether integral or not, maps compare by content regardless of member order.
/// </summary>
internal static class SmdValues
{
    /// <summary><c>value.Equals</c>: deep equality with numeric comparison of numbers.</summary>
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                return x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && Equal(p.Value, other));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Zip(y).All(p => Equal(p.First, p.Second));
            case (JsonObject or JsonArray, _) or (_, JsonObject or JsonArray):
                return false;
            default:
                return Compare(a, b) == 0;
        }
    }

    /// <summary>
    /// <c>value.Compare</c>: a total order across types (numbers, strings, booleans, lists, maps, null);
    /// integers and floats compare by value.
    /// </summary>
    public static int Compare(JsonNode? a, JsonNode? b)
    {
        var (ra, rb) = (Rank(a), Rank(b));
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }

        switch (ra)
        {
            case 0:
                return Number(a!).CompareTo(Number(b!));
            case 1:
                return string.CompareOrdinal(a!.GetValue<string>(), b!.GetValue<string>()) switch { < 0 => -1, > 0 => 1, _ => 0 };
            case 2:
                return a!.GetValue<bool>().CompareTo(b!.GetValue<bool>());
            case 3:
                var (la, lb) = ((JsonArray)a!, (JsonArray)b!);
                for (var i = 0; i < Math.Min(la.Count, lb.Count); i++)
                {
                    if (Compare(la[i], lb[i]) is var c and not 0)
                    {
                        return c;
                    }
                }

                return la.Count.CompareTo(lb.Count);
            case 4:
                return CompareMaps((JsonObject)a!, (JsonObject)b!);
            default:
                return 0;
        }
    }

    /// <summary><c>value.ToString</c>: strings quoted as %q, maps as <c>{k=v,...}</c>, lists as <c>[a,b]</c>.</summary>
    public static string Text(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray list => "[" + string.Join(",", list.Select(Text)) + "]",
        JsonObject map => "{" + string.Join(",", map.Select(p => p.Key + "=" + Text(p.Value))) + "}",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => FieldError.Quote(value.GetValue<string>()),
            JsonValueKind.Number => GoValues.Format(value),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "null",
        },
    };

    /// <summary>Whether a value is a scalar (string, number, boolean or null), the only kind a set item may be.</summary>
    public static bool IsScalar(JsonNode? value) => value is not (JsonObject or JsonArray);

    /// <summary>The order of JSON types in <see cref="Compare"/>: numbers, strings, booleans, lists, maps, null.</summary>
    internal static int Rank(JsonNode? value) => value switch
    {
        null => 5,
        JsonArray => 3,
        JsonObject => 4,
        _ => value.GetValueKind() switch
        {
            JsonValueKind.Number => 0,
            JsonValueKind.String => 1,
            JsonValueKind.True or JsonValueKind.False => 2,
            _ => 5,
        },
    };

    /// <summary>A number as the decimal it compares by.</summary>
    internal static decimal Number(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<decimal>(out var number) ? number
        : decimal.TryParse(node.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d
            : (decimal)Math.Clamp(GoValues.DoubleOf(node), (double)decimal.MinValue, (double)decimal.MaxValue);

    private static int CompareMaps(JsonObject a, JsonObject b)
    {
        var ka = a.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var kb = b.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < Math.Min(ka.Count, kb.Count); i++)
        {
            if (string.CompareOrdinal(ka[i], kb[i]) is var k and not 0)
            {
                return k < 0 ? -1 : 1;
            }

            if (Compare(a[ka[i]], b[kb[i]]) is var c and not 0)
            {
                return c;
            }
        }

        return ka.Count.CompareTo(kb.Count);
    }
}
