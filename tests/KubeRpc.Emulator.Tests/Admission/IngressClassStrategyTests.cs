using k8s.Models;
using KubeRpc.Emulator.Admission.IngressClasses;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;

namespace KubeRpc.Emulator.Tests.Admission;

public class IngressClassStrategyTests
{
    private readonly IngressClassStrategy _strategy = new();

    [Fact]
    public void Create_ParametersWithoutScope_DefaultsScopeToCluster()
    {
        var ingressClass = IngressClassValidationTests.Valid();
        ingressClass.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "lb" };

        var created = Create(_strategy, ingressClass);

        Assert.Empty(created.Errors);
        Assert.Equal("Cluster", created.Object.Spec.Parameters.Scope);
    }

    [Fact]
    public void Create_Always_SetsGenerationOne()
    {
        var ingressClass = IngressClassValidationTests.Valid();
        ingressClass.Metadata.Generation = 3;
        Assert.Equal(1, Create(_strategy, ingressClass).Object.Metadata.Generation);
    }

    [Fact]
    public void Update_SpecChanged_IncrementsGeneration()
    {
        var stored = Stored(_strategy, IngressClassValidationTests.Valid());
        var changed = Copy(stored);
        changed.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "lb" };
        Assert.Equal(2, Update(_strategy, changed, stored).Object.Metadata.Generation);
    }

    [Fact]
    public void Update_AnnotationsOnly_KeepsGeneration()
    {
        var stored = Stored(_strategy, IngressClassValidationTests.Valid());
        var changed = Copy(stored);
        changed.Metadata.Annotations = new Dictionary<string, string> { ["ingressclass.kubernetes.io/is-default-class"] = "true" };
        changed.Metadata.Generation = 9;
        var updated = Update(_strategy, changed, stored);
        Assert.Empty(updated.Errors);
        Assert.Equal(1, updated.Object.Metadata.Generation);
    }

    [Fact]
    public void Update_ScopeLeftOutAgain_IsDefaultedAndNotASpecChange()
    {
        var ingressClass = IngressClassValidationTests.Valid();
        ingressClass.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "lb" };
        var stored = Stored(_strategy, ingressClass);
        var changed = Copy(stored);
        changed.Spec.Parameters.Scope = null;
        Assert.Equal(1, Update(_strategy, changed, stored).Object.Metadata.Generation);
    }
}
