using k8s.Models;
using KubeRpc.Emulator.Admission.ConfigMaps;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;
using static KubeRpc.Emulator.Tests.Admission.ServiceValidationCases;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>ConfigMap validation (k/k <c>ValidateConfigMap</c>, <c>ValidateConfigMapUpdate</c>, release-1.32).</summary>
public class ConfigMapValidationTests
{
    private const string ConfigKey = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
        + "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    private const string ImmutableWhenSet = "Forbidden: field is immutable when `immutable` is set";

    private static readonly Dictionary<string, (Action<V1ConfigMap> Mutate, string Field, string Reason, string Message)> Cases = new()
    {
        ["name not a DNS subdomain"] = (c => c.Metadata.Name = "App_Config",
            "metadata.name", Invalid, "Invalid value: \"App_Config\": " + Dns1123SubdomainMessage),
        ["data key with a slash"] = (c => c.Data["a/b"] = "x",
            "data[a/b]", Invalid, "Invalid value: \"a/b\": " + ConfigKey),
        ["data key is .."] = (c => c.Data[".."] = "x",
            "data[..]", Invalid, "Invalid value: \"..\": must not be '..'"),
        ["binaryData key with a space"] = (c => c.BinaryData = new Dictionary<string, byte[]> { ["a b"] = [1] },
            "binaryData[a b]", Invalid, "Invalid value: \"a b\": " + ConfigKey),
        ["key in both maps"] = (c => c.BinaryData = new Dictionary<string, byte[]> { ["mode"] = [1] },
            "data[mode]", Invalid, "Invalid value: \"mode\": duplicate of key present in binaryData"),
        ["more than 1 MiB"] = (c => { c.Data["a"] = new string('x', 600 * 1024); c.BinaryData = new Dictionary<string, byte[]> { ["b"] = new byte[600 * 1024] }; },
            "", "FieldValueTooLong", "Too long: may not be more than 1048576 bytes"),
    };

    private readonly ConfigMapStrategy _strategy = new();

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    public static V1ConfigMap Valid() => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = "default" },
        Data = new Dictionary<string, string> { ["mode"] = "fast" },
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValidateCreate_CaseBreakingOneRule_ReturnsExactlyThatCause(string description)
    {
        var (mutate, field, reason, message) = Cases[description];
        var configMap = Valid();
        mutate(configMap);

        AssertSingleError(Create(_strategy, configMap).Errors, field, reason, message);
    }

    [Fact]
    public void Create_Valid_NoErrorsNoDefaultsNoGeneration()
    {
        var result = Create(_strategy, Valid());

        Assert.Empty(result.Errors);
        Assert.Null(result.Object.Metadata.Generation);
        Assert.Null(result.Object.Immutable);
    }

    [Fact]
    public void ValidateUpdate_ImmutableConfigMapChanged_DataAndFlagForbidden()
    {
        var original = Valid();
        original.Immutable = true;
        var stored = Stored(_strategy, original);
        var changed = Copy(stored);
        changed.Data["mode"] = "slow";
        changed.Immutable = false;

        Assert.Equal(["immutable: " + ImmutableWhenSet, "data: " + ImmutableWhenSet], Update(_strategy, changed, stored).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateUpdate_MutableConfigMapChanged_HasNoErrors()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Data["mode"] = "slow";
        changed.Immutable = true;

        Assert.Empty(Update(_strategy, changed, stored).Errors);
    }
}
