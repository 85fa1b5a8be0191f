using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;
using static KubeRpc.Emulator.Tests.EndpointSlices.SliceObjects;

namespace KubeRpc.Emulator.Tests.EndpointSlices;

/// <summary>EndpointSlice defaults and validation through KubernetesClient, with kube-apiserver 1.32's paths and wording.</summary>
public sealed class EndpointSliceValidationTests() : EmulatorTest(new EmulatorOptions())
{
    public static TheoryData<string, string> Cases => new()
    {
        { "no address type", "EndpointSlice.discovery.k8s.io \"bad\" is invalid: addressType: Required value" },
        { "bad address type", "EndpointSlice.discovery.k8s.io \"bad\" is invalid: addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"" },
        { "no addresses", "EndpointSlice.discovery.k8s.io \"bad\" is invalid: endpoints[0].addresses: Required value: must contain at least 1 address" },
        { "too many addresses", "EndpointSlice.discovery.k8s.io \"bad\" is invalid: endpoints[0].addresses: Too many: 101: must have at most 100 items" },
        { "too many endpoints", "EndpointSlice.discovery.k8s.io \"bad\" is invalid: endpoints: Too many: 1001: must have at most 1000 items" },
        { "bad port", "EndpointSlice.discovery.k8s.io \"bad\" is invalid: ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive" },
        { "bad protocol", "EndpointSlice.discovery.k8s.io \"bad\" is invalid: ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
        { "duplicate port name", "EndpointSlice.discovery.k8s.io \"bad\" is invalid: ports[1].name: Duplicate value: \"http\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Create_Invalid_422WithKubesMessage(string name, string message)
    {
        var slice = Slice("bad");
        switch (name)
        {
            case "no address type": slice.AddressType = null; break;
            case "bad address type": slice.AddressType = "IP"; break;
            case "no addresses": slice.Endpoints[0].Addresses = []; break;
            case "too many addresses": slice.Endpoints[0].Addresses = [.. Enumerable.Range(0, 101).Select(i => $"10.0.0.{i}")]; break;
            case "too many endpoints": slice.Endpoints = [.. Enumerable.Range(0, 1001).Select(_ => new V1Endpoint { Addresses = ["10.0.0.1"] })]; break;
            case "bad port": slice.Ports[0].Port = 70000; break;
            case "bad protocol": slice.Ports[0].Protocol = "ICMP"; break;
            case "duplicate port name": slice.Ports = [new() { Name = "http", Port = 80 }, new() { Name = "http", Port = 81 }]; break;
        }

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(slice, "default")).DefaultTimeout();

        Assert.Equal(422, (int)e.Response.StatusCode);
        Assert.Equal(message, e.Status().Message);
    }

    [Fact]
    public async Task Create_PortDefaults_TcpAndGenerationOne()
    {
        var created = await Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice("good"), "default").DefaultTimeout();

        Assert.Equal("TCP", Assert.Single(created.Ports).Protocol);
        Assert.Equal(1, created.Metadata.Generation);
    }

    [Fact]
    public async Task Update_AddressTypeChanged_Immutable()
    {
        var created = await Client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(Slice("good"), "default").DefaultTimeout();
        created.AddressType = "FQDN";

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(created, "good", "default")).DefaultTimeout();

        Assert.Equal("EndpointSlice.discovery.k8s.io \"good\" is invalid: addressType: Invalid value: \"FQDN\": field is immutable", e.Status().Message);
    }
}
