using k8s;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Clients;

/// <summary>What informer.mjs reports of one service: name, resourceVersion, labels.</summary>
internal sealed record ServiceSeen(string Name, string Rv, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// Drives informer.mjs: the test's changes go through the in-process client, and each event the informer
/// reports must match the object the change produced (same resourceVersion, same labels).
/// </summary>
internal sealed class InformerProbe(ScriptRun run, StandaloneEmulator server, string ns)
{
    public async Task ExpectStartedAsync(string[] existing)
    {
        Assert.Equal(1, (await run.ExpectAsync("connect")).Int("count"));
        var list = await run.ExpectAsync("list");
        Assert.Equal(existing, list.Strings("names"));
        foreach (var name in existing)
        {
            Assert.Equal(name, (await run.ExpectAsync("add")).Str("name"));
        }
        Assert.Equal(list.Str("rv"), (await run.ExpectAsync("started")).Str("rv"));
    }

    public async Task<ServiceSeen> CreateAsync(string name) =>
        Seen(await server.Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service(name), ns).DefaultTimeout());

    public async Task<ServiceSeen> RelabelAsync(ServiceSeen current, string stage)
    {
        var svc = await server.Client.CoreV1.ReadNamespacedServiceAsync(current.Name, ns).DefaultTimeout();
        svc.Metadata.Labels = new Dictionary<string, string> { ["stage"] = stage };
        return Seen(await server.Client.CoreV1.ReplaceNamespacedServiceAsync(svc, current.Name, ns).DefaultTimeout());
    }

    /// <summary>Deletes a service; what the informer reports is its last state (the cache's copy).</summary>
    public async Task<ServiceSeen> DeleteAsync(string name)
    {
        var svc = await server.Client.CoreV1.ReadNamespacedServiceAsync(name, ns).DefaultTimeout();
        await server.Client.CoreV1.DeleteNamespacedServiceAsync(name, ns).DefaultTimeout();
        return Seen(svc);
    }

    public async Task ExpectAsync(string verb, ServiceSeen expected)
    {
        var step = await run.ExpectAsync(verb);
        Assert.Equal(expected.Name, step.Str("name"));
        if (verb != "delete")
        {
            // A DELETED event carries the deletion's resourceVersion; a relist's delete the cached one.
            Assert.Equal(expected.Rv, step.Str("rv"));
        }
        Assert.Equal(expected.Labels.OrderBy(p => p.Key), step.Map("labels").OrderBy(p => p.Key));
    }

    /// <summary>
    /// Reads until every expected event was reported, in any order, plus the relist the informer announced; connect
    /// and list lines may come in between. Returns the list steps seen.
    /// </summary>
    public async Task<IReadOnlyList<ScriptStep>> ExpectUnorderedAsync(params (string Verb, ServiceSeen Service)[] expected)
    {
        var pending = expected.ToList();
        var lists = new List<ScriptStep>();
        while (pending.Count > 0 || lists.Count == 0)
        {
            var step = await run.NextAsync();
            if (step.Name == "list")
            {
                lists.Add(step);
                continue;
            }
            if (step.Name == "connect")
            {
                continue;
            }
            var match = pending.FindIndex(p => p.Verb == step.Name && p.Service.Name == step.Str("name"));
            Assert.True(match >= 0, $"unexpected informer step {step}; still expecting {string.Join(", ", pending)}");
            Assert.Equal(pending[match].Service.Labels.OrderBy(p => p.Key), step.Map("labels").OrderBy(p => p.Key));
            pending.RemoveAt(match);
        }
        return lists;
    }

    /// <summary>Asks for the informer's cache; it must equal the emulator's list, item for item.</summary>
    public async Task<ScriptStep> ExpectCacheMatchesServerAsync()
    {
        await run.SendAsync("dump");
        var cache = await run.ExpectAsync("cache");
        var list = await server.Client.CoreV1.ListNamespacedServiceAsync(ns).DefaultTimeout();
        var expected = list.Items.Select(s => (s.Metadata.Name, s.Metadata.ResourceVersion)).OrderBy(p => p.Name, StringComparer.Ordinal);
        var actual = cache["items"].EnumerateArray()
            .Select(i => (i.GetProperty("name").GetString()!, i.GetProperty("rv").GetString()!)).OrderBy(p => p.Item1, StringComparer.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Equal(list.Metadata.ResourceVersion, cache.Str("rv"));
        return cache;
    }

    public async Task StopAsync()
    {
        await run.SendAsync("stop");
        await run.ExpectDoneAsync();
    }

    private static ServiceSeen Seen(V1Service svc) =>
        new(svc.Metadata.Name, svc.Metadata.ResourceVersion, new Dictionary<string, string>(svc.Metadata.Labels ?? new Dictionary<string, string>()));
}
