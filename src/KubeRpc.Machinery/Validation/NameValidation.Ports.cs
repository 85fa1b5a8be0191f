using System.Text.RegularExpressions;

namespace KubeRpc.Machinery.Validation;

public static partial class NameValidation
{
    private const string HttpPathFmt = @"[A-Za-z0-9/\-._~%!$&'()*+,;=:]+";

    [GeneratedRegex("^[-a-z0-9]+\\z")]
    private static partial Regex PortNameCharsetRegex();

    [GeneratedRegex("[a-z]")]
    private static partial Regex PortNameOneLetterRegex();

    [GeneratedRegex("^" + HttpPathFmt + "\\z")]
    private static partial Regex HttpPathRegex();

    /// <summary>An IANA_SVC_NAME (RFC 6335): at most 15 of <c>[-a-z0-9]</c>, a letter, no <c>--</c>, no leading or trailing <c>-</c>.</summary>
    public static IReadOnlyList<string> IsValidPortName(string value)
    {
        var errs = new List<string>();
        if (GoLen(value) > 15)
        {
            errs.Add(ValidationMessages.MaxLen(15));
        }
        if (!PortNameCharsetRegex().IsMatch(value))
        {
            errs.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!PortNameOneLetterRegex().IsMatch(value))
        {
            errs.Add("must contain at least one letter (a-z)");
        }
        if (value.Contains("--", StringComparison.Ordinal))
        {
            errs.Add("must not contain consecutive hyphens");
        }
        if (value.Length > 0 && (value[0] == '-' || value[^1] == '-'))
        {
            errs.Add("must not begin or end with a hyphen");
        }
        return errs;
    }

    /// <summary>A non-zero port number, 1–65535.</summary>
    public static IReadOnlyList<string> IsValidPortNum(int port) =>
        port is >= 1 and <= 65535 ? [] : [ValidationMessages.InclusiveRange(1, 65535)];

    /// <summary>An inclusive range check.</summary>
    public static IReadOnlyList<string> IsInRange(int value, int min, int max) =>
        value >= min && value <= max ? [] : [ValidationMessages.InclusiveRange(min, max)];

    /// <summary>
    /// A domain-prefixed path such as <c>acme.io/foo</c> (IngressClass <c>spec.controller</c>): the detail strings only.
    /// Use <see cref="ValidateDomainPrefixedPath"/> to get the errors with the values Kubernetes reports.
    /// </summary>
    public static IReadOnlyList<string> IsDomainPrefixedPath(string value) =>
        ValidateDomainPrefixedPath(FieldPath.Root, value).Select(e => e.Detail).Where(d => d.Length > 0).ToList();

    /// <summary>
    /// <c>IsDomainPrefixedPath</c> as Kubernetes reports it: Required when empty; otherwise Invalid errors whose value is
    /// the whole path, the host part, or the path part, depending on which is wrong.
    /// </summary>
    public static List<FieldError> ValidateDomainPrefixedPath(FieldPath path, string value)
    {
        if (value.Length == 0)
        {
            return [FieldError.Required(path)];
        }
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            return [FieldError.Invalid(path, value, "must be a domain-prefixed path (such as \"acme.io/foo\")")];
        }
        var host = value[..slash];
        var errs = IsDns1123Subdomain(host).Select(m => FieldError.Invalid(path, host, m)).ToList();
        var rest = value[(slash + 1)..];
        if (!HttpPathRegex().IsMatch(rest))
        {
            errs.Add(FieldError.Invalid(path, rest, ValidationMessages.Regex("Invalid path", HttpPathFmt)));
        }
        return errs;
    }

    /// <summary>Go's <c>NameIsDNSSubdomain</c>: a <c>ValidateNameFunc</c> for Secret, Ingress, IngressClass, Endpoints.</summary>
    public static IReadOnlyList<string> NameIsDnsSubdomain(string name, bool prefix) =>
        IsDns1123Subdomain(prefix ? MaskTrailingDash(name) : name);

    /// <summary>Go's <c>NameIsDNSLabel</c>: a <c>ValidateNameFunc</c> for Namespace.</summary>
    public static IReadOnlyList<string> NameIsDnsLabel(string name, bool prefix) =>
        IsDns1123Label(prefix ? MaskTrailingDash(name) : name);

    /// <summary>Go's <c>NameIsDNS1035Label</c>: a <c>ValidateNameFunc</c> for Service.</summary>
    public static IReadOnlyList<string> NameIsDns1035Label(string name, bool prefix) =>
        IsDns1035Label(prefix ? MaskTrailingDash(name) : name);

    /// <summary>
    /// apimachinery's <c>maskTrailingDash</c>: a generateName may end in '-' because random characters follow.
    /// It replaces the last <em>two</em> characters with "a", as the Go code does.
    /// </summary>
    private static string MaskTrailingDash(string name) =>
        name.Length > 1 && name.EndsWith('-') ? name[..^2] + "a" : name;
}
