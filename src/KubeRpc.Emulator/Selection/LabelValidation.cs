using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KubeRpc.Emulator.Selection;

/// <summary>
/// apimachinery util/validation's <c>IsQualifiedName</c> and <c>IsValidLabelValue</c>, with their exact
/// messages. Lengths count UTF-8 bytes, as Go's <c>len</c> does.
/// </summary>
internal static partial class LabelValidation
{
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameErrMsg =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const int QualifiedNameMaxLength = 63;

    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";
    private const string LabelValueErrMsg =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const int LabelValueMaxLength = 63;

    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1123SubdomainErrMsg =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const int Dns1123SubdomainMaxLength = 253;

    // \z, not $: Go's $ never matches before a trailing newline.
    [GeneratedRegex(@"^" + QualifiedNameFmt + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex(@"^" + LabelValueFmt + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueRegex();

    [GeneratedRegex(@"^" + Dns1123SubdomainFmt + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123SubdomainRegex();

    /// <summary>The problems with a label key (<c>[prefix/]name</c>); empty when it is valid.</summary>
    public static List<string> IsQualifiedName(string value)
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
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errs.Add("prefix part " + EmptyError);
                }
                else
                {
                    errs.AddRange(IsDns1123Subdomain(prefix).Select(m => "prefix part " + m));
                }
                break;
            default:
                errs.Add("a qualified name " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }

        if (name.Length == 0)
        {
            errs.Add("name part " + EmptyError);
        }
        else if (Encoding.UTF8.GetByteCount(name) > QualifiedNameMaxLength)
        {
            errs.Add("name part " + MaxLenError(QualifiedNameMaxLength));
        }
        if (!QualifiedNameRegex().IsMatch(name))
        {
            errs.Add("name part " + RegexError(QualifiedNameErrMsg, QualifiedNameFmt, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    /// <summary>The problems with a label value; empty when it is valid (the empty string is).</summary>
    public static List<string> IsValidLabelValue(string value)
    {
        var errs = new List<string>();
        if (Encoding.UTF8.GetByteCount(value) > LabelValueMaxLength)
        {
            errs.Add(MaxLenError(LabelValueMaxLength));
        }
        if (!LabelValueRegex().IsMatch(value))
        {
            errs.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    private static List<string> IsDns1123Subdomain(string value)
    {
        var errs = new List<string>();
        if (Encoding.UTF8.GetByteCount(value) > Dns1123SubdomainMaxLength)
        {
            errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        }
        if (!Dns1123SubdomainRegex().IsMatch(value))
        {
            errs.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        }
        return errs;
    }

    private const string EmptyError = "must be non-empty";

    private static string MaxLenError(int length) =>
        string.Create(CultureInfo.InvariantCulture, $"must be no more than {length} characters");

    // Reproduces validation.RegexError, double space before "or" included: "(e.g. 'MyName',  or 'my.name', ...".
    private static string RegexError(string msg, string fmt, params string[] examples)
    {
        var sb = new StringBuilder(msg).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(" or ");
            }
            sb.Append('\'').Append(examples[i]).Append("', ");
        }
        return sb.Append("regex used for validation is '").Append(fmt).Append("')").ToString();
    }
}
