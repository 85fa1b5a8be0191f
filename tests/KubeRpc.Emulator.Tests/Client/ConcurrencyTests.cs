using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>Concurrent writers: one global order, optimistic concurrency, and watchers that see exactly the stored history.</summary>
public sealed class ConcurrencyTests : EmulatorTest
{
    [Fact]
    public async Task ConcurrentUpdates_WatcherSeesEveryVersionInOrder_AndFinalStateMatches()
    {
        const int objects = 10, writers = 4, updatesPerWriter = 25;
        for (var i = 0; i < objects; i++)
        {
            await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service($"s{i}"), "default").DefaultTimeout();
        }
        var start = (await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout()).Metadata.ResourceVersion;
        using var cts = new CancellationTokenSource(TaskTimeouts.Default);
        var seen = new List<(WatchEventType Type, V1Service Obj)>();
        var expected = writers * updatesPerWriter;
        var watchDone = Task.Run(async () =>
        {
            await foreach (var e in Client.CoreV1.WatchListNamespacedServiceAsync("default", resourceVersion: start, cancellationToken: cts.Token))
            {
                seen.Add(e);
                if (seen.Count == expected)
                {
                    return;
                }
            }
        });

        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; n < updatesPerWriter; n++)
            {
                var name = $"s{(w + n) % objects}";
                while (true)
                {
                    var current = await Client.CoreV1.ReadNamespacedServiceAsync(name, "default");
                    current.Metadata.Labels = new Dictionary<string, string> { ["writer"] = $"w{w}-{n}" };
                    try
                    {
                        await Client.CoreV1.ReplaceNamespacedServiceAsync(current, name, "default");
                        break;
                    }
                    catch (HttpOperationException e) when ((int)e.Response.StatusCode == 409)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                }
            }
        })));
        await watchDone.DefaultTimeout();

        var versions = seen.Select(e => long.Parse(e.Obj.Metadata.ResourceVersion, CultureInfo.InvariantCulture)).ToList();
        Assert.All(seen, e => Assert.Equal(WatchEventType.Modified, e.Type));
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        var final = await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout();
        foreach (var svc in final.Items.Where(s => s.Metadata.Name != "kubernetes"))
        {
            var last = seen.Last(e => e.Obj.Metadata.Name == svc.Metadata.Name).Obj;
            Assert.Equal(svc.Metadata.ResourceVersion, last.Metadata.ResourceVersion);
            Assert.Equal(svc.Metadata.Labels["writer"], last.Metadata.Labels["writer"]);
        }
    }
}
