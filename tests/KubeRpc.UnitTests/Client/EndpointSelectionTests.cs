using KubeRpc.Client;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Client;

/// <summary>The ready endpoints; when none is ready the serving, not terminating ones; each at its port of the target's name.</summary>
public sealed class EndpointSelectionTests
{
    private static readonly KubeRpcTarget Grpc = KubeRpcTarget.Parse("kuberpc:///web.shop:grpc");

    [Fact]
    public void ReadyEndpoints_FirstAddressAndThePortOfTheName()
    {
        var set = Set(
            Endpoint(["10.0.0.1", "10.0.1.1"], ready: true, ("grpc", 9000), ("metrics", 9464)),
            Endpoint(["10.0.0.2"], ready: true, ("metrics", 9464), ("grpc", 9001)),
            Endpoint(["10.0.0.3"], ready: false, ("grpc", 9000)));

        var choice = EndpointSelection.Choose(set, Grpc);

        Assert.Equal(["10.0.0.1:9000", "10.0.0.2:9001"], Addresses(choice));
        Assert.False(choice.IsFallback);
        Assert.Null(choice.Reason);
    }

    [Fact]
    public void NoneReady_ServingAndNotTerminating()
    {
        var set = Set(
            Endpoint(["10.0.0.1"], ready: false, serving: true, terminating: false, ("grpc", 9000)),
            Endpoint(["10.0.0.2"], ready: false, serving: true, terminating: true, ("grpc", 9000)),
            Endpoint(["10.0.0.3"], ready: false, serving: false, terminating: false, ("grpc", 9000)));

        var choice = EndpointSelection.Choose(set, Grpc);

        Assert.Equal(["10.0.0.1:9000"], Addresses(choice));
        Assert.True(choice.IsFallback);
    }

    [Fact]
    public void OneReady_ServingOnesAreNotAdded()
    {
        var set = Set(
            Endpoint(["10.0.0.1"], ready: false, serving: true, terminating: false, ("grpc", 9000)),
            Endpoint(["10.0.0.2"], ready: true, ("grpc", 9000)));

        Assert.Equal(["10.0.0.2:9000"], Addresses(EndpointSelection.Choose(set, Grpc)));
    }

    [Fact]
    public void NoneReadyOrServing_NoAddressesAndWhy()
    {
        var set = Set(
            Endpoint(["10.0.0.1"], ready: false, serving: true, terminating: true, ("grpc", 9000)),
            Endpoint(["10.0.0.2"], ready: false, serving: false, terminating: false, ("grpc", 9000)));

        var choice = EndpointSelection.Choose(set, Grpc);

        Assert.Empty(choice.Addresses);
        Assert.Equal("Service shop/web has 2 endpoint(s) for port \"grpc\", none ready or serving (and not terminating)", choice.Reason);
    }

    [Fact]
    public void EndpointWithoutThePort_IsLeftOut()
    {
        // Pods grouped by the ports they resolve to: a named targetPort that one Pod does not declare.
        var set = Set(
            Endpoint(["10.0.0.1"], ready: true, ("grpc", 9000)),
            Endpoint(["10.0.0.2"], ready: true, ("metrics", 9464)));

        Assert.Equal(["10.0.0.1:9000"], Addresses(EndpointSelection.Choose(set, Grpc)));
    }

    [Fact]
    public void NoEndpoints_Why()
    {
        Assert.Equal("Service shop/web has no endpoints for port \"grpc\"", EndpointSelection.Choose(Set(), Grpc).Reason);
    }

    [Fact]
    public void PortNumber_IsTheServicePort_MappedByItsName()
    {
        var set = Set(Endpoint(["10.0.0.1"], ready: true, ("grpc", 9000), ("metrics", 9464)));

        Assert.Equal(["10.0.0.1:9464"], Addresses(EndpointSelection.Choose(set, KubeRpcTarget.Parse("kuberpc:///web.shop:80"))));
        Assert.Equal(["10.0.0.1:9000"], Addresses(EndpointSelection.Choose(set, KubeRpcTarget.Parse("kuberpc:///web.shop:50051"))));
        Assert.Equal("Service shop/web has no port 8080 (its ports: grpc 50051, metrics 80)",
            EndpointSelection.Choose(set, KubeRpcTarget.Parse("kuberpc:///web.shop:8080")).Reason);
    }

    [Fact]
    public void NoPort_TheOnlyPort_EvenUnnamed()
    {
        var set = Set(Endpoint(["10.0.0.1"], ready: true, ("", 8080)));
        set.Ports.Clear();
        set.Ports.Add(new ServiceEndpointsPort { Name = "", Port = 80 });

        Assert.Equal(["10.0.0.1:8080"], Addresses(EndpointSelection.Choose(set, KubeRpcTarget.Parse("kuberpc:///web.shop"))));
    }

    [Fact]
    public void NoPort_SeveralPorts_NamesThem()
    {
        var choice = EndpointSelection.Choose(Set(Endpoint(["10.0.0.1"], ready: true, ("grpc", 9000))), KubeRpcTarget.Parse("kuberpc:///web.shop"));

        Assert.Equal("Service shop/web has 2 ports (its ports: grpc 50051, metrics 80): name one, as in kuberpc:///web.shop:grpc", choice.Reason);
    }

    [Fact]
    public void UnknownPortName_Why()
    {
        var choice = EndpointSelection.Choose(Set(Endpoint(["10.0.0.1"], ready: true, ("grpc", 9000))), KubeRpcTarget.Parse("kuberpc:///web.shop:http"));

        Assert.Equal("Service shop/web has no port named \"http\" (its ports: grpc 50051, metrics 80)", choice.Reason);
    }

    [Fact]
    public void NoService_NoEndpoints_DoesNotExist()
    {
        var set = Set();
        set.Exists = false;

        Assert.Equal("Service shop/web does not exist", EndpointSelection.Choose(set, Grpc).Reason);
    }

    [Fact]
    public void NoService_EndpointsOfOtherSlices_UsedByPortName()
    {
        // EndpointSlices managed by something else than the EndpointSlice controller can exist without the Service.
        var set = Set(Endpoint(["10.0.0.1"], ready: true, ("grpc", 9000)));
        set.Exists = false;
        set.Ports.Clear();

        Assert.Equal(["10.0.0.1:9000"], Addresses(EndpointSelection.Choose(set, Grpc)));
        Assert.Equal("Service shop/web does not exist, so its port 80 has no name to look for on the endpoints; name the port in the target",
            EndpointSelection.Choose(set, KubeRpcTarget.Parse("kuberpc:///web.shop:80")).Reason);
    }

    private static List<string> Addresses(EndpointChoice choice) => [.. choice.Addresses.Select(a => $"{a.EndPoint.Host}:{a.EndPoint.Port}")];

    private static ServiceEndpoints Set(params ServiceEndpoint[] endpoints) => new()
    {
        Namespace = "shop",
        Name = "web",
        Exists = true,
        Ports =
        {
            new ServiceEndpointsPort { Name = "grpc", Port = 50051 },
            new ServiceEndpointsPort { Name = "metrics", Port = 80 },
        },
        Endpoints = { endpoints },
    };

    private static ServiceEndpoint Endpoint(string[] addresses, bool ready, params (string Name, int Port)[] ports) =>
        Endpoint(addresses, ready, serving: ready, terminating: false, ports);

    private static ServiceEndpoint Endpoint(string[] addresses, bool ready, bool serving, bool terminating, params (string Name, int Port)[] ports) => new()
    {
        Addresses = { addresses },
        AddressType = AddressType.Ipv4,
        Ready = ready,
        Serving = serving,
        Terminating = terminating,
        Ports = { ports.Select(p => new EndpointPort { Name = p.Name, Port = p.Port }) },
    };
}
