using k8s.Models;
using KubeRpc.Emulator.Admission.Namespaces;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;

namespace KubeRpc.Emulator.Tests.Admission;

public class NamespaceValidationTests
{
    private const string Dns1123Label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
        + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string NotStandard = "name is neither a standard finalizer name nor is it fully qualified";

    private const string QualifiedName = "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and "
        + "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";

    private static readonly Dictionary<string, (Action<V1Namespace> Mutate, string Field, string Reason, string Message)> Cases = new()
    {
        ["name not a DNS label"] = (n => n.Metadata.Name = "team_a",
            "metadata.name", "FieldValueInvalid", "Invalid value: \"team_a\": " + Dns1123Label),
        ["name a DNS subdomain but not a label"] = (n => n.Metadata.Name = "team.a",
            "metadata.name", "FieldValueInvalid", "Invalid value: \"team.a\": must not contain dots"),
        ["name missing"] = (n => n.Metadata.Name = null,
            "metadata.name", "FieldValueRequired", "Required value: name or generateName is required"),
        ["spec finalizer not standard"] = (n => n.Spec = new V1NamespaceSpec { Finalizers = ["example"] },
            "spec.finalizers", "FieldValueInvalid", "Invalid value: \"example\": " + NotStandard),
        ["spec finalizer not a qualified name"] = (n => n.Spec = new V1NamespaceSpec { Finalizers = ["a/b/c"] },
            "spec.finalizers", "FieldValueInvalid", "Invalid value: \"a/b/c\": " + QualifiedName),
        ["metadata finalizer not standard"] = (n => n.Metadata.Finalizers = ["custom"],
            "metadata.finalizers[0]", "FieldValueInvalid", "Invalid value: \"custom\": " + NotStandard),
    };

    private readonly NamespaceStrategy _strategy = new();

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    public static V1Namespace Valid() => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = "team-a" },
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValidateCreate_CaseBreakingOneRule_ReturnsExactlyThatCause(string description)
    {
        var (mutate, field, reason, message) = Cases[description];
        var ns = Valid();
        mutate(ns);
        AssertSingleError(Create(_strategy, ns).Errors, field, reason, message);
    }

    [Fact]
    public void ValidateCreate_NameLongerThan63_AlsoBreaksTheNameLabel()
    {
        // The defaulted kubernetes.io/metadata.name label carries the name, so kube-apiserver reports both.
        var ns = Valid();
        ns.Metadata.Name = new string('a', 64);
        var errors = Create(_strategy, ns).Errors;
        Assert.Equal(
            [
                "metadata.name: Invalid value: \"" + ns.Metadata.Name + "\": must be no more than 63 characters",
                "metadata.labels: Invalid value: \"" + ns.Metadata.Name + "\": must be no more than 63 characters",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateCreate_StandardAndQualifiedFinalizers_HaveNoErrors()
    {
        var ns = Valid();
        ns.Spec = new V1NamespaceSpec { Finalizers = ["kubernetes", "example.com/cleanup"] };
        ns.Metadata.Finalizers = ["orphan", "example.com/guard"];
        Assert.Empty(Create(_strategy, ns).Errors);
    }

    [Fact]
    public void ValidateName_GenerateNamePrefix_AllowsTrailingDash()
    {
        Assert.Empty(_strategy.ValidateName("team-", true));
        Assert.NotEmpty(_strategy.ValidateName("team-", false));
    }

    [Fact]
    public void ValidateStatusUpdate_TerminatingWithoutDeletion_IsInvalid()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Status.Phase = "Terminating";
        AssertSingleError(UpdateStatus(_strategy, changed, stored).Errors,
            "status.Phase", "FieldValueInvalid", "Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty");
    }

    [Fact]
    public void ValidateStatusUpdate_ActiveWhileDeleting_IsInvalid()
    {
        var stored = Stored(_strategy, Valid());
        stored.Metadata.DeletionTimestamp = new DateTime(2026, 1, 3, 0, 0, 0, DateTimeKind.Utc);
        stored.Metadata.DeletionGracePeriodSeconds = 0;
        var changed = Copy(stored);
        AssertSingleError(UpdateStatus(_strategy, changed, stored).Errors,
            "status.Phase", "FieldValueInvalid", "Invalid value: \"Active\": may only be 'Terminating' if `deletionTimestamp` is not empty");

        changed.Status.Phase = "Terminating";
        Assert.Empty(UpdateStatus(_strategy, changed, stored).Errors);
    }

    [Fact]
    public void ValidateFinalize_NonStandardFinalizer_IsReportedWithItsIndex()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Spec.Finalizers = ["kubernetes", "example"];
        _strategy.PrepareForFinalize(changed, stored);
        var errors = _strategy.ValidateFinalize(changed, stored, Context()).ToList();
        AssertSingleError(errors, "spec.finalizers[1]", "FieldValueInvalid", "Invalid value: \"example\": " + NotStandard);
    }

    [Fact]
    public void ValidateUpdate_NameChanged_IsImmutable()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Metadata.Name = "team-b";
        var error = Assert.Single(Update(_strategy, changed, stored).Errors);
        Assert.Equal("metadata.name", error.Field);
        Assert.Equal("Invalid value: \"team-b\": field is immutable", error.Body);
    }
}
