using k8s.Models;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Tests.Printing;

/// <summary>The EndpointSlice printer against printers.go <c>printEndpointSlice</c>.</summary>
public class EndpointSlicePrinterTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Columns_NameAddressTypePortsEndpointsAge() => Assert.Equal(
        [("Name", 0), ("AddressType", 0), ("Ports", 0), ("Endpoints", 0), ("Age", 0)],
        new EndpointSlicePrinter().Columns.Select(c => (c.Name, c.Priority)));

    [Fact]
    public void Cells_FirstThreePortsAndAddresses_ThenHowManyMore()
    {
        var slice = new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "web-abcde", CreationTimestamp = Now - TimeSpan.FromMinutes(3) },
            AddressType = "IPv4",
            Ports = [new() { Port = 80 }, new() { Port = 443 }, new() { Port = 8080 }, new() { Port = 9090 }],
            // Every address counts, also several of one endpoint.
            Endpoints = [new V1Endpoint { Addresses = ["10.0.0.1", "10.0.0.2"] }, new V1Endpoint { Addresses = ["10.0.0.3"] }, new V1Endpoint { Addresses = ["10.0.0.4"] }, new V1Endpoint { Addresses = ["10.0.0.5"] }],
        };

        var cells = new EndpointSlicePrinter().Cells(slice, Now);

        Assert.Equal(["web-abcde", "IPv4", "80,443,8080 + 1 more...", "10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...", "3m"], cells);
    }

    [Fact]
    public void Cells_NoPortsNoEndpoints_Unset()
    {
        var slice = new V1EndpointSlice { Metadata = new V1ObjectMeta { Name = "empty-abcde", CreationTimestamp = Now }, AddressType = "IPv4" };

        var cells = new EndpointSlicePrinter().Cells(slice, Now);

        Assert.Equal(["empty-abcde", "IPv4", "<unset>", "<unset>", "0s"], cells);
    }
}
