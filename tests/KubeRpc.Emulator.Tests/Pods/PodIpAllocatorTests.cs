using KubeRpc.Emulator.Controllers;

namespace KubeRpc.Emulator.Tests.Pods;

/// <summary>The pod CIDR: unique addresses, no network or broadcast address, freed addresses handed out again.</summary>
public class PodIpAllocatorTests
{
    [Fact]
    public void Allocate_SkipsNetworkAndBroadcast_ThenRunsOut()
    {
        var ips = new PodIpAllocator("10.1.2.0/30");

        Assert.Equal("10.1.2.1", ips.Allocate());
        Assert.Equal("10.1.2.2", ips.Allocate());
        Assert.Null(ips.Allocate());
    }

    [Fact]
    public void Release_AddressHandedOutAgain()
    {
        var ips = new PodIpAllocator("127.0.0.0/24");
        var first = ips.Allocate()!;
        ips.Allocate();

        ips.Release(first);

        Assert.Equal(first, ips.Allocate());
        Assert.Equal("127.0.0.3", ips.Allocate());
    }

    [Theory]
    [InlineData("fd00::/64")]
    [InlineData("10.0.0.0/31")]
    [InlineData("not-a-cidr")]
    public void Constructor_UnusableRange_Refused(string cidr)
    {
        Assert.ThrowsAny<Exception>(() => new KubernetesEmulator(new EmulatorOptions { PodCidr = cidr }));
    }
}
