using System.Globalization;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Validation;

/// <summary>
/// A bad value that <see cref="FieldError"/> prints verbatim, for values Go prints with <c>%#v</c> or a
/// <c>String()</c> method (slices, times), where quoting the C# value would not match kube-apiserver.
/// </summary>
public sealed class GoValue
{
    private readonly string _text;

    private GoValue(string text) => _text = text;

    /// <summary>The text as printed after <c>Invalid value: </c>.</summary>
    public override string ToString() => _text;

    /// <summary>Go's <c>%#v</c> of a <c>[]string</c>: <c>[]string{"a", "b"}</c> (or <c>[]string(nil)</c>).</summary>
    public static GoValue StringSlice(IEnumerable<string>? values) => values is null
        ? new("[]string(nil)")
        : new("[]string{" + string.Join(", ", values.Select(FieldError.Quote)) + "}");

    /// <summary>A Go <c>%#v</c> slice of named string types, e.g. <c>[]core.IPFamily{"IPv4"}</c>.</summary>
    public static GoValue TypedStringSlice(string goType, IEnumerable<string>? values) => values is null
        ? new("[]" + goType + "(nil)")
        : new("[]" + goType + "{" + string.Join(", ", values.Select(FieldError.Quote)) + "}");

    /// <summary>Go's <c>time.Time.String()</c> of a UTC time (metav1.Time prints so), or <c>null</c>.</summary>
    public static GoValue? Time(DateTime? value) => value is { } t
        ? new GoValue(t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 UTC")
        : null;

    /// <summary>Any pre-rendered text.</summary>
    public static GoValue Raw(string text) => new(text);
}
