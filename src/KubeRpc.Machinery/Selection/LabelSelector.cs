namespace KubeRpc.Machinery.Selection;

/// <summary>
/// A parsed <c>labelSelector</c>, a port of apimachinery's <c>labels.Parse</c>: <c>k</c>, <c>!k</c>,
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k&gt;n</c>, <c>k&lt;n</c>,
/// joined by commas (AND). Requirements are kept sorted by key, as upstream does.
/// </summary>
/// <remarks>
/// <c>!=</c> and <c>notin</c> also match objects that lack the label. Keys must be qualified names and
/// values valid label values; malformed input is rejected with the parser's own message, which
/// kube-apiserver returns verbatim as a 400 BadRequest.
/// </remarks>
public sealed class LabelSelector
{
    /// <summary>The selector that matches everything (an empty or absent <c>labelSelector</c>).</summary>
    public static readonly LabelSelector Everything = new([]);

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    /// <summary>The requirements, sorted by key; all must match.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>True when the selector does not restrict anything.</summary>
    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>Parses a selector; null, empty or blank text selects everything.</summary>
    /// <exception cref="SelectorSyntaxException">With the upstream parser's message.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }
        var requirements = LabelSelectorParser.Parse(text, out var error);
        if (requirements is null)
        {
            throw new SelectorSyntaxException(error ?? "unable to parse label selector");
        }
        return requirements.Count == 0 ? Everything : new LabelSelector(requirements);
    }

    /// <summary>True when every requirement matches <paramref name="labels"/> (null means no labels).</summary>
    public bool Matches(IDictionary<string, string>? labels)
    {
        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// <c>RequiresExactMatch</c>: the single value a key must have (<c>=</c>, <c>==</c>, or <c>in</c> with one
    /// value), which lets a caller narrow a list by an index before matching.
    /// </summary>
    public bool TryGetExactMatch(string key, out string value)
    {
        foreach (var r in Requirements)
        {
            if (r.Key != key)
            {
                continue;
            }
            if (r.Operator is LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.In && r.Values.Count == 1)
            {
                value = r.Values[0];
                return true;
            }
            break;
        }
        value = "";
        return false;
    }

    /// <summary>The canonical text: requirements sorted by key, comma-joined, e.g. <c>app=web,!canary</c>.</summary>
    public override string ToString() => string.Join(",", Requirements.Select(r => r.ToString()));
}
