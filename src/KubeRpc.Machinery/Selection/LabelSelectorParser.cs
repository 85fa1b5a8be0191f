using KubeRpc.Machinery.Validation;

namespace KubeRpc.Machinery.Selection;

/// <summary>
/// A port of apimachinery's label selector <c>Parser</c> (recursive descent over the scanned tokens). Errors
/// come back as the exact text upstream produces; requirement-level ones carry the
/// <c>unable to parse requirement: </c> prefix.
/// </summary>
internal sealed class LabelSelectorParser
{
    // selection.Operator spellings of labels' binaryOperators, in upstream order.
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private readonly List<ScannedItem> _items;
    private int _position;

    private LabelSelectorParser(string text) => _items = LabelSelectorLexer.Scan(text);

    /// <summary>Parses <paramref name="text"/>; on failure returns null and the error message.</summary>
    public static List<LabelRequirement>? Parse(string text, out string? error)
    {
        var requirements = new LabelSelectorParser(text).ParseAll(out error);
        // A stable sort by key, as Go's sort.Sort(ByKey) is for the handful of requirements a selector has.
        return requirements?.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    private List<LabelRequirement>? ParseAll(out string? error)
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (tok, lit) = Lookahead(values: true);
            switch (tok)
            {
                case LabelToken.Identifier or LabelToken.DoesNotExist:
                    var requirement = ParseRequirement(out error);
                    if (requirement is null)
                    {
                        error = "unable to parse requirement: " + error;
                        return null;
                    }
                    requirements.Add(requirement);
                    var (t, l) = Consume(values: true);
                    switch (t)
                    {
                        case LabelToken.EndOfString:
                            return requirements;
                        case LabelToken.Comma:
                            var (t2, l2) = Lookahead(values: true);
                            if (t2 is not (LabelToken.Identifier or LabelToken.DoesNotExist))
                            {
                                error = $"found '{l2}', expected: identifier after ','";
                                return null;
                            }
                            break;
                        default:
                            error = $"found '{l}', expected: ',' or 'end of string'";
                            return null;
                    }
                    break;
                case LabelToken.EndOfString:
                    error = null;
                    return requirements;
                default:
                    error = $"found '{lit}', expected: !, identifier, or 'end of string'";
                    return null;
            }
        }
    }

    private LabelRequirement? ParseRequirement(out string? error)
    {
        if (!ParseKeyAndInferOperator(out var key, out var op, out error))
        {
            return null;
        }
        if (op is LabelOperator.Exists or LabelOperator.DoesNotExist)
        {
            return LabelRequirement.Create(key, op.Value, [], out error);
        }
        if (ParseOperator(out error) is not { } binary)
        {
            return null;
        }
        var values = binary is LabelOperator.In or LabelOperator.NotIn ? ParseValues(out error) : ParseExactValue(out error);
        if (values is null)
        {
            return null;
        }
        // sets.String.List(): sorted and de-duplicated.
        var list = values.ToList();
        list.Sort(string.CompareOrdinal);
        return LabelRequirement.Create(key, binary, list, out error);
    }

    // A key, optionally after "!"; a key followed by "," or the end is an Exists requirement.
    private bool ParseKeyAndInferOperator(out string key, out LabelOperator? op, out string? error)
    {
        op = null;
        key = "";
        var (tok, literal) = Consume(values: true);
        if (tok == LabelToken.DoesNotExist)
        {
            op = LabelOperator.DoesNotExist;
            (tok, literal) = Consume(values: true);
        }
        if (tok != LabelToken.Identifier)
        {
            error = $"found '{literal}', expected: identifier";
            return false;
        }
        var keyErrors = NameValidation.IsQualifiedName(literal);
        if (keyErrors.Count > 0)
        {
            // The parser validates with a nil field.Path, which Go prints as "<nil>".
            error = FieldError.Invalid("<nil>", literal, string.Join("; ", keyErrors)).ToString();
            return false;
        }
        if (Lookahead(values: true).Token is LabelToken.EndOfString or LabelToken.Comma && op != LabelOperator.DoesNotExist)
        {
            op = LabelOperator.Exists;
        }
        key = literal;
        error = null;
        return true;
    }

    private LabelOperator? ParseOperator(out string? error)
    {
        var (tok, lit) = Consume(values: false);
        error = null;
        switch (tok)
        {
            case LabelToken.In: return LabelOperator.In;
            case LabelToken.Equals: return LabelOperator.Equals;
            case LabelToken.DoubleEquals: return LabelOperator.DoubleEquals;
            case LabelToken.GreaterThan: return LabelOperator.GreaterThan;
            case LabelToken.LessThan: return LabelOperator.LessThan;
            case LabelToken.NotIn: return LabelOperator.NotIn;
            case LabelToken.NotEquals: return LabelOperator.NotEquals;
            default:
                error = $"found '{lit}', expected: {BinaryOperators}";
                return null;
        }
    }

    // "(a,b)"; "()" is the set holding the empty string.
    private HashSet<string>? ParseValues(out string? error)
    {
        var (tok, lit) = Consume(values: true);
        if (tok != LabelToken.OpenPar)
        {
            error = $"found '{lit}' expected: '('";
            return null;
        }
        (tok, lit) = Lookahead(values: true);
        switch (tok)
        {
            case LabelToken.Identifier or LabelToken.Comma:
                var set = ParseIdentifiersList(out error);
                if (set is null)
                {
                    return null;
                }
                if (Consume(values: true).Token != LabelToken.ClosedPar)
                {
                    // Upstream reports the first token inside the parentheses here.
                    error = $"found '{lit}', expected: ')'";
                    return null;
                }
                return set;
            case LabelToken.ClosedPar:
                Consume(values: true);
                error = null;
                return new HashSet<string>(StringComparer.Ordinal) { "" };
            default:
                error = $"found '{lit}', expected: ',', ')' or identifier";
                return null;
        }
    }

    // A possibly empty, comma-separated list of possibly empty identifiers; stops before ")".
    private HashSet<string>? ParseIdentifiersList(out string? error)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (tok, lit) = Consume(values: true);
            switch (tok)
            {
                case LabelToken.Identifier:
                    set.Add(lit);
                    var (tok2, lit2) = Lookahead(values: true);
                    switch (tok2)
                    {
                        case LabelToken.Comma:
                            continue;
                        case LabelToken.ClosedPar:
                            error = null;
                            return set;
                        default:
                            error = $"found '{lit2}', expected: ',' or ')'";
                            return null;
                    }
                case LabelToken.Comma:
                    if (set.Count == 0)
                    {
                        set.Add(""); // "(,"
                    }
                    var next = Lookahead(values: true).Token;
                    if (next == LabelToken.ClosedPar)
                    {
                        set.Add(""); // ",)"
                        error = null;
                        return set;
                    }
                    if (next == LabelToken.Comma)
                    {
                        set.Add(""); // ",,"
                    }
                    break;
                default:
                    error = $"found '{lit}', expected: ',', or identifier";
                    return null;
            }
        }
    }

    // The single value of =, ==, !=, >, <; nothing before "," or the end means the empty string.
    private HashSet<string>? ParseExactValue(out string? error)
    {
        error = null;
        if (Lookahead(values: true).Token is LabelToken.EndOfString or LabelToken.Comma)
        {
            return new HashSet<string>(StringComparer.Ordinal) { "" };
        }
        var (tok, lit) = Consume(values: true);
        if (tok == LabelToken.Identifier)
        {
            return new HashSet<string>(StringComparer.Ordinal) { lit };
        }
        error = $"found '{lit}', expected: identifier";
        return null;
    }

    // In a values context the keywords "in" and "notin" are plain identifiers ("x in (in)").
    private ScannedItem Lookahead(bool values) => AsContext(_items[Math.Min(_position, _items.Count - 1)], values);

    // Never past the end token: upstream's grammar cannot get there, this guard keeps it so.
    private ScannedItem Consume(bool values) => AsContext(_items[Math.Min(_position++, _items.Count - 1)], values);

    private static ScannedItem AsContext(ScannedItem item, bool values) =>
        values && item.Token is LabelToken.In or LabelToken.NotIn ? item with { Token = LabelToken.Identifier } : item;
}
