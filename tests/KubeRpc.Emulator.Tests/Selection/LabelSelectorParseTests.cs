using KubeRpc.Machinery.Selection;

namespace KubeRpc.Emulator.Tests.Selection;

/// <summary>Parse errors; every expected message was produced by kubectl 1.32's own labels.Parse.</summary>
public class LabelSelectorParseTests
{
    private const string QualifiedNameHelp =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string LabelValueHelp =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private static string ParseError(string text) =>
        Assert.Throws<SelectorSyntaxException>(() => LabelSelector.Parse(text)).Message;

    [Theory]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("k!", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("k gt 1", "unable to parse requirement: found 'gt', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("k in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'")]
    [InlineData("k in a", "unable to parse requirement: found 'a' expected: '('")]
    [InlineData("k notin", "unable to parse requirement: found '' expected: '('")]
    [InlineData("k in (a,", "unable to parse requirement: found '', expected: ',', or identifier")]
    [InlineData("x=(y)", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("=v", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("a,", "found '', expected: identifier after ','")]
    [InlineData("k=v,,", "found ',', expected: identifier after ','")]
    [InlineData("!k=v", "found '=', expected: ',' or 'end of string'")]
    [InlineData("k=a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData("k in (a)b", "found 'b', expected: ',' or 'end of string'")]
    public void Parse_SyntaxError_UpstreamMessage(string text, string expected)
    {
        Assert.Equal(expected, ParseError(text));
    }

    [Fact]
    public void Parse_KeyStartingWithDash_NilPathInvalidValue()
    {
        Assert.Equal("unable to parse requirement: <nil>: Invalid value: \"-bad\": name part " + QualifiedNameHelp, ParseError("-bad"));
    }

    [Fact]
    public void Parse_KeyWithTwoSlashes_QualifiedNameMessage()
    {
        Assert.Equal("unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name " + QualifiedNameHelp
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')", ParseError("a/b/c"));
    }

    [Fact]
    public void Parse_EmptyPrefix_PrefixNonEmptyMessage()
    {
        Assert.Equal("unable to parse requirement: <nil>: Invalid value: \"/b\": prefix part must be non-empty", ParseError("/b"));
    }

    [Fact]
    public void Parse_UppercasePrefix_Rfc1123Message()
    {
        Assert.Equal("unable to parse requirement: <nil>: Invalid value: \"Ex.com/b\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ParseError("Ex.com/b"));
    }

    [Fact]
    public void Parse_KeyTooLong_MaxLengthMessage()
    {
        var key = new string('a', 64);
        Assert.Equal($"unable to parse requirement: <nil>: Invalid value: \"{key}\": name part must be no more than 63 characters", ParseError(key));
    }

    [Fact]
    public void Parse_InvalidValue_ValuesPathWithKey()
    {
        Assert.Equal("unable to parse requirement: values[0][k]: Invalid value: \"-v\": " + LabelValueHelp, ParseError("k=-v"));
    }

    [Fact]
    public void Parse_ValueTooLong_MaxLengthMessage()
    {
        var value = new string('a', 64);
        Assert.Equal($"unable to parse requirement: values[0][k]: Invalid value: \"{value}\": must be no more than 63 characters", ParseError("k=" + value));
    }

    [Fact]
    public void Parse_SeveralInvalidValues_AggregatedInSortedIndexOrder()
    {
        // Values are sorted before validation: ["-b", "a", "c-"], so the bad ones are at 0 and 2.
        Assert.Equal("unable to parse requirement: [values[0][k]: Invalid value: \"-b\": " + LabelValueHelp
            + ", values[2][k]: Invalid value: \"c-\": " + LabelValueHelp + "]", ParseError("k in (a,-b,c-)"));
    }

    [Fact]
    public void Parse_GreaterThanNonInteger_GtLtMessage()
    {
        Assert.Equal("unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer", ParseError("k>a"));
    }

    [Fact]
    public void Parse_GreaterThanNegative_RejectedAsLabelValue()
    {
        Assert.Equal("unable to parse requirement: values[0][num]: Invalid value: \"-1\": " + LabelValueHelp, ParseError("num>-1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Parse_NothingToParse_EmptySelector(string? text)
    {
        var selector = LabelSelector.Parse(text);
        Assert.True(selector.IsEmpty);
        Assert.Equal("", selector.ToString());
    }

    [Theory]
    [InlineData("app", "app")]
    [InlineData("!app", "!app")]
    [InlineData("app=web", "app=web")]
    [InlineData("app==web", "app==web")]
    [InlineData("app!=web", "app!=web")]
    [InlineData("app=", "app=")]
    [InlineData("  app  in  ( web , db )  ", "app in (db,web)")]
    [InlineData("app notin (b,a,b)", "app notin (a,b)")]
    [InlineData("app in ()", "app in ()")]
    [InlineData("app in (,)", "app in ()")]
    [InlineData("app in (a,,b)", "app in (,a,b)")]
    [InlineData("tier=fe,app=web,!canary", "app=web,!canary,tier=fe")]
    [InlineData("num>4", "num>4")]
    [InlineData("num<10", "num<10")]
    [InlineData("example.com/app=x", "example.com/app=x")]
    [InlineData("in in (in,notin)", "in in (in,notin)")]
    public void Parse_Valid_CanonicalString(string text, string expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(text).ToString());
    }

    [Fact]
    public void Parse_Requirements_SortedByKeyWithOperatorsAndValues()
    {
        var selector = LabelSelector.Parse("z notin (b,a), a!=x, m");
        Assert.Equal(["a", "m", "z"], selector.Requirements.Select(r => r.Key));
        Assert.Equal([LabelOperator.NotEquals, LabelOperator.Exists, LabelOperator.NotIn], selector.Requirements.Select(r => r.Operator));
        Assert.Equal(["a", "b"], selector.Requirements[2].Values);
        Assert.Empty(selector.Requirements[1].Values);
    }
}
