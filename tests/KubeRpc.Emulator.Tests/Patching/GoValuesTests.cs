using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching;

public class GoValuesTests
{
    [Theory]
    [InlineData(80.0, "80")]
    [InlineData(1.5, "1.5")]
    [InlineData(123456.0, "123456")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(1e21, "1e+21")]
    public void FormatFloat_MatchesFmtPercentV(double value, string expected) => Assert.Equal(expected, GoValues.FormatFloat(value));

    [Theory]
    [InlineData("""{"b":1,"a":"x","c":{"z":null,"y":[1,2.5,true]}}""", "map[a:x b:1 c:map[y:[1 2.5 true] z:<nil>]]")]
    [InlineData("""["a",1e2]""", "[a 100]")]
    public void Format_PrintsLikeFmt(string json, string expected) => Assert.Equal(expected, GoValues.Format(Json.Parse(json)));

    [Theory]
    [InlineData("80", "80", true)]
    [InlineData("80", "80.0", false)]
    [InlineData("80.0", "8e1", true)]
    [InlineData("\"80\"", "80", false)]
    [InlineData("true", "true", true)]
    public void ScalarEquals_ComparesLikeGoInterfaceEquality(string a, string b, bool equal) =>
        Assert.Equal(equal, GoValues.ScalarEquals(Json.Parse(a), Json.Parse(b)));

    [Theory]
    [InlineData("1", "Int64")]
    [InlineData("-9223372036854775808", "Int64")]
    [InlineData("9223372036854775808", "Float64")]
    [InlineData("1.0", "Float64")]
    [InlineData("\"s\"", "String")]
    [InlineData("{}", "Map")]
    [InlineData("[]", "Slice")]
    public void KindOf_PreservesIntegers(string json, string kind) => Assert.Equal(kind, GoValues.KindOf(Json.Parse(json)).ToString());
}
