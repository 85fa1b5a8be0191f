using k8s.Models;
using KubeRpc.Machinery.Selection;

namespace KubeRpc.Emulator.Selection;

/// <summary>
/// apimachinery's <c>metav1.LabelSelectorAsSelector</c> for the model's <see cref="V1LabelSelector"/>: a null selector
/// selects nothing, an empty one everything, and otherwise every <c>matchLabels</c> entry is an <c>=</c> requirement
/// and every expression its operator's. The requirements go through the label parser, which checks keys and values
/// as <c>labels.NewRequirement</c> does and sorts them by key as <c>Selector.Add</c> does.
/// </summary>
internal static class ModelSelectors
{
    /// <summary>
    /// The converted selector, or null when kube-apiserver's conversion fails (an unknown operator, an invalid
    /// key or value, no values for <c>In</c>/<c>NotIn</c>). <paramref name="nothing"/> is set for a null selector.
    /// </summary>
    public static LabelSelector? AsSelector(V1LabelSelector? selector, out bool nothing)
    {
        nothing = selector is null;
        if (selector is null)
        {
            return LabelSelector.Everything;
        }
        var parts = new List<string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            parts.Add(key + "=" + value);
        }
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", expression.Values ?? []);
            switch (expression.OperatorProperty)
            {
                // The parser reads "()" as the set holding "", so the empty case is refused here, as NewRequirement does.
                case "In" or "NotIn" when expression.Values is not { Count: > 0 }:
                    return null;
                case "In":
                    parts.Add($"{expression.Key} in ({values})");
                    break;
                case "NotIn":
                    parts.Add($"{expression.Key} notin ({values})");
                    break;
                case "Exists" when expression.Values is not { Count: > 0 }:
                    parts.Add(expression.Key ?? "");
                    break;
                case "DoesNotExist" when expression.Values is not { Count: > 0 }:
                    parts.Add("!" + expression.Key);
                    break;
                default:
                    return null;
            }
        }
        try
        {
            return LabelSelector.Parse(string.Join(",", parts));
        }
        catch (SelectorSyntaxException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a selector matches <paramref name="labels"/>; null when the selector does not convert. A null
    /// selector matches nothing (<c>labels.Nothing()</c>).
    /// </summary>
    public static bool? Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        var converted = AsSelector(selector, out var nothing);
        return converted is null ? null : !nothing && converted.Matches(labels);
    }

    /// <summary>The selector's <c>String()</c>: requirements by key, comma-joined; empty for nothing or everything; null on error.</summary>
    public static string? Text(V1LabelSelector? selector) => AsSelector(selector, out _)?.ToString();
}
