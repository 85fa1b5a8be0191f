using KubeRpc.Emulator.Discovery;

namespace KubeRpc.Emulator.Tests.Discovery;

public class AggregatedDiscoveryNegotiationTests
{
    [Theory]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", AggregatedDiscoveryVersion.V2)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", AggregatedDiscoveryVersion.V2Beta1)]
    [InlineData("application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList, application/json; g=apidiscovery.k8s.io; v=v2beta1; as=APIGroupDiscoveryList", AggregatedDiscoveryVersion.V2Beta1)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0.5,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList", AggregatedDiscoveryVersion.V2Beta1)]
    public void Select_AggregatedAccept_PicksTheVersion(string accept, AggregatedDiscoveryVersion expected) =>
        Assert.Equal(expected, AggregatedDiscoveryNegotiation.Select(accept));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("application/json")]
    [InlineData("application/json, */*;q=0.8")]
    [InlineData("application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList")]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0")]
    public void Select_OtherAccept_MeansLegacy(string? accept) => Assert.Null(AggregatedDiscoveryNegotiation.Select(accept));

    [Fact]
    public void ContentType_Versions_CarryGroupVersionAndKind()
    {
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", AggregatedDiscoveryNegotiation.ContentType(AggregatedDiscoveryVersion.V2));
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList", AggregatedDiscoveryNegotiation.ContentType(AggregatedDiscoveryVersion.V2Beta1));
    }
}
