using System.Text;
using k8s.Models;
using KubeRpc.Emulator.Admission.Secrets;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;

namespace KubeRpc.Emulator.Tests.Admission;

public class SecretValidationTests
{
    private const string ConfigKey = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
        + "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    private static readonly Dictionary<string, (Action<V1Secret> Mutate, string Field, string Reason, string Message)> Cases = new()
    {
        ["name not a DNS subdomain"] = (s => s.Metadata.Name = "DB_Password",
            "metadata.name", "FieldValueInvalid", "Invalid value: \"DB_Password\": " + IngressValidationCases.Subdomain),
        ["data key with a space"] = (s => s.Data["bad key"] = [1],
            "data[bad key]", "FieldValueInvalid", "Invalid value: \"bad key\": " + ConfigKey),
        ["data key is .."] = (s => s.Data[".."] = [1],
            "data[..]", "FieldValueInvalid", "Invalid value: \"..\": must not be '..'"),
        ["data key is ."] = (s => s.Data["."] = [1],
            "data[.]", "FieldValueInvalid", "Invalid value: \".\": must not be '.'"),
        ["data key starts with .."] = (s => s.Data["..hidden"] = [1],
            "data[..hidden]", "FieldValueInvalid", "Invalid value: \"..hidden\": must not start with '..'"),
        ["data key longer than 253"] = (s => s.Data[new string('k', 254)] = [1],
            "data[" + new string('k', 254) + "]", "FieldValueInvalid", "Invalid value: \"" + new string('k', 254) + "\": must be no more than 253 characters"),
        ["stringData key invalid"] = (s => s.StringData = new Dictionary<string, string> { ["a:b"] = "x" },
            "data[a:b]", "FieldValueInvalid", "Invalid value: \"a:b\": " + ConfigKey),
        ["data larger than 1 MiB"] = (s => { s.Data["a"] = new byte[600 * 1024]; s.Data["b"] = new byte[600 * 1024]; },
            "data", "FieldValueTooLong", "Too long: may not be more than 1048576 bytes"),
        ["tls without tls.key"] = (s => { s.Type = "kubernetes.io/tls"; s.Data["tls.crt"] = [1]; },
            "data[tls.key]", "FieldValueRequired", "Required value"),
        ["tls without tls.crt"] = (s => { s.Type = "kubernetes.io/tls"; s.Data["tls.key"] = [1]; },
            "data[tls.crt]", "FieldValueRequired", "Required value"),
        ["dockerconfigjson without key"] = (s => s.Type = "kubernetes.io/dockerconfigjson",
            "data[.dockerconfigjson]", "FieldValueRequired", "Required value"),
        ["dockerconfigjson not JSON"] = (s => { s.Type = "kubernetes.io/dockerconfigjson"; s.Data[".dockerconfigjson"] = Encoding.UTF8.GetBytes("x"); },
            "data[.dockerconfigjson]", "FieldValueInvalid", "Invalid value: \"<secret contents redacted>\": invalid character 'x' looking for beginning of value"),
        ["dockerconfigjson a JSON array"] = (s => { s.Type = "kubernetes.io/dockerconfigjson"; s.Data[".dockerconfigjson"] = Encoding.UTF8.GetBytes("[]"); },
            "data[.dockerconfigjson]", "FieldValueInvalid", "Invalid value: \"<secret contents redacted>\": json: cannot unmarshal array into Go value of type map[string]interface {}"),
        ["dockercfg without key"] = (s => s.Type = "kubernetes.io/dockercfg",
            "data[.dockercfg]", "FieldValueRequired", "Required value"),
        ["dockercfg truncated JSON"] = (s => { s.Type = "kubernetes.io/dockercfg"; s.Data[".dockercfg"] = Encoding.UTF8.GetBytes("{\"auths\":"); },
            "data[.dockercfg]", "FieldValueInvalid", "Invalid value: \"<secret contents redacted>\": unexpected end of JSON input"),
        ["ssh-auth with empty key"] = (s => { s.Type = "kubernetes.io/ssh-auth"; s.Data["ssh-privatekey"] = []; },
            "data[ssh-privatekey]", "FieldValueRequired", "Required value"),
        ["service-account-token without account name"] = (s => s.Type = "kubernetes.io/service-account-token",
            "metadata.annotations[kubernetes.io/service-account.name]", "FieldValueRequired", "Required value"),
    };

    private readonly SecretStrategy _strategy = new();

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    public static V1Secret Valid() => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = "default" },
        Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("s3cret") },
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValidateCreate_CaseBreakingOneRule_ReturnsExactlyThatCause(string description)
    {
        var (mutate, field, reason, message) = Cases[description];
        var secret = Valid();
        mutate(secret);
        AssertSingleError(Create(_strategy, secret).Errors, field, reason, message);
    }

    [Theory]
    [InlineData("Opaque", "password")]
    [InlineData("kubernetes.io/basic-auth", "username")]
    [InlineData("kubernetes.io/basic-auth", "password")]
    [InlineData("kubernetes.io/ssh-auth", "ssh-privatekey")]
    [InlineData("example.com/custom", "anything")]
    public void ValidateCreate_TypeWithItsKeys_HasNoErrors(string type, string key)
    {
        var secret = Valid();
        secret.Type = type;
        secret.Data = new Dictionary<string, byte[]> { [key] = [1] };
        Assert.Empty(Create(_strategy, secret).Errors);
    }

    [Fact]
    public void ValidateCreate_BasicAuthWithNeitherKey_RequiresBoth()
    {
        var secret = Valid();
        secret.Type = "kubernetes.io/basic-auth";
        secret.Data = new Dictionary<string, byte[]> { ["token"] = [1] };
        var errors = Create(_strategy, secret).Errors;
        Assert.Equal(["data[username]: Required value", "data[password]: Required value"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateCreate_TlsWithoutData_RequiresCertThenKey()
    {
        var secret = Valid();
        secret.Type = "kubernetes.io/tls";
        secret.Data = null;
        var errors = Create(_strategy, secret).Errors;
        Assert.Equal(["data[tls.crt]: Required value", "data[tls.key]: Required value"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateCreate_ValidDockerConfigAndAccountToken_HaveNoErrors()
    {
        var docker = Valid();
        docker.Type = "kubernetes.io/dockerconfigjson";
        docker.StringData = new Dictionary<string, string> { [".dockerconfigjson"] = "{\"auths\":{\"r.io\":{\"auth\":\"eDp5\"}}}" };
        Assert.Empty(Create(_strategy, docker).Errors);

        var token = Valid();
        token.Type = "kubernetes.io/service-account-token";
        token.Metadata.Annotations = new Dictionary<string, string> { ["kubernetes.io/service-account.name"] = "default" };
        Assert.Empty(Create(_strategy, token).Errors);
    }

    [Fact]
    public void ValidateCreate_ExactlyOneMebibyte_IsAllowed()
    {
        var secret = Valid();
        secret.Data = new Dictionary<string, byte[]> { ["a"] = new byte[1024 * 1024] };
        Assert.Empty(Create(_strategy, secret).Errors);
    }

    [Fact]
    public void ValidateUpdate_TypeChanged_IsImmutable()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Type = "example.com/custom";
        AssertSingleError(Update(_strategy, changed, stored).Errors,
            "type", "FieldValueInvalid", "Invalid value: \"example.com/custom\": field is immutable");
    }

    [Fact]
    public void ValidateUpdate_ImmutableSecretDataChanged_IsForbidden()
    {
        var secret = Valid();
        secret.Immutable = true;
        var stored = Stored(_strategy, secret);
        var changed = Copy(stored);
        changed.StringData = new Dictionary<string, string> { ["password"] = "other" };
        AssertSingleError(Update(_strategy, changed, stored).Errors,
            "data", "FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set");
    }

    [Fact]
    public void ValidateUpdate_ImmutableUnset_IsForbidden()
    {
        var secret = Valid();
        secret.Immutable = true;
        var stored = Stored(_strategy, secret);
        var changed = Copy(stored);
        changed.Immutable = false;
        AssertSingleError(Update(_strategy, changed, stored).Errors,
            "immutable", "FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set");
    }

    [Fact]
    public void ValidateUpdate_ImmutableSecretLabelsChanged_IsAllowed()
    {
        var secret = Valid();
        secret.Immutable = true;
        var stored = Stored(_strategy, secret);
        var changed = Copy(stored);
        changed.Metadata.Labels = new Dictionary<string, string> { ["app"] = "db" };
        Assert.Empty(Update(_strategy, changed, stored).Errors);
    }

    [Fact]
    public void ValidateUpdate_MutableSecretBecomesImmutable_IsAllowed()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Immutable = true;
        changed.Data["password"] = [9];
        Assert.Empty(Update(_strategy, changed, stored).Errors);
    }
}
