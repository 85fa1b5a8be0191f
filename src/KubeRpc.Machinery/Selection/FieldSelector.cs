namespace KubeRpc.Machinery.Selection;

/// <summary>
/// A parsed <c>fieldSelector</c>, a port of apimachinery's <c>fields.ParseSelector</c>: terms
/// <c>field=value</c>, <c>field==value</c> or <c>field!=value</c> joined by commas (AND), values escaping
/// <c>\</c>, <c>,</c> and <c>=</c> with a backslash. Terms are kept in sorted order, as upstream does.
/// </summary>
/// <remarks>
/// Field names are not checked here: the caller compares <see cref="Fields"/> with the labels the resource
/// supports and answers <c>field label not supported: x</c> itself. A term whose field and value are both
/// empty (<c>=</c>) selects everything and is dropped, as upstream's transform step drops it.
/// </remarks>
public sealed class FieldSelector
{
    /// <summary>The selector that matches everything.</summary>
    public static readonly FieldSelector Everything = new([]);

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    /// <summary>The terms, in the order upstream evaluates them; all must match.</summary>
    public IReadOnlyList<FieldRequirement> Requirements { get; }

    /// <summary>The distinct field names the selector uses, so the caller can reject unsupported ones.</summary>
    public IEnumerable<string> Fields => Requirements.Select(r => r.Field).Distinct(StringComparer.Ordinal);

    /// <summary>True when the selector does not restrict anything.</summary>
    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>Parses a selector; null or empty text selects everything.</summary>
    /// <exception cref="SelectorSyntaxException">With the upstream parser's message.</exception>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }
        var parts = FieldSelectorSyntax.SplitTerms(text);
        parts.Sort(string.CompareOrdinal);
        var requirements = new List<FieldRequirement>();
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }
            if (!FieldSelectorSyntax.TrySplitTerm(part, out var field, out var op, out var rawValue))
            {
                throw new SelectorSyntaxException($"invalid selector: '{text}'; can't understand '{part}'");
            }
            var value = FieldSelectorSyntax.UnescapeValue(rawValue, out var error)
                ?? throw new SelectorSyntaxException(error!);
            if (field.Length == 0 && value.Length == 0)
            {
                continue;
            }
            requirements.Add(new FieldRequirement(field, op == "!=" ? FieldOperator.NotEquals : FieldOperator.Equals, value));
        }
        return requirements.Count == 0 ? Everything : new FieldSelector(requirements);
    }

    /// <summary>True when every term matches; <paramref name="fieldValue"/> gives a field's value (null = empty).</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(fieldValue))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>RequiresExactMatch</c>: the value an <c>=</c> term demands of <paramref name="field"/>, if any.</summary>
    public bool TryGetExactMatch(string field, out string value)
    {
        foreach (var r in Requirements)
        {
            if (r.Field == field && r.Operator == FieldOperator.Equals)
            {
                value = r.Value;
                return true;
            }
        }
        value = "";
        return false;
    }

    /// <summary>The terms joined by commas, values re-escaped.</summary>
    public override string ToString() => string.Join(",", Requirements);
}
