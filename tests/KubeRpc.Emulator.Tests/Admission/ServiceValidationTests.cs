using KubeRpc.Emulator.Admission;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>Every §9 Service rule through the strategy, asserting the exact cause (field, reason, message).</summary>
public class ServiceValidationTests
{
    [Theory]
    [MemberData(nameof(ServiceValidationCases.CreateDescriptions), MemberType = typeof(ServiceValidationCases))]
    public void Create_InvalidService_ReportsKubernetesCause(string description)
    {
        var @case = ServiceValidationCases.CreateCase(description);
        var harness = new ServiceAdmissionHarness();
        foreach (var existing in @case.Existing)
        {
            Assert.True(harness.Create(existing).Succeeded, $"setup of {existing.Metadata.Name} failed");
        }
        var service = ServiceValidationCases.NewService();
        @case.Mutate(service);

        var result = harness.Create(service);

        AssertCause(result.Errors, @case.Field, @case.Reason, @case.Message);
        Assert.DoesNotContain("default/web", harness.Stored.Keys);
    }

    [Theory]
    [MemberData(nameof(ServiceValidationCases.UpdateDescriptions), MemberType = typeof(ServiceValidationCases))]
    public void Update_InvalidChange_ReportsKubernetesCause(string description)
    {
        var @case = ServiceValidationCases.UpdateCase(description);
        var harness = new ServiceAdmissionHarness();
        foreach (var existing in @case.Existing)
        {
            Assert.True(harness.Create(existing).Succeeded, $"setup of {existing.Metadata.Name} failed");
        }
        var service = ServiceValidationCases.NewService();
        @case.Create(service);
        Assert.Empty(harness.Create(service).Errors);

        var result = harness.Update("web", @case.Update);

        AssertCause(result.Errors, @case.Field, @case.Reason, @case.Message);
    }

    [Theory]
    [MemberData(nameof(ServiceValidationCases.StatusDescriptions), MemberType = typeof(ServiceValidationCases))]
    public void UpdateStatus_InvalidStatus_ReportsKubernetesCause(string description)
    {
        var @case = ServiceValidationCases.StatusCase(description);
        var harness = new ServiceAdmissionHarness();
        var service = ServiceValidationCases.NewService();
        @case.Create(service);
        Assert.Empty(harness.Create(service).Errors);

        var result = harness.UpdateStatus("web", @case.Update);

        AssertCause(result.Errors, @case.Field, @case.Reason, @case.Message);
    }

    [Fact]
    public void Create_ValidBaseService_Succeeds()
    {
        var result = new ServiceAdmissionHarness().Create(ServiceValidationCases.NewService());

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Create_ExternalNameWithTrailingDot_Succeeds()
    {
        var service = ServiceValidationCases.NewService();
        service.Spec.Type = "ExternalName";
        service.Spec.ExternalName = "db.example.com.";

        Assert.Empty(new ServiceAdmissionHarness().Create(service).Errors);
    }

    [Fact]
    public void Create_SameNodePortForTcpAndUdp_Succeeds()
    {
        var service = ServiceValidationCases.NewService();
        service.Spec.Type = "NodePort";
        service.Spec.Ports =
        [
            new() { Name = "dns-tcp", Port = 53, Protocol = "TCP", NodePort = 30053 },
            new() { Name = "dns-udp", Port = 53, Protocol = "UDP", NodePort = 30053 },
        ];

        Assert.Empty(new ServiceAdmissionHarness().Create(service).Errors);
    }

    [Fact]
    public void ValidateCreate_AffinityConfigWithNone_Forbidden()
    {
        // Defaulting drops the config for None, so only a caller that skips Default can reach this rule.
        var service = ServiceValidationCases.NewService();
        service.Spec.Type = "ClusterIP";
        service.Spec.InternalTrafficPolicy = "Cluster";
        service.Spec.SessionAffinity = "None";
        service.Spec.SessionAffinityConfig = new() { ClientIP = new() { TimeoutSeconds = 10 } };
        var harness = new ServiceAdmissionHarness();

        var errors = harness.Strategy.ValidateCreate(service, new AdmissionContext(false, harness)).ToList();

        AssertCause(errors, "spec.sessionAffinityConfig", "FieldValueForbidden", "Forbidden: must not be set when session affinity is None");
    }

    [Fact]
    public void ValidateCreate_UndefaultedService_RequiresTypeAffinityAndPolicies()
    {
        var service = ServiceValidationCases.NewService();
        var harness = new ServiceAdmissionHarness();

        var errors = harness.Strategy.ValidateCreate(service, new AdmissionContext(false, harness)).ToList();

        AssertCause(errors, "spec.sessionAffinity", "FieldValueRequired", "Required value");
        AssertCause(errors, "spec.type", "FieldValueRequired", "Required value");
    }

    [Fact]
    public void ValidateCreate_LoadBalancerWithoutDefaults_RequiresPoliciesAtGoPaths()
    {
        var service = ServiceValidationCases.NewService();
        service.Spec.Type = "LoadBalancer";
        service.Spec.SessionAffinity = "None";
        var harness = new ServiceAdmissionHarness();

        var errors = harness.Strategy.ValidateCreate(service, new AdmissionContext(false, harness)).ToList();

        AssertCause(errors, "allocateLoadBalancerNodePorts", "FieldValueRequired", "Required value");
        AssertCause(errors, "spec.externalTrafficPolicy", "FieldValueRequired", "Required value");
        AssertCause(errors, "spec.internalTrafficPolicy", "FieldValueRequired", "Required value");
    }

    private static void AssertCause(IReadOnlyList<FieldError> errors, string field, string reason, string message)
    {
        var rendered = string.Join("\n", errors.Select(e => $"{e.Field} | {e.Reason} | {e.Body}"));
        Assert.True(errors.Any(e => e.Field == field && e.Reason == reason && e.Body == message),
            $"expected {field} | {reason} | {message}\nactual:\n{rendered}");
    }
}
