using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Ingresses;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;

namespace KubeRpc.Emulator.Tests.Admission;

public class IngressStrategyTests
{
    private readonly IngressStrategy _strategy = new();

    [Fact]
    public void Create_WithStatusAndGeneration_SetsGenerationOneAndClearsStatus()
    {
        var ingress = IngressValidationCases.Valid();
        ingress.Metadata.Generation = 7;
        ingress.Status = new V1IngressStatus
        {
            LoadBalancer = new V1IngressLoadBalancerStatus { Ingress = [new V1IngressLoadBalancerIngress { Ip = "10.0.0.1" }] },
        };

        var created = Create(_strategy, ingress).Object;

        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("{\"loadBalancer\":{}}", KubernetesJson.Serialize(created.Status));
    }

    [Fact]
    public void Update_SpecChanged_IncrementsGenerationAndKeepsStatus()
    {
        var stored = StoredWithStatus();
        var changed = Copy(stored);
        changed.Spec.Rules[0].Host = "www.example.com";
        changed.Status = null;

        var updated = Update(_strategy, changed, stored).Object;

        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal("10.0.0.1", updated.Status.LoadBalancer.Ingress[0].Ip);
    }

    [Fact]
    public void Update_OnlyMetadataChanged_KeepsGeneration()
    {
        var stored = Stored(_strategy, IngressValidationCases.Valid());
        var changed = Copy(stored);
        changed.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "fe" };

        var updated = Update(_strategy, changed, stored);

        Assert.Empty(updated.Errors);
        Assert.Equal(1, updated.Object.Metadata.Generation);
    }

    [Fact]
    public void Update_ClientSendsGeneration_IsIgnored()
    {
        var stored = Stored(_strategy, IngressValidationCases.Valid());
        var changed = Copy(stored);
        changed.Metadata.Generation = 40;
        Assert.Equal(1, Update(_strategy, changed, stored).Object.Metadata.Generation);
    }

    [Fact]
    public void Update_EmptyListInsteadOfAbsent_IsNotASpecChange()
    {
        var ingress = IngressValidationCases.Valid();
        ingress.Spec.Tls = null;
        var stored = Stored(_strategy, ingress);
        var changed = Copy(stored);
        changed.Spec.Tls = [];
        Assert.Equal(1, Update(_strategy, changed, stored).Object.Metadata.Generation);
    }

    [Fact]
    public void UpdateStatus_SpecChanged_KeepsOldSpecAndTakesStatus()
    {
        var stored = Stored(_strategy, IngressValidationCases.Valid());
        var changed = Copy(stored);
        changed.Spec.Rules[0].Host = "changed.example.com";
        changed.Status.LoadBalancer.Ingress = [new V1IngressLoadBalancerIngress { Hostname = "lb.example.com" }];

        var result = UpdateStatus(_strategy, changed, stored);

        Assert.Empty(result.Errors);
        Assert.Equal("example.com", result.Object.Spec.Rules[0].Host);
        Assert.Equal("lb.example.com", result.Object.Status.LoadBalancer.Ingress[0].Hostname);
        Assert.Equal(1, result.Object.Metadata.Generation);
    }

    [Fact]
    public void Create_NoClassAndADefaultClass_SetsTheDefault()
    {
        var cluster = new FakeClusterReader()
            .Add("ingressclasses", Class("nginx", "true", 1))
            .Add("ingressclasses", Class("traefik", null, 2));

        var created = Create(_strategy, IngressValidationCases.Valid(), Context(cluster));

        Assert.Empty(created.Errors);
        Assert.Equal("nginx", created.Object.Spec.IngressClassName);
    }

    [Fact]
    public void Create_SeveralDefaults_ChoosesNewestThenSmallestName()
    {
        var cluster = new FakeClusterReader()
            .Add("ingressclasses", Class("old", "true", 1))
            .Add("ingressclasses", Class("zeta", "true", 5))
            .Add("ingressclasses", Class("alpha", "true", 5))
            .Add("ingressclasses", Class("newest-but-not-default", "false", 9));

        var created = Create(_strategy, IngressValidationCases.Valid(), Context(cluster)).Object;

        Assert.Equal("alpha", created.Spec.IngressClassName);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("haproxy", null)]
    [InlineData(null, "traefik")]
    [InlineData(null, "")]
    public void Create_ClassAlreadyChosen_LeavesItAlone(string? className, string? annotation)
    {
        var ingress = IngressValidationCases.Valid();
        ingress.Spec.IngressClassName = className;
        if (annotation is not null)
        {
            ingress.Metadata.Annotations = new Dictionary<string, string> { ["kubernetes.io/ingress.class"] = annotation };
        }
        var cluster = new FakeClusterReader().Add("ingressclasses", Class("nginx", "true", 1));

        var created = Create(_strategy, ingress, Context(cluster)).Object;

        Assert.Equal(className, created.Spec.IngressClassName);
    }

    [Fact]
    public void Create_DefaultAnnotationNotExactlyTrue_DoesNotDefault()
    {
        var cluster = new FakeClusterReader().Add("ingressclasses", Class("nginx", "True", 1));
        Assert.Null(Create(_strategy, IngressValidationCases.Valid(), Context(cluster)).Object.Spec.IngressClassName);
    }

    [Fact]
    public void Update_NoClass_IsNotDefaulted()
    {
        var stored = Stored(_strategy, IngressValidationCases.Valid());
        var cluster = new FakeClusterReader().Add("ingressclasses", Class("nginx", "true", 1));
        Assert.Null(Update(_strategy, Copy(stored), stored, Context(cluster)).Object.Spec.IngressClassName);
    }

    [Fact]
    public void Flags_Ingress_NoCreateOnUpdateAndStatusOnDelete()
    {
        Assert.False(_strategy.AllowCreateOnUpdate);
        Assert.False(_strategy.ReturnDeletedObject);
    }

    private V1Ingress StoredWithStatus()
    {
        var stored = Stored(_strategy, IngressValidationCases.Valid());
        var withStatus = Copy(stored);
        withStatus.Status.LoadBalancer.Ingress = [new V1IngressLoadBalancerIngress { Ip = "10.0.0.1" }];
        return UpdateStatus(_strategy, withStatus, stored).Object;
    }

    private static V1IngressClass Class(string name, string? isDefault, int minute) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            CreationTimestamp = new DateTime(2026, 1, 1, 0, minute, 0, DateTimeKind.Utc),
            Annotations = isDefault is null ? null : new Dictionary<string, string> { [DefaultIngressClassAnnotation] = isDefault },
        },
        Spec = new V1IngressClassSpec { Controller = "example.com/" + name },
    };

    private const string DefaultIngressClassAnnotation = "ingressclass.kubernetes.io/is-default-class";
}
