using KubeRpc.Machinery.Selection;

namespace KubeRpc.Emulator.Tests.Selection;

public class FieldSelectorTests
{
    private static Func<string, string?> Fields(params (string Field, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Field, v => v.Value);
        return f => map.TryGetValue(f, out var v) ? v : null;
    }

    private static string ParseError(string text) =>
        Assert.Throws<SelectorSyntaxException>(() => FieldSelector.Parse(text)).Message;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(",")]
    [InlineData("=")]
    [InlineData("==,=")]
    public void Parse_NothingSelected_IsEmpty(string? text)
    {
        var selector = FieldSelector.Parse(text);
        Assert.True(selector.IsEmpty);
        Assert.Empty(selector.Fields);
        Assert.True(selector.Matches(_ => "anything"));
    }

    [Theory]
    [InlineData("metadata.name=web", FieldOperator.Equals, "web")]
    [InlineData("metadata.name==web", FieldOperator.Equals, "web")]
    [InlineData("metadata.name!=web", FieldOperator.NotEquals, "web")]
    [InlineData("metadata.name=", FieldOperator.Equals, "")]
    public void Parse_Operators_OneRequirement(string text, FieldOperator op, string value)
    {
        var r = Assert.Single(FieldSelector.Parse(text).Requirements);
        Assert.Equal(new FieldRequirement("metadata.name", op, value), r);
    }

    [Fact]
    public void Parse_SeveralTerms_SortedAndFieldsListed()
    {
        var selector = FieldSelector.Parse("spec.type=ClusterIP,metadata.namespace!=kube-system,metadata.name=web");
        Assert.Equal(["metadata.name", "metadata.namespace", "spec.type"], selector.Fields);
        Assert.Equal("metadata.name=web,metadata.namespace!=kube-system,spec.type=ClusterIP", selector.ToString());
    }

    [Fact]
    public void Parse_FieldUsedTwice_ListedOnce()
    {
        Assert.Equal(["metadata.name"], FieldSelector.Parse("metadata.name!=a,metadata.name!=b").Fields);
    }

    [Fact]
    public void Parse_UnknownFieldName_NotRejectedHere()
    {
        Assert.Equal(["spec.bogus"], FieldSelector.Parse("spec.bogus=x").Fields);
    }

    [Fact]
    public void Parse_EmptyFieldWithValue_KeptSoServerCanReject()
    {
        Assert.Equal([""], FieldSelector.Parse("=x").Fields);
    }

    [Fact]
    public void Parse_EscapedCommaAndEquals_PartOfValue()
    {
        var r = Assert.Single(FieldSelector.Parse(@"metadata.name=a\,b\=c\\d").Requirements);
        Assert.Equal(@"a,b=c\d", r.Value);
        Assert.Equal(@"metadata.name=a\,b\=c\\d", r.ToString());
    }

    [Fact]
    public void Parse_NotEqualsWinsOverEquals_AtSamePosition()
    {
        var r = Assert.Single(FieldSelector.Parse("a!=b").Requirements);
        Assert.Equal(("a", FieldOperator.NotEquals, "b"), (r.Field, r.Operator, r.Value));
    }

    [Fact]
    public void Parse_FirstOperatorSplits_FieldMayNotContainOne()
    {
        // "a=b!=c" splits at the first "=", leaving "b!=c", whose bare "=" is rejected.
        Assert.Equal("invalid field selector: unescaped character in value: 61", ParseError("a=b!=c"));
    }

    [Fact]
    public void Parse_NoOperator_CantUnderstandMessage()
    {
        Assert.Equal("invalid selector: 'metadata.name=a,bogus'; can't understand 'bogus'", ParseError("metadata.name=a,bogus"));
    }

    [Fact]
    public void Parse_UnknownEscape_InvalidEscapeSequence()
    {
        Assert.Equal(@"invalid field selector: invalid escape sequence: \x", ParseError(@"a=b\x"));
    }

    [Fact]
    public void Parse_TrailingBackslash_InvalidEscapeSequence()
    {
        Assert.Equal(@"invalid field selector: invalid escape sequence: \", ParseError(@"a=b\"));
    }

    [Fact]
    public void Parse_BareEquals_UnescapedRuneAsNumber()
    {
        Assert.Equal("invalid field selector: unescaped character in value: 61", ParseError("a==="));
    }

    [Fact]
    public void Matches_EqualsAndNotEquals_AllMustHold()
    {
        var selector = FieldSelector.Parse("metadata.name=web,metadata.namespace!=kube-system");
        Assert.True(selector.Matches(Fields(("metadata.name", "web"), ("metadata.namespace", "default"))));
        Assert.False(selector.Matches(Fields(("metadata.name", "web"), ("metadata.namespace", "kube-system"))));
        Assert.False(selector.Matches(Fields(("metadata.name", "api"), ("metadata.namespace", "default"))));
    }

    [Fact]
    public void Matches_MissingField_TreatedAsEmptyString()
    {
        Assert.True(FieldSelector.Parse("spec.type=").Matches(Fields()));
        Assert.True(FieldSelector.Parse("spec.type!=ClusterIP").Matches(Fields()));
        Assert.False(FieldSelector.Parse("spec.type=ClusterIP").Matches(Fields()));
    }

    [Fact]
    public void TryGetExactMatch_EqualsTerm_ReturnsValue()
    {
        var selector = FieldSelector.Parse("metadata.name=web,metadata.namespace!=x");
        Assert.True(selector.TryGetExactMatch("metadata.name", out var value));
        Assert.Equal("web", value);
        Assert.False(selector.TryGetExactMatch("metadata.namespace", out _));
    }
}
