using System.Text;
using System.Text.RegularExpressions;

namespace KubeRpc.Machinery.Validation;

/// <summary>
/// Ports of apimachinery's <c>util/validation/validation.go</c> (as of release-1.32): each check returns the
/// detail strings of what is wrong, worded exactly as Kubernetes words them; an empty list means valid.
/// </summary>
/// <remarks>Lengths are UTF-8 byte counts, as Go's <c>len(string)</c> is; regexes anchor with <c>\z</c> because
/// Go's <c>$</c> never matches before a trailing newline.</remarks>
public static partial class NameValidation
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int Dns1035LabelMaxLength = 63;
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;

    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123LabelErrMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123SubdomainErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelErrMsg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string WildcardFmt = "\\*\\." + Dns1123SubdomainFmt;
    private const string WildcardErrMsg = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string LabelValueErrMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    [GeneratedRegex("^" + Dns1123LabelFmt + "\\z")]
    private static partial Regex Dns1123LabelRegex();

    [GeneratedRegex("^" + Dns1123SubdomainFmt + "\\z")]
    private static partial Regex Dns1123SubdomainRegex();

    [GeneratedRegex("^" + Dns1035LabelFmt + "\\z")]
    private static partial Regex Dns1035LabelRegex();

    [GeneratedRegex("^" + WildcardFmt + "\\z")]
    private static partial Regex WildcardRegex();

    [GeneratedRegex("^" + QualifiedNameFmt + "\\z")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^" + LabelValueFmt + "\\z")]
    private static partial Regex LabelValueRegex();

    /// <summary>Go's <c>len(s)</c>: the UTF-8 byte count.</summary>
    public static int GoLen(string value) => Encoding.UTF8.GetByteCount(value);

    /// <summary>A DNS (RFC 1123) label: Namespace names, port names.</summary>
    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        var errs = new List<string>();
        if (GoLen(value) > Dns1123LabelMaxLength)
        {
            errs.Add(ValidationMessages.MaxLen(Dns1123LabelMaxLength));
        }
        if (!Dns1123LabelRegex().IsMatch(value))
        {
            // A valid subdomain that is not a label can only be wrong because of its dots (length is checked above).
            errs.Add(Dns1123SubdomainRegex().IsMatch(value)
                ? "must not contain dots"
                : ValidationMessages.Regex(Dns1123LabelErrMsg, Dns1123LabelFmt, "my-name", "123-abc"));
        }
        return errs;
    }

    /// <summary>A DNS (RFC 1123) subdomain: most object names.</summary>
    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (GoLen(value) > Dns1123SubdomainMaxLength)
        {
            errs.Add(ValidationMessages.MaxLen(Dns1123SubdomainMaxLength));
        }
        if (!Dns1123SubdomainRegex().IsMatch(value))
        {
            errs.Add(ValidationMessages.Regex(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        }
        return errs;
    }

    /// <summary>A DNS (RFC 1035) label: Service names.</summary>
    public static IReadOnlyList<string> IsDns1035Label(string value)
    {
        var errs = new List<string>();
        if (GoLen(value) > Dns1035LabelMaxLength)
        {
            errs.Add(ValidationMessages.MaxLen(Dns1035LabelMaxLength));
        }
        if (!Dns1035LabelRegex().IsMatch(value))
        {
            errs.Add(ValidationMessages.Regex(Dns1035LabelErrMsg, Dns1035LabelFmt, "my-name", "abc-123"));
        }
        return errs;
    }

    /// <summary>A wildcard subdomain (<c>*.example.com</c>, RFC 1034 §4.3.3).</summary>
    public static IReadOnlyList<string> IsWildcardDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (GoLen(value) > Dns1123SubdomainMaxLength)
        {
            errs.Add(ValidationMessages.MaxLen(Dns1123SubdomainMaxLength));
        }
        if (!WildcardRegex().IsMatch(value))
        {
            errs.Add(ValidationMessages.Regex(WildcardErrMsg, WildcardFmt, "*.example.com"));
        }
        return errs;
    }

    /// <summary>A qualified name: optional DNS-subdomain prefix and <c>/</c>, then a name of at most 63 characters (label keys).</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errs.Add("prefix part " + ValidationMessages.Empty());
                }
                else
                {
                    errs.AddRange(IsDns1123Subdomain(parts[0]).Select(m => "prefix part " + m));
                }
                break;
            default:
                errs.Add("a qualified name " + ValidationMessages.Regex(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }
        if (name.Length == 0)
        {
            errs.Add("name part " + ValidationMessages.Empty());
        }
        else if (GoLen(name) > QualifiedNameMaxLength)
        {
            errs.Add("name part " + ValidationMessages.MaxLen(QualifiedNameMaxLength));
        }
        if (!QualifiedNameRegex().IsMatch(name))
        {
            errs.Add("name part " + ValidationMessages.Regex(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    /// <summary>A label value: empty, or at most 63 characters of the qualified-name alphabet.</summary>
    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errs = new List<string>();
        if (GoLen(value) > LabelValueMaxLength)
        {
            errs.Add(ValidationMessages.MaxLen(LabelValueMaxLength));
        }
        if (!LabelValueRegex().IsMatch(value))
        {
            errs.Add(ValidationMessages.Regex(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        }
        return errs;
    }
}
