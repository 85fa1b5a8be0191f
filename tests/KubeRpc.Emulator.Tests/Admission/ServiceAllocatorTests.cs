using KubeRpc.Emulator.Admission.Services;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Tests.Admission;

public class ServiceAllocatorTests
{
    [Fact]
    public void ClusterIpAllocator_PickNext_PrefersAboveStaticBand()
    {
        var allocator = new ClusterIpAllocator(random: new Random(1));

        for (var i = 0; i < 200; i++)
        {
            var ip = allocator.PickNext(false)!;
            var parts = ip.Split('.').Select(int.Parse).ToArray();
            var offset = ((parts[1] - 96) << 16) + (parts[2] << 8) + parts[3] - 1;
            Assert.InRange(offset, 256, (1 << 20) - 3);
            allocator.Reserve(ip, "o");
        }
    }

    [Fact]
    public void ClusterIpAllocator_Check_ReportsRangeAndConflicts()
    {
        var allocator = new ClusterIpAllocator();
        allocator.Reserve("10.96.0.10", "a");

        Assert.Null(allocator.Check("10.96.0.11", false));
        Assert.Equal("provided IP is already allocated", allocator.Check("10.96.0.10", false));
        Assert.Null(allocator.Check("10.96.0.10", true));
        Assert.Equal("the provided IP (10.111.255.255) is not in the valid range. The range of valid IPs is 10.96.0.0/12", allocator.Check("10.111.255.255", false));
        Assert.Equal("the provided IP (10.112.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12", allocator.Check("10.112.0.1", true));
    }

    [Fact]
    public void ClusterIpAllocator_Release_OnlyByOwner()
    {
        var allocator = new ClusterIpAllocator();
        allocator.Reserve("10.96.0.10", "a");

        allocator.Release("10.96.0.10", "b");
        Assert.True(allocator.IsAllocated("10.96.0.10"));
        allocator.Release("10.96.0.10", "a");
        Assert.False(allocator.IsAllocated("10.96.0.10"));
    }

    [Fact]
    public void ClusterIpAllocator_SmallRange_FillsThenReportsFull()
    {
        var allocator = new ClusterIpAllocator("192.168.0.0/29", new Random(3));
        var picked = new HashSet<string>();

        for (var i = 0; i < 6; i++)
        {
            var ip = allocator.PickNext(false)!;
            Assert.True(picked.Add(ip));
            allocator.Reserve(ip, "o");
        }

        Assert.Null(allocator.PickNext(false));
        Assert.DoesNotContain("192.168.0.0", picked);
        Assert.DoesNotContain("192.168.0.7", picked);
    }

    [Fact]
    public void Create_ServiceCidrFull_IsInternalError()
    {
        var strategy = new ServiceStrategy(new ClusterIpAllocator("192.168.0.0/30"));
        strategy.ClusterIps.Reserve("192.168.0.1", "x");
        strategy.ClusterIps.Reserve("192.168.0.2", "x");
        var service = ServiceValidationCases.NewService();
        var context = new KubeRpc.Emulator.Admission.AdmissionContext(false, new ServiceAdmissionHarness());
        strategy.Default(service, context);

        var error = Assert.Throws<ApiException>(() => strategy.BeginCreate(service, context).ToList());

        Assert.Equal(500, error.Code);
        Assert.Equal("Internal error occurred: failed to allocate a serviceIP: range is full", error.Message);
    }

    [Fact]
    public void NodePortOperation_PicksAboveStaticBandWithoutRepeats()
    {
        var op = new NodePortAllocator(random: new Random(5)).StartOperation(false);
        var seen = new HashSet<int>();

        for (var i = 0; i < 300; i++)
        {
            var port = op.AllocateNext()!.Value;
            Assert.InRange(port, 30086, 32767);
            Assert.True(seen.Add(port));
        }
    }

    [Fact]
    public void NodePortOperation_Allocate_ChecksRangeAndHolders()
    {
        var allocator = new NodePortAllocator();
        allocator.Reserve(30080, "a");
        var op = allocator.StartOperation(false);

        Assert.Equal("provided port is not in the valid range. The range of valid ports is 30000-32767", op.Allocate(32768));
        Assert.Equal("provided port is already allocated", op.Allocate(30080));
        Assert.Null(op.Allocate(30081));
        Assert.Equal("provided port is already allocated", op.Allocate(30081));
        Assert.False(allocator.IsAllocated(30081));
    }

    [Fact]
    public void NodePortOperation_DryRun_AcceptsOutOfRangeAndAnswersDummies()
    {
        var allocator = new NodePortAllocator();
        allocator.Reserve(30081, "other");
        var fresh = allocator.StartOperation(true);
        Assert.Equal(32769, fresh.AllocateNext());
        Assert.Equal(32770, fresh.AllocateNext());

        // Go probes upwards only below 100 and otherwise answers max+1 unchecked, even a held port.
        var tiny = allocator.StartOperation(true);
        Assert.Null(tiny.Allocate(80));
        Assert.Equal(81, tiny.AllocateNext());
        var op = allocator.StartOperation(true);
        Assert.Null(op.Allocate(30080));
        Assert.Equal(30081, op.AllocateNext());
        Assert.Equal(1, allocator.Count);
    }
}
