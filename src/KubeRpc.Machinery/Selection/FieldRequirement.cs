namespace KubeRpc.Machinery.Selection;

/// <summary>One term of a field selector: a field label, an operator and the unescaped value.</summary>
/// <param name="Field">The field label as written, e.g. <c>metadata.name</c>; not validated here.</param>
/// <param name="Operator">Equality or inequality.</param>
/// <param name="Value">The value with <c>\\</c>, <c>\,</c> and <c>\=</c> escapes removed.</param>
public sealed record FieldRequirement(string Field, FieldOperator Operator, string Value)
{
    /// <summary>True when the field's value (null meaning the empty string, as upstream's <c>Fields.Get</c>) satisfies the term.</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        var actual = fieldValue(Field) ?? "";
        return Operator == FieldOperator.Equals ? actual == Value : actual != Value;
    }

    /// <summary>The term as upstream prints it: <c>field=value</c> or <c>field!=value</c>, the value re-escaped.</summary>
    public override string ToString() =>
        Field + (Operator == FieldOperator.Equals ? "=" : "!=") + FieldSelectorSyntax.EscapeValue(Value);
}
