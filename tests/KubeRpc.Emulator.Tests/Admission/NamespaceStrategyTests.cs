using k8s.Models;
using KubeRpc.Emulator.Admission.Namespaces;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;

namespace KubeRpc.Emulator.Tests.Admission;

public class NamespaceStrategyTests
{
    private readonly NamespaceStrategy _strategy = new();

    [Fact]
    public void Create_WithStatusAndNoFinalizers_ForcesActiveAddsKubernetesAndLabels()
    {
        var ns = NamespaceValidationTests.Valid();
        ns.Status = new V1NamespaceStatus { Phase = "Terminating", Conditions = [new V1NamespaceCondition { Type = "X", Status = "True" }] };

        var created = Create(_strategy, ns);

        Assert.Empty(created.Errors);
        Assert.Equal("Active", created.Object.Status.Phase);
        Assert.Null(created.Object.Status.Conditions);
        Assert.Equal(["kubernetes"], created.Object.Spec.Finalizers);
        Assert.Equal("team-a", created.Object.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Null(created.Object.Metadata.Generation);
    }

    [Fact]
    public void Create_OtherFinalizers_AppendsKubernetesOnce()
    {
        var ns = NamespaceValidationTests.Valid();
        ns.Spec = new V1NamespaceSpec { Finalizers = ["example.com/cleanup"] };
        Assert.Equal(["example.com/cleanup", "kubernetes"], Create(_strategy, ns).Object.Spec.Finalizers);

        ns.Spec.Finalizers = ["kubernetes", "example.com/cleanup"];
        Assert.Equal(["kubernetes", "example.com/cleanup"], Create(_strategy, ns).Object.Spec.Finalizers);
    }

    [Fact]
    public void Update_SpecStatusAndNameLabelChanged_KeepsStoredValues()
    {
        var stored = Stored(_strategy, NamespaceValidationTests.Valid());
        var changed = Copy(stored);
        changed.Spec.Finalizers = [];
        changed.Status.Phase = "Terminating";
        changed.Metadata.Labels["kubernetes.io/metadata.name"] = "spoofed";
        changed.Metadata.Labels["team"] = "a";

        var updated = Update(_strategy, changed, stored);

        Assert.Empty(updated.Errors);
        Assert.Equal(["kubernetes"], updated.Object.Spec.Finalizers);
        Assert.Equal("Active", updated.Object.Status.Phase);
        Assert.Equal("team-a", updated.Object.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Equal("a", updated.Object.Metadata.Labels["team"]);
    }

    [Fact]
    public void UpdateStatus_SpecChangedAndPhaseMissing_KeepsSpecAndDefaultsPhase()
    {
        var stored = Stored(_strategy, NamespaceValidationTests.Valid());
        var changed = Copy(stored);
        changed.Spec.Finalizers = null;
        changed.Status = new V1NamespaceStatus { Conditions = [new V1NamespaceCondition { Type = "NamespaceDeletionDiscoveryFailure", Status = "False" }] };

        var updated = UpdateStatus(_strategy, changed, stored);

        Assert.Empty(updated.Errors);
        Assert.Equal(["kubernetes"], updated.Object.Spec.Finalizers);
        Assert.Equal("Active", updated.Object.Status.Phase);
        Assert.Equal("NamespaceDeletionDiscoveryFailure", updated.Object.Status.Conditions[0].Type);
    }

    [Fact]
    public void Finalize_RemovesKubernetes_TakesFinalizersAndKeepsStatus()
    {
        var stored = Stored(_strategy, NamespaceValidationTests.Valid());
        stored.Status.Phase = "Terminating";
        var changed = Copy(stored);
        changed.Spec.Finalizers = [];
        changed.Status.Phase = "Active";

        _strategy.PrepareForFinalize(changed, stored);

        Assert.Empty(_strategy.ValidateFinalize(changed, stored, Context()));
        Assert.Empty(changed.Spec.Finalizers);
        Assert.Equal("Terminating", changed.Status.Phase);
    }

    [Fact]
    public void Canonicalize_NameGeneratedLater_SetsTheNameLabel()
    {
        var ns = new V1Namespace { Metadata = new V1ObjectMeta { GenerateName = "team-" } };
        _strategy.Default(ns, Context());
        Assert.Null(ns.Metadata.Labels);

        ns.Metadata.Name = "team-x7k2p";
        _strategy.Canonicalize(ns);

        Assert.Equal("team-x7k2p", ns.Metadata.Labels!["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public void Flags_Namespace_ReturnsDeletedObjectAndNoCreateOnUpdate()
    {
        Assert.True(_strategy.ReturnDeletedObject);
        Assert.False(_strategy.AllowCreateOnUpdate);
    }
}
