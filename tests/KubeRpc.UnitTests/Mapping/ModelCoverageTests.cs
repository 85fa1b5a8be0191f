using k8s;
using k8s.Models;
using KubeRpc.Server.Mapping;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>
/// Every property of the KubernetesClient Service and Ingress model graphs must survive
/// Kubernetes → proto → Kubernetes. The objects are populated by reflection, so a property the mapping
/// forgets (or one a newer KubernetesClient adds) shows up as a lost path.
/// </summary>
public sealed class ModelCoverageTests
{
    /// <summary>
    /// The only properties that do not get an arbitrary <c>x-&lt;path&gt;</c> string, each for a reason:
    /// closed sets are proto enums, and an arbitrary string has no proto value (it maps to _UNSPECIFIED by
    /// design, see EnumMappingTests), so they get a valid non-default Kubernetes value; apiVersion and kind
    /// are not proto fields, the message type implies them and ToKubernetes writes the constants.
    /// </summary>
    private static readonly Dictionary<(Type Owner, string Property), string> FixedStrings = new()
    {
        [(typeof(V1Service), nameof(V1Service.ApiVersion))] = "v1",
        [(typeof(V1Service), nameof(V1Service.Kind))] = "Service",
        [(typeof(V1Ingress), nameof(V1Ingress.ApiVersion))] = "networking.k8s.io/v1",
        [(typeof(V1Ingress), nameof(V1Ingress.Kind))] = "Ingress",
        [(typeof(V1ServiceSpec), nameof(V1ServiceSpec.Type))] = "LoadBalancer",
        [(typeof(V1ServiceSpec), nameof(V1ServiceSpec.SessionAffinity))] = "ClientIP",
        [(typeof(V1ServiceSpec), nameof(V1ServiceSpec.ExternalTrafficPolicy))] = "Local",
        [(typeof(V1ServiceSpec), nameof(V1ServiceSpec.InternalTrafficPolicy))] = "Local",
        [(typeof(V1ServiceSpec), nameof(V1ServiceSpec.IpFamilies))] = "IPv6",
        [(typeof(V1ServiceSpec), nameof(V1ServiceSpec.IpFamilyPolicy))] = "RequireDualStack",
        [(typeof(V1ServicePort), nameof(V1ServicePort.Protocol))] = "UDP",
        [(typeof(V1LoadBalancerIngress), nameof(V1LoadBalancerIngress.IpMode))] = "Proxy",
        [(typeof(V1PortStatus), nameof(V1PortStatus.Protocol))] = "SCTP",
        [(typeof(V1Condition), nameof(V1Condition.Status))] = "Unknown",
        [(typeof(V1HTTPIngressPath), nameof(V1HTTPIngressPath.PathType))] = "ImplementationSpecific",
        [(typeof(V1IngressPortStatus), nameof(V1IngressPortStatus.Protocol))] = "UDP",
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ServiceRoundTrip_EveryPropertyPopulated_NothingLost(bool numericTargetPort)
    {
        var service = new ModelPopulator(FixedStrings, numericTargetPort).Populate<V1Service>();

        var roundTripped = ServiceMapping.ToKubernetes(ServiceMapping.ToProto(service));

        AssertSameJson(service, roundTripped);
    }

    [Fact]
    public void IngressRoundTrip_EveryPropertyPopulated_NothingLost()
    {
        var ingress = new ModelPopulator(FixedStrings, numericIntOrString: false).Populate<V1Ingress>();

        var roundTripped = IngressMapping.ToKubernetes(IngressMapping.ToProto(ingress));

        AssertSameJson(ingress, roundTripped);
    }

    [Fact]
    public void FixedStrings_EveryEntry_IsUsedByTheModelGraph()
    {
        var populator = new ModelPopulator(FixedStrings, numericIntOrString: false);
        populator.Populate<V1Service>();
        populator.Populate<V1Ingress>();

        Assert.Empty(FixedStrings.Keys.Except(populator.UsedFixedStrings));
    }

    [Fact]
    public void Populate_Service_FillsTheWholeGraph()
    {
        var service = new ModelPopulator(FixedStrings, numericIntOrString: false).Populate<V1Service>();

        var json = KubernetesJson.Serialize(service);

        // Guards the guard: the comparison is only as strong as the populated document is complete.
        Assert.Equal("x-V1Service.Spec.Ports[0].Name", service.Spec.Ports[0].Name);
        Assert.Equal("x-V1Service.Spec.Ports[0].TargetPort", service.Spec.Ports[0].TargetPort.Value);
        Assert.Equal("UDP", service.Spec.Ports[0].Protocol);
        Assert.True(service.Status.LoadBalancer.Ingress[0].Ports[0].Port > 1000);
        Assert.True(JsonDiff.CountLeaves(json) >= 50, json);
    }

    [Fact]
    public void JsonDiff_FieldDroppedAfterRoundTrip_ReportsItsPath()
    {
        var service = new ModelPopulator(FixedStrings, numericIntOrString: false).Populate<V1Service>();
        var roundTripped = ServiceMapping.ToKubernetes(ServiceMapping.ToProto(service));
        roundTripped.Spec.Ports[0].AppProtocol = null;
        roundTripped.Status.Conditions[0].Reason = "changed";

        var differences = JsonDiff.Compare(KubernetesJson.Serialize(service), KubernetesJson.Serialize(roundTripped));

        Assert.Equal(2, differences.Count);
        Assert.StartsWith("lost: $.spec.ports[0].appProtocol", differences[0]);
        Assert.StartsWith("differs: $.status.conditions[0].reason", differences[1]);
    }

    private static void AssertSameJson<T>(T expected, T actual)
    {
        var differences = JsonDiff.Compare(KubernetesJson.Serialize(expected), KubernetesJson.Serialize(actual));
        Assert.True(differences.Count == 0, "Properties lost or changed by the round trip:\n" + string.Join("\n", differences));
    }
}
