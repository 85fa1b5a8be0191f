using k8s;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Clients;

/// <summary>
/// The official JavaScript client (@kubernetes/client-node 2.0, installed by npm ci in Clients/node) against the
/// standalone emulator: CRUD through the typed APIs and an informer that must survive dropped and expired watches.
/// </summary>
public sealed class NodeClientTests
{
    private const string Ns = "js";

    [RequiresNodeClientFact]
    public async Task Crud_ServiceAndIngress_ConflictOnStaleReplaceAndNotFoundAfterDelete()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Node("crud.mjs", server.Url, Ns);
        await CrudScenario.AssertAsync(run, server, Ns);
    }

    /// <summary>Needs the real Service and Ingress strategies (defaults, ClusterIP allocation, generation).</summary>
    [RequiresNodeClientFact]
    public async Task Create_ServiceAndIngress_ClientSeesServerDefaults()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Node("crud.mjs", server.Url, Ns);
        await CrudScenario.AssertServerDefaultsAsync(run);
    }

    [RequiresNodeClientFact]
    public async Task Informer_WatchesEndedByServer_ResumesFromLastResourceVersionWithoutRelist()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Node("informer.mjs", server.Url, Ns);
        var informer = new InformerProbe(run, server, Ns);
        await informer.ExpectStartedAsync(["before"]);

        var a = await informer.CreateAsync("a");
        await informer.ExpectAsync("add", a);
        a = await informer.RelabelAsync(a, "one");
        await informer.ExpectAsync("update", a);
        var before = await informer.DeleteAsync("before");
        await informer.ExpectAsync("delete", before);

        // The stream ends cleanly; the informer reconnects with the resourceVersion of the last event it saw, so
        // changes made meanwhile come from the watch history and no second list is needed.
        server.Emulator.Faults.EndAllWatches();
        var b = await informer.CreateAsync("b");
        var relabelled = await informer.RelabelAsync(b, "two");
        Assert.Equal(2, (await run.ExpectAsync("connect")).Int("count"));
        await informer.ExpectAsync("add", b);
        await informer.ExpectAsync("update", relabelled);

        var cache = await informer.ExpectCacheMatchesServerAsync();
        Assert.Equal(1, cache.Int("lists"));
        await informer.StopAsync();
    }

    [RequiresNodeClientFact]
    public async Task Informer_ReconnectAnsweredWith410_RelistsAndConverges()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Node("informer.mjs", server.Url, Ns);
        var informer = new InformerProbe(run, server, Ns);
        await informer.ExpectStartedAsync(["before"]);
        var a = await informer.CreateAsync("a");
        await informer.ExpectAsync("add", a);

        // The next watch gets ERROR 410 and closes: the informer forgets its resourceVersion and lists again.
        // The changes race with that relist (the client relists at once), so they may arrive as the relist's
        // differences or as watch events: either way the informer must report them and converge.
        server.Emulator.Faults.ExpireNextWatches(1);
        server.Emulator.Faults.EndAllWatches();
        var before = await informer.DeleteAsync("before");
        var c = await informer.CreateAsync("c");
        var lists = await informer.ExpectUnorderedAsync(("delete", before), ("add", c));
        Assert.Contains(lists, l => l.Int("count") == 2);

        var d = await informer.CreateAsync("d");
        await informer.ExpectAsync("add", d);
        var cache = await informer.ExpectCacheMatchesServerAsync();
        Assert.Equal(2, cache.Int("lists"));
        await informer.StopAsync();
    }

    /// <summary>The three patch types the JavaScript client sends, one after another.</summary>
    [RequiresNodeClientFact]
    public async Task Patch_ThreePatchTypes_AppliedInTurn()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Node("patch.mjs", server.Url, Ns);
        foreach (var (kind, label) in new[] { ("json", "json"), ("merge", "merge"), ("strategic", "strategic") })
        {
            var step = await run.NextAsync();
            Assert.True(step.Name == "patched", $"{kind} patch: {step}");
            Assert.Equal(kind, step.Str("kind"));
            Assert.Equal(label, step.Map("labels")["patched"]);
        }
        await run.ExpectDoneAsync();

        V1Service stored = await server.Client.CoreV1.ReadNamespacedServiceAsync("web", Ns).DefaultTimeout();
        Assert.Equal([80, 443], stored.Spec.Ports.Select(p => p.Port).Order());
        Assert.Equal("strategic", stored.Metadata.Labels["patched"]);
    }
}
