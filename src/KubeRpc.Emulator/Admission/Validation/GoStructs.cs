using System.Globalization;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Validation;

/// <summary>
/// Go's <c>%#v</c> of the API values that field errors print whole (field.Error falls back to <c>%#v</c> for any value
/// that is not a string, a number, a bool or a <c>fmt.Stringer</c>): maps, label selectors, IntOrStrings.
/// </summary>
internal static class GoStructs
{
    /// <summary>
    /// A placeholder for the pointers Go prints as addresses (<c>(*T)(0xc000123456)</c>): kube-apiserver's text holds a
    /// heap address there that no client can predict, so the emulator prints a fixed one.
    /// </summary>
    public const string Address = "0xc000a1b2c0";

    /// <summary><c>map[string]string{"a":"1", "b":"2"}</c>, keys sorted as <c>fmt</c> sorts them; <c>(nil)</c> for a null map.</summary>
    public static GoValue StringMap(IDictionary<string, string>? map) => GoValue.Raw(MapText(map));

    /// <summary><c>v1.LabelSelector{MatchLabels:…, MatchExpressions:…}</c>, as a dereferenced <c>*metav1.LabelSelector</c> prints.</summary>
    public static GoValue LabelSelector(V1LabelSelector selector) => GoValue.Raw(LabelSelectorText(selector));

    /// <summary><c>intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}</c>: the type's String method needs a pointer, so a value prints raw.</summary>
    public static GoValue IntOrString(IntOrString value) => GoValue.Raw(IntOrStringText(value));

    /// <summary>A struct of pointer fields, each <c>(*T)(nil)</c> or <c>(*T)(address)</c>, e.g. <c>policy.PodDisruptionBudgetSpec{…}</c>.</summary>
    public static GoValue PointerStruct(string goType, params (string Field, string PointerType, bool Set)[] fields) =>
        GoValue.Raw(goType + "{" + string.Join(", ", fields.Select(f => $"{f.Field}:(*{f.PointerType})({(f.Set ? Address : "nil")})")) + "}");

    private static string MapText(IDictionary<string, string>? map)
    {
        if (map is null)
        {
            return "map[string]string(nil)";
        }
        var pairs = map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => FieldError.Quote(kv.Key) + ":" + FieldError.Quote(kv.Value ?? ""));
        return "map[string]string{" + string.Join(", ", pairs) + "}";
    }

    private static string LabelSelectorText(V1LabelSelector selector)
    {
        var expressions = selector.MatchExpressions is null
            ? "[]v1.LabelSelectorRequirement(nil)"
            : "[]v1.LabelSelectorRequirement{" + string.Join(", ", selector.MatchExpressions.Select(RequirementText)) + "}";
        return "v1.LabelSelector{MatchLabels:" + MapText(selector.MatchLabels) + ", MatchExpressions:" + expressions + "}";
    }

    private static string RequirementText(V1LabelSelectorRequirement requirement) =>
        "v1.LabelSelectorRequirement{Key:" + FieldError.Quote(requirement.Key ?? "") + ", Operator:" + FieldError.Quote(requirement.OperatorProperty ?? "")
        + ", Values:" + GoValue.StringSlice(requirement.Values) + "}";

    private static string IntOrStringText(IntOrString value) => IntOrStrings.IsString(value)
        ? "intstr.IntOrString{Type:1, IntVal:0, StrVal:" + FieldError.Quote(value.Value ?? "") + "}"
        : string.Create(CultureInfo.InvariantCulture, $"intstr.IntOrString{{Type:0, IntVal:{IntOrStrings.IntValue(value)}, StrVal:\"\"}}");
}
