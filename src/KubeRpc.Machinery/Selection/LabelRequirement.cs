using System.Globalization;
using System.Text;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Machinery.Selection;

/// <summary>
/// One requirement of a label selector (apimachinery <c>labels.Requirement</c>): a key, an operator and,
/// for the binary operators, the values (sorted ordinally and de-duplicated, as the parser builds them; matching
/// relies on the order).
/// </summary>
public sealed class LabelRequirement
{
    private LabelRequirement(string key, LabelOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    /// <summary>The label key.</summary>
    public string Key { get; }

    /// <summary>The operator.</summary>
    public LabelOperator Operator { get; }

    /// <summary>The values; empty for <see cref="LabelOperator.Exists"/> and <see cref="LabelOperator.DoesNotExist"/>.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>True when <paramref name="labels"/> satisfies this requirement; absent keys satisfy <c>!=</c> and <c>notin</c>.</summary>
    public bool Matches(IDictionary<string, string>? labels)
    {
        string? value = null;
        var exists = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case LabelOperator.In or LabelOperator.Equals or LabelOperator.DoubleEquals:
                return exists && HasValue(value!);
            case LabelOperator.NotIn or LabelOperator.NotEquals:
                return !exists || !HasValue(value!);
            case LabelOperator.Exists:
                return exists;
            case LabelOperator.DoesNotExist:
                return !exists;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                // A label that is not an int64 never matches, as strconv.ParseInt failing does upstream.
                if (!exists || !TryParseInt64(value!, out var labelValue) || Values.Count != 1
                    || !TryParseInt64(Values[0], out var bound))
                {
                    return false;
                }
                return Operator == LabelOperator.GreaterThan ? labelValue > bound : labelValue < bound;
            default:
                return false;
        }
    }

    /// <summary>Whether <paramref name="value"/> is one of <see cref="Values"/>, which the parser sorts: a binary search.</summary>
    private bool HasValue(string value)
    {
        int low = 0, high = Values.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(Values[middle], value);
            if (order == 0)
            {
                return true;
            }
            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return false;
    }

    /// <summary>The requirement as the selector syntax writes it, e.g. <c>!k</c>, <c>k!=v</c>, <c>k in (a,b)</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Operator == LabelOperator.DoesNotExist)
        {
            sb.Append('!');
        }
        sb.Append(Key);
        switch (Operator)
        {
            case LabelOperator.Exists or LabelOperator.DoesNotExist:
                return sb.ToString();
            case LabelOperator.In or LabelOperator.NotIn:
                var sorted = Values.ToList();
                sorted.Sort(string.CompareOrdinal);
                return sb.Append(Operator == LabelOperator.In ? " in (" : " notin (").AppendJoin(",", sorted).Append(')').ToString();
            default:
                return sb.Append(OperatorText(Operator)).Append(Values.Count > 0 ? Values[0] : "").ToString();
        }
    }

    /// <summary>
    /// <c>labels.NewRequirement</c>: builds the requirement or returns the aggregated <c>field.Error</c> text.
    /// The key itself is validated by the parser before this point, so only operator/value errors arise here.
    /// </summary>
    internal static LabelRequirement? Create(string key, LabelOperator op, IReadOnlyList<string> values, out string? error)
    {
        var errors = new List<string>();
        var keyErrors = NameValidation.IsQualifiedName(key);
        if (keyErrors.Count > 0)
        {
            errors.Add(FieldError.Invalid("key", key, string.Join("; ", keyErrors)).ToString());
        }
        switch (op)
        {
            case LabelOperator.In or LabelOperator.NotIn when values.Count == 0:
                errors.Add(FieldError.Invalid("values", new GoStringSlice(values), "for 'in', 'notin' operators, values set can't be empty").ToString());
                break;
            case LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.NotEquals when values.Count != 1:
                errors.Add(FieldError.Invalid("values", new GoStringSlice(values), "exact-match compatibility requires one single value").ToString());
                break;
            case LabelOperator.Exists or LabelOperator.DoesNotExist when values.Count != 0:
                errors.Add(FieldError.Invalid("values", new GoStringSlice(values), "values set must be empty for exists and does not exist").ToString());
                break;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (values.Count != 1)
                {
                    errors.Add(FieldError.Invalid("values", new GoStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required").ToString());
                }
                for (var i = 0; i < values.Count; i++)
                {
                    if (!TryParseInt64(values[i], out _))
                    {
                        errors.Add(FieldError.Invalid(Index("values", i), values[i], "for 'Gt', 'Lt' operators, the value must be an integer").ToString());
                    }
                }
                break;
        }
        for (var i = 0; i < values.Count; i++)
        {
            var valueErrors = NameValidation.IsValidLabelValue(values[i]);
            if (valueErrors.Count > 0)
            {
                errors.Add(FieldError.Invalid(Index("values", i) + "[" + key + "]", values[i], string.Join("; ", valueErrors)).ToString());
            }
        }
        error = errors.Count == 0 ? null : Aggregate(errors);
        return error is null ? new LabelRequirement(key, op, values) : null;
    }

    /// <summary>The operator as <c>Requirement.String()</c> writes it.</summary>
    internal static string OperatorText(LabelOperator op) => op switch
    {
        LabelOperator.Exists => "exists",
        LabelOperator.DoesNotExist => "!",
        LabelOperator.Equals => "=",
        LabelOperator.DoubleEquals => "==",
        LabelOperator.NotEquals => "!=",
        LabelOperator.In => "in",
        LabelOperator.NotIn => "notin",
        LabelOperator.GreaterThan => ">",
        LabelOperator.LessThan => "<",
        _ => "",
    };

    // utilerrors aggregate: one error alone, several de-duplicated in brackets.
    private static string Aggregate(List<string> errors)
    {
        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }

    private static string Index(string path, int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";

    // strconv.ParseInt(s, 10, 64): optional sign, ASCII digits only, no spaces.
    private static bool TryParseInt64(string s, out long value) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    // A []string printed as Go's %#v prints it in field.Error: []string{"a", "b"}.
    private sealed class GoStringSlice(IReadOnlyList<string> values)
    {
        public override string ToString() =>
            values.Count == 0 ? "[]string{}" : "[]string{" + string.Join(", ", values.Select(FieldError.Quote)) + "}";
    }
}
