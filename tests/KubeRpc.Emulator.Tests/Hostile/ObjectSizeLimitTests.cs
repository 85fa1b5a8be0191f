using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Hostile;

/// <summary>
/// Objects larger than etcd stores (1.5 MiB, measured as the stored JSON with its managedFields) are refused on
/// every kind of write with 413 <c>etcdserver: request is too large</c>, and nothing changes.
/// </summary>
public sealed class ObjectSizeLimitTests : EmulatorTest
{
    private const int Limit = 1536 * 1024;
    private const string Big = HostileRequests.Services + "/big";
    private static readonly Dictionary<string, string> Manager = new() { ["fieldManager"] = "m" };

    /// <summary><c>"l00001":"v"</c> and so on; managedFields list each label again (<c>"f:l00001":{}</c>).</summary>
    private static string Labels(int count, int from = 0) =>
        string.Join(",", Enumerable.Range(from, count).Select(i => $"\"l{i:d5}\":\"v\""));

    private static string Service(int labels) =>
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"big","labels":{""" + Labels(labels) + """}},"spec":{"ports":[{"port":80}]}}""";

    private static void AssertTooLarge(HostileRequests.Reply reply, string what)
    {
        Assert.True(reply.Code == 413, $"{what}: {reply}");
        Assert.Equal("RequestEntityTooLarge", reply.Reason);
        Assert.Equal("etcdserver: request is too large", reply.Message);
    }

    [Fact]
    public async Task Write_ObjectGrowingPastTheLimit_RefusedByEveryVerbAndUnchanged()
    {
        var created = await Emulator.SendAsync("POST", HostileRequests.Services, "application/json", Service(52_000));
        Assert.Equal(201, created.Code);
        Assert.InRange(created.Body.Length, 1_300_000, Limit);
        var version = Emulator.ResourceVersion;
        var more = "{" + Labels(20_000, from: 52_000) + "}";

        var update = await Emulator.SendAsync("PUT", Big, "application/json", Service(65_000));
        var merge = await Emulator.SendAsync("PATCH", Big, "application/merge-patch+json", """{"metadata":{"labels":""" + more + "}}");
        var strategic = await Emulator.SendAsync("PATCH", Big, "application/strategic-merge-patch+json", """{"metadata":{"labels":""" + more + "}}");
        var json = await Emulator.SendAsync("PATCH", Big, "application/json-patch+json",
            """[{"op":"add","path":"/metadata/annotations","value":{"a":"__"}}]""".Replace("__", new string('x', 250_000), StringComparison.Ordinal));
        var apply = await Emulator.SendAsync("PATCH", Big, "application/apply-patch+yaml", Service(65_000), Manager);

        AssertTooLarge(update, "update");
        AssertTooLarge(merge, "merge patch");
        AssertTooLarge(strategic, "strategic merge patch");
        AssertTooLarge(json, "JSON patch");
        AssertTooLarge(apply, "apply");
        Assert.Equal(version, Emulator.ResourceVersion);
        Assert.Equal(created.Body, (await Emulator.SendAsync("GET", Big)).Body);
    }

    [Theory]
    [InlineData("POST", HostileRequests.Services, "application/json")]
    [InlineData("PATCH", Big, "application/apply-patch+yaml")]
    public async Task Create_ObjectPastTheLimit_RefusedAndNothingStored(string method, string path, string contentType)
    {
        var version = Emulator.ResourceVersion;

        var reply = await Emulator.SendAsync(method, path, contentType, Service(65_000), Manager);

        AssertTooLarge(reply, method);
        Assert.Equal(version, Emulator.ResourceVersion);
        Assert.Equal(404, (await Emulator.SendAsync("GET", Big)).Code);
    }

    [Fact]
    public async Task Create_NinetyThousandLabels_RefusedBecauseManagedFieldsListEachLabelToo()
    {
        // 1.2 MB of labels, but the stored object (as etcd would hold it) is twice that with its managedFields.
        var body = Service(90_000);
        Assert.InRange(body.Length, 1_000_000, 1_400_000);

        var reply = await Emulator.SendAsync("POST", HostileRequests.Services, "application/json", body, Manager);

        AssertTooLarge(reply, "create");
    }
}
