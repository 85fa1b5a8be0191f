using System.Text.Json;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// Client-side load balancing from Node.js: @grpc/grpc-js with the kuberpc resolver of tests/Polyglot/node (watching
/// WatchServiceEndpoints) and round_robin calls the backends behind a Service's Pods directly, every ready one and
/// none whose Pod is not ready; and the README's example as written.
/// </summary>
public sealed class NodeResolverTests
{
    private const string Target = $"kuberpc:///{PodBackends.Service}.{PodBackends.Namespace}:{PodBackends.PortName}";

    // Generous: a Node start, connections to three backends and the watch's round trips, on two shared CI cores.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static string ScriptDirectory => PolyglotScript.Directory("node");

    [RequiresNodePackagesFact]
    public async Task RoundRobin_ReachesEveryReadyBackend_AndNoneOnceItsPodIsNotReady()
    {
        await using var cluster = await PodBackends.StartAsync(3);
        await using var script = ScriptSession.Start("node", ["load-balancing.mjs", cluster.GrpcAddress, Target], ScriptDirectory);

        await script.NextAsync("resolved", s => SetOf(s, "addresses").SetEquals(cluster.Addresses(0, 1, 2)), Bound,
            "the resolver to hand grpc-js the three backends");
        // round_robin picks among connected backends only: the first calls may go to fewer while the others connect.
        await Polling.UntilAsync(async () =>
        {
            await CallAsync(script);
            return cluster.Backends.All(b => b.Checks > 0);
        }, () => "calls to reach every backend: " + string.Join(", ", cluster.Backends.Select(b => $"{b.EndPoint} {b.Checks}")), Bound);

        await cluster.MarkNotReadyAsync(2);
        await script.NextAsync("resolved", s => SetOf(s, "addresses").SetEquals(cluster.Addresses(0, 1)), Bound,
            $"the resolver to drop {cluster.Backends[2].EndPoint}, whose Pod is not ready");
        var before = cluster.Backends.Select(b => b.Checks).ToList();
        var after = await CallAsync(script);

        Assert.Equal(before[2], cluster.Backends[2].Checks);
        Assert.True(cluster.Backends[0].Checks > before[0] && cluster.Backends[1].Checks > before[1],
            $"both ready backends answer: {after}");
        Assert.True(SetOf(after, "peers", keys: true).SetEquals(cluster.Addresses(0, 1)), after.ToString());
    }

    [RequiresNodePackagesFact]
    public async Task ReadmeExample_CallsTheReadyBackends()
    {
        await using var cluster = await PodBackends.StartAsync(3);
        await cluster.MarkNotReadyAsync(2);
        // The example's channel starts from what KubeRpc has, so KubeRpc must have seen the Pod turn not ready.
        await Polling.UntilAsync(async () =>
        {
            var set = await cluster.Host.Services.ResolveServiceEndpointsAsync(
                new ResolveServiceEndpointsRequest { Namespace = PodBackends.Namespace, Name = PodBackends.Service }).ResponseAsync.DefaultTimeout();
            return set.Endpoints.Count == 3 && set.Endpoints.Count(e => e.Ready) == 2;
        }, () => "KubeRpc to show two ready endpoints of three", Bound);

        var block = ReadmeExamples.Block("### Client-side load balancing (Node)", "js", cluster.GrpcAddress);
        var output = await PolyglotScript.RunToEndAsync("node", ["--input-type=module", "--eval", block], ScriptDirectory, server: null);

        Assert.Equal(string.Join(' ', cluster.Addresses(0, 1).Order(StringComparer.Ordinal)), output.Trim());
        Assert.Equal(0, cluster.Backends[2].Checks);
    }

    private static async Task<JsonElement> CallAsync(ScriptSession script)
    {
        await script.SendAsync("call 30");
        var called = await script.NextAsync("called", _ => true, Bound, "30 calls");
        Assert.True(called.GetProperty("errors").GetArrayLength() == 0, called.ToString());
        return called;
    }

    private static HashSet<string> SetOf(JsonElement step, string property, bool keys = false) => keys
        ? step.GetProperty(property).EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
        : step.GetProperty(property).EnumerateArray().Select(a => a.GetString()!).ToHashSet(StringComparer.Ordinal);
}
