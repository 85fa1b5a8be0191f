using System.Globalization;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.Server.Caching;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KubeRpc.FunctionalTests.Watching.Stress;

/// <summary>
/// Subscribers that rebuild state as client-go informers do, while the API server drops watches, answers 410, fails
/// LISTs and is slow, writers write their own Services, and the subscribers drop, stall and resume their streams. At
/// the end every subscriber holds what the cluster holds, every acknowledged last write is in the cluster, no object's
/// version went back within a stream, and no subscriber re-listed more often than the cache did.
/// </summary>
/// <remarks>
/// A seed fixes the workload and the faults, not the thread interleavings. CI runs the short form with a fixed seed;
/// a longer run with a random seed: <c>WATCH_STRESS_SECONDS=120 WATCH_STRESS_SEED=random dotnet test
/// tests/KubeRpc.FunctionalTests --filter FullyQualifiedName~RelistStressTests</c>.
/// </remarks>
public sealed class RelistStressTests(ITestOutputHelper output)
{
    private const int Subscribers = 20;
    private const int Writers = 4;

    [Fact]
    public async Task FaultsRelistsAndReconnects_EverySubscriberConverges_NoLossNoRepeatNoExtraRelist()
    {
        var seed = Environment.GetEnvironmentVariable("WATCH_STRESS_SEED") switch
        {
            null or "" => 20261204,
            "random" => Random.Shared.Next(),
            var given => int.Parse(given, CultureInfo.InvariantCulture),
        };
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("WATCH_STRESS_SECONDS"), out var s) ? s : 15;
        output.WriteLine($"seed {seed}, {seconds} s of faults");
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
        {
            // Failed LISTs and short watches still hold the cache back for a while (and cached reads fall back to the API
            // server), but for 0.3 to 1.5 s instead of client-go's 0.8 to 30, so a short run sees several relists.
            ["Cache:InitialBackoff"] = "00:00:00.300",
            ["Cache:MaxBackoff"] = "00:00:01.500",
        }).DefaultTimeout();
        var random = new Random(seed);
        var subscribers = Enumerable.Range(0, Subscribers).Select(i => new StressSubscriber(host.Services, random.Next(), $"subscriber-{i}")).ToList();
        var writers = Enumerable.Range(0, Writers).Select(i => new StressWriter(host.Services, random.Next(), $"w{i}", 6)).ToList();
        var faults = new StressFaults(host.Emulator.Faults, random.Next());

        using var stopWriting = new CancellationTokenSource();
        using var stopSubscribers = new CancellationTokenSource();
        var subscribing = subscribers.Select(x => Task.Run(() => x.RunAsync(stopSubscribers.Token))).ToList();
        var writing = writers.Select(w => Task.Run(() => w.RunAsync(stopWriting.Token))).ToList();
        var faulting = Task.Run(() => faults.RunAsync(stopWriting.Token));

        await Task.Delay(TimeSpan.FromSeconds(seconds));
        await stopWriting.CancelAsync();
        await Task.WhenAll(writing.Append(faulting)).WaitAsync(TimeSpan.FromSeconds(30));
        host.Emulator.Faults.Reset();
        foreach (var subscriber in subscribers)
        {
            subscriber.Calm();
        }
        var cluster = await ServiceWatch.ClusterStateAsync(host.Kubernetes);
        var informer = host.ServerServices.GetRequiredService<ResourceInformer<Service, V1Service>>();
        // Bounded: a subscriber that has not converged after 30 s is reported below, with what it lacks.
        using (var converging = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await Task.WhenAll(subscribers.Select(x => x.UntilAsync(state => Same(state, cluster), converging.Token)));
        }
        await stopSubscribers.CancelAsync();
        await Task.WhenAll(subscribing).WaitAsync(TimeSpan.FromSeconds(30));

        var report = Report(subscribers, cluster, informer, faults);
        output.WriteLine(report);
        var failures = new List<string>();
        foreach (var subscriber in subscribers)
        {
            failures.AddRange(subscriber.Violations);
            if (!Same(subscriber.Snapshot(), cluster))
            {
                failures.Add($"{subscriber.Name} did not converge: {Difference(subscriber.Snapshot(), cluster)}");
            }
            if (subscriber.Relists > informer.Metrics.Relists)
            {
                failures.Add($"{subscriber.Name} re-listed {subscriber.Relists} times, the cache {informer.Metrics.Relists}");
            }
        }
        foreach (var writer in writers)
        {
            foreach (var (name, version) in writer.Acknowledged.Where(a => !writer.Uncertain.Contains(a.Key)))
            {
                var key = $"default/{name}";
                if (version is null ? cluster.ContainsKey(key) : !cluster.TryGetValue(key, out var stored) || stored != version)
                {
                    failures.Add($"acknowledged last write of {key} ({version ?? "deleted"}) is not what the cluster holds");
                }
            }
        }
        Assert.True(failures.Count == 0, $"seed {seed}:\n" + string.Join("\n", failures.Take(40)) + "\n" + report);
    }

    private static bool Same(Dictionary<string, string> state, Dictionary<string, string> cluster) =>
        state.Count == cluster.Count && state.All(s => cluster.TryGetValue(s.Key, out var rv) && rv == s.Value);

    private static string Difference(Dictionary<string, string> state, Dictionary<string, string> cluster) =>
        string.Join(", ", state.Where(s => !cluster.TryGetValue(s.Key, out var rv) || rv != s.Value)
            .Select(s => $"holds {s.Key}@{s.Value}{(cluster.TryGetValue(s.Key, out var rv) ? $" (cluster {rv})" : " (deleted)")}")
            .Concat(cluster.Where(c => !state.ContainsKey(c.Key)).Select(c => $"lacks {c.Key}@{c.Value}")).Take(10));

    private static string Report(List<StressSubscriber> subscribers, Dictionary<string, string> cluster,
        ResourceInformer<Service, V1Service> informer, StressFaults faults)
    {
        var lines = new List<string>
        {
            $"cluster: {cluster.Count} services; cache relists {informer.Metrics.Relists}, watch restarts " +
            string.Join(", ", informer.Metrics.WatchRestartsByCause.Select(r => $"{r.Key} {r.Value}")),
            $"faults: {string.Join(", ", faults.Applied.GroupBy(f => f.Split(' ')[0]).Select(g => $"{g.Key} x{g.Count()}"))}",
            $"subscriber relists: {string.Join(" ", subscribers.Select(x => x.Relists))}",
        };
        var failingOnes = subscribers.Where(x => x.Violations.Count > 0 || !Same(x.Snapshot(), cluster))
            .Concat(subscribers.Where(x => x.Relists > informer.Metrics.Relists).OrderByDescending(x => x.Relists)).Distinct();
        foreach (var failing in failingOnes.Take(2))
        {
            lines.Add($"-- last of {failing.Name}:");
            lines.AddRange(failing.History.TakeLast(40));
        }
        return string.Join("\n", lines);
    }
}
