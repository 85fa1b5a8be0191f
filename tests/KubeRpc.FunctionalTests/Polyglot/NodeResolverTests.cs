using System.Text.Json;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Endpoints;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// Client-side load balancing from Node.js: @grpc/grpc-js with the kuberpc resolver of tests/Polyglot/node (watching
/// WatchServiceEndpoints) and round_robin calls the backends behind a Service's Pods directly, every ready one and
/// none whose Pod is not ready, also when that changed while its watch was broken (it resumes); with none ready, the
/// serving and not terminating ones; the resolver's unit cases (node --test); and the README's example as written.
/// </summary>
[Collection(PodBackendsCollection.Name)]
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
            return cluster.Backends.All(b => b.Calls > 0);
        }, () => "calls to reach every backend: " + string.Join(", ", cluster.Backends.Select(b => $"{b.EndPoint} {b.Calls}")), Bound);

        await cluster.MarkNotReadyAsync(2);
        await script.NextAsync("resolved", s => SetOf(s, "addresses").SetEquals(cluster.Addresses(0, 1)), Bound,
            $"the resolver to drop {cluster.Backends[2].EndPoint}, whose Pod is not ready");
        var before = cluster.Backends.Select(b => b.Calls).ToList();
        var after = await CallAsync(script);

        Assert.Equal(before[2], cluster.Backends[2].Calls);
        Assert.True(cluster.Backends[0].Calls > before[0] && cluster.Backends[1].Calls > before[1],
            $"both ready backends answer: {after}");
        Assert.True(SetOf(after, "peers", keys: true).SetEquals(cluster.Addresses(0, 1)), after.ToString());
    }

    [RequiresNodePackagesFact]
    public async Task ReadmeExample_CallsTheReadyBackends()
    {
        await using var cluster = await PodBackends.StartAsync(3);
        await cluster.MarkNotReadyAsync(2);
        // The example's channel starts from what KubeRpc has, so KubeRpc must have seen the Pod turn not ready.
        await UntilTwoOfThreeReadyAsync(cluster);

        var block = ReadmeExamples.Block("### Client-side load balancing (Node)", "js", cluster.GrpcAddress);
        var output = await PolyglotScript.RunToEndAsync("node", ["--input-type=module", "--eval", block], ScriptDirectory, server: null);

        Assert.Equal(string.Join(' ', cluster.Addresses(0, 1).Order(StringComparer.Ordinal)), output.Trim());
        Assert.Equal(0, cluster.Backends[2].Calls);
    }

    [RequiresNodePackagesFact]
    public async Task WatchBroken_ResumesFromItsVersion_AndDropsThePodThatTurnedNotReadyMeanwhile()
    {
        await using var cluster = await PodBackends.StartAsync(3);
        using var relay = new CuttableRelay(new Uri(cluster.Host.Address!).Port);
        await using var script = ScriptSession.Start("node", ["load-balancing.mjs", $"127.0.0.1:{relay.Port}", Target], ScriptDirectory);
        await script.NextAsync("resolved", s => SetOf(s, "addresses").SetEquals(cluster.Addresses(0, 1, 2)), Bound,
            "the resolver to hand grpc-js the three backends");

        relay.CutAndHold();
        await script.NextAsync("watch-broken", _ => true, Bound, "the resolver to see its watch to KubeRpc break");
        await cluster.MarkNotReadyAsync(2);
        await UntilTwoOfThreeReadyAsync(cluster); // the change happens while the client is away
        relay.Release();
        var resumed = await script.NextAsync("resolved", s => SetOf(s, "addresses").SetEquals(cluster.Addresses(0, 1)), Bound,
            $"the resolver to drop {cluster.Backends[2].EndPoint} after its watch resumed");
        var before = cluster.Backends[2].Calls;
        await CallAsync(script);

        // A watch resumed from a version gets what changed since as CHANGED; a new one would start with INITIAL.
        Assert.Equal("SERVICE_ENDPOINTS_EVENT_TYPE_CHANGED", resumed.GetProperty("event").GetString());
        Assert.Equal(before, cluster.Backends[2].Calls);
    }

    [RequiresNodePackagesFact]
    public async Task NoEndpointReady_ServingNotTerminatingOnesServe_AReadyOneWins()
    {
        await using var cluster = await PodBackends.StartAsync(3);
        // A selectorless Service whose EndpointSlice the test writes, addressed by port number this time.
        const string Manual = "manual";
        await cluster.Host.Kubernetes.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = Manual },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = PodBackends.PortName, Port = 80 }] },
        }, PodBackends.Namespace).DefaultTimeout();
        // Backend 0 neither ready nor serving, 1 serving, 2 serving but terminating.
        await cluster.Host.Kubernetes.DiscoveryV1.CreateNamespacedEndpointSliceAsync(
            Slice(cluster, Manual, (false, false, false), (false, true, false), (false, true, true)), PodBackends.Namespace).DefaultTimeout();
        await using var script = ScriptSession.Start("node",
            ["load-balancing.mjs", cluster.GrpcAddress, $"kuberpc:///{Manual}.{PodBackends.Namespace}:80"], ScriptDirectory);

        await script.NextAsync("resolved", s => SetOf(s, "addresses").SetEquals(cluster.Addresses(1)), Bound,
            "the resolver to fall back to the serving, not terminating backend");
        var served = await CallAsync(script);
        Assert.True(SetOf(served, "peers", keys: true).SetEquals(cluster.Addresses(1)), served.ToString());

        await cluster.Host.Kubernetes.DiscoveryV1.ReplaceNamespacedEndpointSliceAsync(
            Slice(cluster, Manual, (true, true, false), (false, true, false), (false, true, true)), Manual, PodBackends.Namespace).DefaultTimeout();
        await script.NextAsync("resolved", s => SetOf(s, "addresses").SetEquals(cluster.Addresses(0)), Bound,
            "the resolver to take the ready backend only");
        served = await CallAsync(script);
        Assert.True(SetOf(served, "peers", keys: true).SetEquals(cluster.Addresses(0)), served.ToString());
    }

    [RequiresNodePackagesFact]
    public Task ResolverUnitCases_TargetsAndEndpointChoice() =>
        PolyglotScript.RunToEndAsync("node", ["--test", "kuberpc-resolver.test.mjs"], ScriptDirectory, server: null);

    private static V1EndpointSlice Slice(PodBackends cluster, string service,
        params (bool Ready, bool Serving, bool Terminating)[] conditions) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = service,
            Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = service },
        },
        AddressType = "IPv4",
        Ports = [new Discoveryv1EndpointPort { Name = PodBackends.PortName, Port = cluster.Backends[0].EndPoint.Port, Protocol = "TCP" }],
        Endpoints = [.. conditions.Select((c, i) => new V1Endpoint
        {
            Addresses = [cluster.Backends[i].EndPoint.Address.ToString()],
            Conditions = new V1EndpointConditions { Ready = c.Ready, Serving = c.Serving, Terminating = c.Terminating },
        })],
    };

    private static Task UntilTwoOfThreeReadyAsync(PodBackends cluster) => cluster.UntilKubeRpcShowsAsync(PodBackends.Service,
        set => set.Endpoints.Count == 3 && set.Endpoints.Count(e => e.Ready) == 2, "two ready endpoints of three");

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
