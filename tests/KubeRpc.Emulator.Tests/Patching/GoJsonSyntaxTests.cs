using System.Text;
using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching;

public class GoJsonSyntaxTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData(" [1, -0.5e+10, true, false, null, \"\\u00e9\\n\"] ")]
    [InlineData("{\"a\":{\"b\":[{}]}}")]
    [InlineData("0")]
    [InlineData("\"x\"")]
    public void Check_ValidJson_ReturnsNull(string text) => Assert.Null(GoJsonSyntax.Check(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("   ", "unexpected end of JSON input")]
    [InlineData("{", "unexpected end of JSON input")]
    [InlineData("\"abc", "unexpected end of JSON input")]
    [InlineData("tru", "invalid character ' ' in literal true (expecting 'e')")]
    [InlineData("nul", "invalid character ' ' in literal null (expecting 'l')")]
    [InlineData("fx", "invalid character 'x' in literal false (expecting 'a')")]
    [InlineData("-", "invalid character ' ' in numeric literal")]
    [InlineData("1.", "invalid character ' ' after decimal point in numeric literal")]
    [InlineData("1e", "invalid character ' ' in exponent of numeric literal")]
    [InlineData("01", "invalid character '1' after top-level value")]
    [InlineData("{}x", "invalid character 'x' after top-level value")]
    [InlineData("{\"a\" 1}", "invalid character '1' after object key")]
    [InlineData("{\"a\":1 \"b\"}", "invalid character '\"' after object key:value pair")]
    [InlineData("{1:2}", "invalid character '1' looking for beginning of object key string")]
    [InlineData("{\"a\":1,}", "invalid character '}' looking for beginning of object key string")]
    [InlineData("[1,]", "invalid character ']' looking for beginning of value")]
    [InlineData("[1 2]", "invalid character '2' after array element")]
    [InlineData("\"\\x\"", "invalid character 'x' in string escape code")]
    [InlineData("\"\\u12g4\"", "invalid character 'g' in \\u hexadecimal character escape")]
    [InlineData("\"a\nb\"", "invalid character '\\n' in string literal")]
    [InlineData("'a'", "invalid character '\\'' looking for beginning of value")]
    [InlineData("\u00e9", "invalid character 'Ã' looking for beginning of value")]
    [InlineData("\t\u0001", "invalid character '\\x01' looking for beginning of value")]
    public void Check_InvalidJson_ReturnsGoMessage(string text, string message) =>
        Assert.Equal(message, GoJsonSyntax.Check(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData(0xa0, "'\\u00a0'")]
    [InlineData(0x85, "'\\u0085'")]
    [InlineData(0x7f, "'\\x7f'")]
    [InlineData((byte)'"', "'\"'")]
    [InlineData((byte)'\\', "'\\\\'")]
    [InlineData(0xe9, "'é'")]
    public void QuoteChar_QuotesLikeGo(byte c, string expected) => Assert.Equal(expected, GoJsonSyntax.QuoteChar(c));
}
