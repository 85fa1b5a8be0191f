using System.Globalization;
using System.Text;

namespace KubeRpc.Machinery.Selection;

/// <summary>
/// The term splitting and value escaping of apimachinery's fields/selector.go: commas separate terms unless
/// escaped, the first <c>!=</c>, <c>==</c> or <c>=</c> splits a term, and values may escape <c>\ , =</c>.
/// </summary>
internal static class FieldSelectorSyntax
{
    // "==" before "=" so that a leading "=" does not stay on the value.
    private static readonly string[] TermOperators = ["!=", "==", "="];

    /// <summary><c>splitTerms</c>: comma-separated terms; an escaped comma stays in its term, backslash included.</summary>
    public static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        if (selector.Length == 0)
        {
            return terms;
        }
        var start = 0;
        var inSlash = false;
        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (inSlash)
            {
                inSlash = false;
            }
            else if (c == '\\')
            {
                inSlash = true;
            }
            else if (c == ',')
            {
                terms.Add(selector[start..i]);
                start = i + 1;
            }
        }
        terms.Add(selector[start..]);
        return terms;
    }

    /// <summary><c>splitTerm</c>: the field, operator and raw value at the first operator in the term.</summary>
    public static bool TrySplitTerm(string term, out string lhs, out string op, out string rhs)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var candidate in TermOperators)
            {
                if (string.CompareOrdinal(term, i, candidate, 0, candidate.Length) == 0)
                {
                    lhs = term[..i];
                    op = candidate;
                    rhs = term[(i + candidate.Length)..];
                    return true;
                }
            }
        }
        lhs = op = rhs = "";
        return false;
    }

    /// <summary><c>UnescapeValue</c>: removes <c>\\ \, \=</c> escapes; any other escape or a bare <c>,</c>/<c>=</c> is an error.</summary>
    public static string? UnescapeValue(string s, out string? error)
    {
        error = null;
        if (s.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            return s;
        }
        var sb = new StringBuilder(s.Length);
        var inSlash = false;
        foreach (var rune in s.EnumerateRunes())
        {
            if (inSlash)
            {
                if (rune.Value is '\\' or ',' or '=')
                {
                    sb.Append(rune.ToString());
                    inSlash = false;
                    continue;
                }
                error = "invalid field selector: invalid escape sequence: \\" + rune;
                return null;
            }
            switch (rune.Value)
            {
                case '\\':
                    inSlash = true;
                    break;
                case ',' or '=':
                    // Upstream formats the rune with %v, which prints its code point number (61 for '=').
                    error = "invalid field selector: unescaped character in value: " + rune.Value.ToString(CultureInfo.InvariantCulture);
                    return null;
                default:
                    sb.Append(rune.ToString());
                    break;
            }
        }
        if (inSlash)
        {
            error = "invalid field selector: invalid escape sequence: \\";
            return null;
        }
        return sb.ToString();
    }

    /// <summary><c>EscapeValue</c>: prefixes <c>\</c>, <c>,</c> and <c>=</c> with a backslash.</summary>
    public static string EscapeValue(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}
