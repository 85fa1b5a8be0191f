using System.Text;
using k8s;
using KubeRpc.Emulator.Admission.Secrets;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;

namespace KubeRpc.Emulator.Tests.Admission;

public class SecretStrategyTests
{
    private readonly SecretStrategy _strategy = new();

    [Fact]
    public void Create_NoType_DefaultsToOpaque()
    {
        var secret = SecretValidationTests.Valid();
        secret.Type = null;
        Assert.Equal("Opaque", Create(_strategy, secret).Object.Type);
    }

    [Fact]
    public void Create_StringData_IsMergedIntoDataOverridingAndNotStored()
    {
        var secret = SecretValidationTests.Valid();
        secret.Data["user"] = Encoding.UTF8.GetBytes("old");
        secret.StringData = new Dictionary<string, string> { ["user"] = "admin", ["note"] = "héllo" };

        var created = Create(_strategy, secret).Object;

        Assert.Null(created.StringData);
        Assert.Equal("admin", Encoding.UTF8.GetString(created.Data["user"]));
        Assert.Equal("héllo", Encoding.UTF8.GetString(created.Data["note"]));
        Assert.Equal("s3cret", Encoding.UTF8.GetString(created.Data["password"]));
        Assert.DoesNotContain("stringData", KubernetesJson.Serialize(created), StringComparison.Ordinal);
    }

    [Fact]
    public void Update_StringData_IsMergedIntoData()
    {
        var stored = Stored(_strategy, SecretValidationTests.Valid());
        var changed = Copy(stored);
        changed.StringData = new Dictionary<string, string> { ["password"] = "rotated" };

        var updated = Update(_strategy, changed, stored);

        Assert.Empty(updated.Errors);
        Assert.Null(updated.Object.StringData);
        Assert.Equal("rotated", Encoding.UTF8.GetString(updated.Object.Data["password"]));
    }

    [Fact]
    public void Create_TlsFromStringData_SatisfiesRequiredKeys()
    {
        var secret = SecretValidationTests.Valid();
        secret.Type = "kubernetes.io/tls";
        secret.StringData = new Dictionary<string, string> { ["tls.crt"] = "cert", ["tls.key"] = "key" };
        Assert.Empty(Create(_strategy, secret).Errors);
    }

    [Fact]
    public void Create_Secret_HasNoGeneration()
    {
        Assert.Null(Create(_strategy, SecretValidationTests.Valid()).Object.Metadata.Generation);
    }

    [Theory]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("  ", "unexpected end of JSON input")]
    [InlineData("{}", null)]
    [InlineData("null", null)]
    [InlineData("{\"a\":[1,2.5e-3,true,null,\"\\u00e9\"]}", null)]
    [InlineData("\"s\"", "json: cannot unmarshal string into Go value of type map[string]interface {}")]
    [InlineData("12", "json: cannot unmarshal number into Go value of type map[string]interface {}")]
    [InlineData("true", "json: cannot unmarshal bool into Go value of type map[string]interface {}")]
    [InlineData("{} x", "invalid character 'x' after top-level value")]
    [InlineData("{a}", "invalid character 'a' looking for beginning of object key string")]
    [InlineData("{\"a\" 1}", "invalid character '1' after object key")]
    [InlineData("{\"a\":1 \"b\":2}", "invalid character '\"' after object key:value pair")]
    [InlineData("{\"a\":}", "invalid character '}' looking for beginning of value")]
    [InlineData("[1 2]", "invalid character '2' after array element")]
    [InlineData("nul", "unexpected end of JSON input")]
    [InlineData("nope", "invalid character 'o' in literal null (expecting 'u')")]
    [InlineData("{\"a\":01}", "invalid character '1' after object key:value pair")]
    [InlineData("{\"a\":1.}", "invalid character '}' after decimal point in numeric literal")]
    [InlineData("{\"a\":-}", "invalid character '}' in numeric literal")]
    [InlineData("{\"a\":1e}", "invalid character '}' in exponent of numeric literal")]
    [InlineData("{\"a\":\"\\q\"}", "invalid character 'q' in string escape code")]
    [InlineData("{\"a\":\"\\u12g4\"}", "invalid character 'g' in \\u hexadecimal character escape")]
    [InlineData("{\"a\":\"\t\"}", "invalid character '\\t' in string literal")]
    [InlineData("'", "invalid character '\\'' looking for beginning of value")]
    public void GoJsonCheck_Input_ReportsWhatGoReports(string json, string? expected)
    {
        Assert.Equal(expected, GoJsonCheck.UnmarshalIntoMapError(Encoding.UTF8.GetBytes(json)));
    }
}
