using System.Diagnostics;
using KubeRpc.Emulator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KubeRpc.Emulator.Tests.Hostile;

/// <summary>
/// Strategic merge patches (and the writes that share their machinery) with hostile lists: a client error with a
/// short message, never a 5xx or an escaping exception, and work that grows with the list, not its square.
/// </summary>
public sealed class StrategicMergePatchAbuseTests(ITestOutputHelper output) : EmulatorTest
{
    private const string Web = HostileRequests.Services + "/web";
    private const string Smp = "application/strategic-merge-patch+json";

    /// <summary>Generous for a loaded two-core machine; before the fix 3,000 ports alone took 20 seconds.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public override async Task InitializeAsync()
    {
        var created = await Emulator.SendAsync("POST", HostileRequests.Services, "application/json",
            """{"metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}""");
        Assert.Equal(201, created.Code);
    }

    private static string Numbers(int count) => string.Join(",", Enumerable.Range(0, count));

    private static string Ports(int count, bool named) => string.Join(",", Enumerable.Range(1, count)
        .Select(i => named ? $$"""{"name":"p{{i}}","port":{{i}}}""" : $$"""{"port":{{i}}}"""));

    private static string Labels(int count) => string.Join(",", Enumerable.Range(1, count).Select(i => $"\"l{i}\":\"v\""));

    private static string Excerpt(string? message) => message is null ? "" : message[..Math.Min(message.Length, 200)];

    private async Task<HostileRequests.Reply> TimedAsync(string what, Func<Task<HostileRequests.Reply>> send)
    {
        var clock = Stopwatch.StartNew();
        var reply = await send();
        output.WriteLine($"{what}: {clock.ElapsedMilliseconds} ms, {reply.Code} {(reply.Code >= 300 ? Excerpt(reply.Message) : "")}");
        Assert.True(clock.Elapsed < Budget, $"{what} took {clock.Elapsed}");
        return reply;
    }

    [Fact]
    public async Task Patch_ScalarsInAMergeListOfMaps_BadRequestRepeatingAShortPrefix()
    {
        var reply = await Emulator.SendAsync("PATCH", Web, Smp, $$$"""{"spec":{"ports":[{{{Numbers(5000)}}}]}}""");

        Assert.Equal(400, reply.Code);
        Assert.Equal("BadRequest", reply.Reason);
        Assert.StartsWith("list element types are not identical: [[map[port:80 protocol:TCP targetPort:80]] [0 1 2 3 ",
            reply.Message, StringComparison.Ordinal);
        Assert.EndsWith(" ...", reply.Message, StringComparison.Ordinal);
        Assert.True(reply.Message!.Length < 300, reply.Message);
    }

    [Fact]
    public async Task Patch_NumbersAsFinalizers_BadRequestFromDecoding()
    {
        var reply = await Emulator.SendAsync("PATCH", Web, Smp, $$$"""{"metadata":{"finalizers":[{{{Numbers(5000)}}}]}}""");

        Assert.Equal(400, reply.Code);
        Assert.StartsWith("Service in version \"v1\" cannot be handled as a Service: ", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_TenThousandPortsWithoutNames_InvalidWithinSeconds()
    {
        // About 200 KB: every port merges by key into the one live port's list, then validation wants names.
        var reply = await TimedAsync("SMP 10,000 ports", () => Emulator.SendAsync("PATCH", Web, Smp, $$$"""{"spec":{"ports":[{{{Ports(10_000, named: false)}}}]}}"""));

        Assert.Equal(422, reply.Code);
        Assert.StartsWith("Service \"web\" is invalid: [spec.ports[0].name: Required value", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_FiveThousandNamedPortsTwice_MergedWithinSeconds()
    {
        // 5,000 ports with their managedFields stay under etcd's 1.5 MiB; 10,000 would not be stored.
        var first = await TimedAsync("SMP 5,000 new ports", () => Emulator.SendAsync("PATCH", Web, Smp,
            $$$"""{"spec":{"ports":[{{{Ports(5_000, named: true)}}}]}}"""));
        var again = await TimedAsync("SMP the same 5,000 ports", () => Emulator.SendAsync("PATCH", Web, Smp,
            $$$"""{"spec":{"$setElementOrder/ports":[{{{Ports(5_000, named: false)}}}],"ports":[{{{Ports(5_000, named: true)}}}]}}"""));

        Assert.Equal([200, 200], new[] { first.Code, again.Code });
    }

    [Fact]
    public async Task Write_TenThousandPortsAndLabels_RefusedAsTooLargeWithinSeconds()
    {
        // Every stage runs (decoding, defaulting, managed fields, validation, encoding) before the store refuses it.
        var body = Service(10_000);

        var created = await TimedAsync("create", () => Emulator.SendAsync("POST", HostileRequests.Services, "application/json", body));
        var updated = await TimedAsync("update", () => Emulator.SendAsync("PUT", HostileRequests.Services + "/big", "application/json", body));
        var applied = await TimedAsync("apply", () => Emulator.SendAsync("PATCH", HostileRequests.Services + "/big", "application/apply-patch+yaml",
            body, new Dictionary<string, string> { ["fieldManager"] = "m" }));

        Assert.Equal([413, 413, 413], new[] { created.Code, updated.Code, applied.Code });
    }

    [Fact]
    public async Task Write_FourThousandPortsAndLabels_CreateUpdateApplyAndPatchWithinSeconds()
    {
        // Small enough to be stored with two managers owning every field; more is the test above.
        var body = Service(4_000);

        var created = await TimedAsync("create", () => Emulator.SendAsync("POST", HostileRequests.Services, "application/json", body));
        var updated = await TimedAsync("update", () => Emulator.SendAsync("PUT", HostileRequests.Services + "/big", "application/json",
            body.Replace("\"v\"", "\"w\"", StringComparison.Ordinal)));
        var applied = await TimedAsync("apply", () => Emulator.SendAsync("PATCH", HostileRequests.Services + "/big", "application/apply-patch+yaml",
            body, new Dictionary<string, string> { ["fieldManager"] = "m", ["force"] = "true" }));
        var labelled = await TimedAsync("merge patch", () => Emulator.SendAsync("PATCH", HostileRequests.Services + "/big",
            "application/merge-patch+json", """{"metadata":{"labels":{"extra":"1"}}}"""));

        Assert.Equal([201, 200, 200, 200], new[] { created.Code, updated.Code, applied.Code, labelled.Code });
    }

    /// <summary>A Service with <paramref name="count"/> named ports and as many labels.</summary>
    private static string Service(int count) =>
        """{"apiVersion":"v1","kind":"Service","metadata":{"name":"big","labels":{""" + Labels(count) +
        """}},"spec":{"ports":[""" + Ports(count, named: true) + "]}}";
}
