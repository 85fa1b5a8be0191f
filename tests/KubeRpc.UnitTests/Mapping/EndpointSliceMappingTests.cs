using k8s.Models;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>
/// An EndpointSlice as the endpoint index keeps it: conditions resolved as the discovery/v1 API defines unknown ones, the
/// slice's ports and address type on each endpoint, the Pod behind it, and the Service from its label.
/// </summary>
public sealed class EndpointSliceMappingTests
{
    [Fact]
    public void UnknownConditions_ReadyServingNotTerminating_UnknownServingFollowsReady()
    {
        var slice = Slice(
            new V1Endpoint { Addresses = ["10.0.0.1"] },
            new V1Endpoint { Addresses = ["10.0.0.2"], Conditions = new V1EndpointConditions { Ready = false } },
            new V1Endpoint { Addresses = ["10.0.0.3"], Conditions = new V1EndpointConditions { Ready = false, Serving = true, Terminating = true } });

        var mapped = EndpointSliceMapping.ToProto(slice);

        Assert.Equal([(true, true, false), (false, false, false), (false, true, true)],
            mapped.Endpoints.Select(e => (e.Ready, e.Serving, e.Terminating)));
    }

    [Fact]
    public void SlicePortsAndAddressType_OnEachEndpoint_PortWithoutNumberLeftOut_PodAndService()
    {
        var slice = Slice(new V1Endpoint
        {
            Addresses = ["10.0.0.1"], Hostname = "web-0", NodeName = "node-a", Zone = "zone-a",
            TargetRef = new V1ObjectReference { Kind = "Pod", Name = "web-0", NamespaceProperty = "shop", Uid = "u-1" },
        });
        slice.Ports = [new Discoveryv1EndpointPort { Name = "grpc", Port = 8080, Protocol = "TCP", AppProtocol = "kubernetes.io/h2c" },
            new Discoveryv1EndpointPort { Name = "all" }];

        var mapped = EndpointSliceMapping.ToProto(slice);

        Assert.Equal(("shop", "web"), (mapped.Namespace, mapped.Name));
        var endpoint = Assert.Single(mapped.Endpoints);
        Assert.Equal(AddressType.Ipv4, endpoint.AddressType);
        Assert.Equal(("web-0", "node-a", "zone-a"), (endpoint.Hostname, endpoint.NodeName, endpoint.Zone));
        Assert.Equal(new EndpointPod { Namespace = "shop", Name = "web-0", Uid = "u-1" }, endpoint.TargetPod);
        var port = Assert.Single(endpoint.Ports);
        Assert.Equal(new EndpointPort { Name = "grpc", Port = 8080, Protocol = Protocol.Tcp, AppProtocol = "kubernetes.io/h2c" }, port);
    }

    private static V1EndpointSlice Slice(params V1Endpoint[] endpoints) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web-abc", NamespaceProperty = "shop", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "web" } },
        AddressType = "IPv4",
        Endpoints = endpoints,
        Ports = [],
    };
}
