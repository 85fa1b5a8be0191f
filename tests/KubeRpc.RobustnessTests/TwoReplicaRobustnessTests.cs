using k8s;
using KubeRpc.RobustnessTests.Checking;
using KubeRpc.RobustnessTests.Cluster;
using KubeRpc.RobustnessTests.History;
using KubeRpc.RobustnessTests.Workload;
using Xunit.Abstractions;

namespace KubeRpc.RobustnessTests;

/// <summary>
/// Two KubeRpc replicas (A directly, B through a proxy that resets and blackholes) share one API server while
/// writers, readers and informer-like subscribers work through both and faults fall on the API server, on B's path
/// and on the subscribers' streams. Everything is recorded, then <see cref="HistoryChecker"/> judges the history.
/// </summary>
/// <remarks>
/// The seed fixes the workload and the faults, not the thread interleavings. The short form runs in CI; a long one:
/// <c>ROBUSTNESS_SECONDS=600 ROBUSTNESS_SEED=random dotnet test tests/KubeRpc.RobustnessTests --logger "console;verbosity=detailed"</c>
/// (the seed is printed first; <c>ROBUSTNESS_SEED=&lt;n&gt;</c> repeats it).
/// </remarks>
public sealed class TwoReplicaRobustnessTests(ITestOutputHelper output)
{
    private const int Subscribers = 8;
    private const int Writers = 4;
    private const int Readers = 3;

    /// <summary>
    /// Short enough that a blackholed path recovers within the run: a watch silent for 3 s (the API server bookmarks
    /// every second) is restarted, a request unanswered for 4 s fails; backoff stays under 1.5 s. A small watch queue.
    /// </summary>
    private static readonly Dictionary<string, string?> ReplicaSettings = new()
    {
        ["Cache:StallTimeout"] = "00:00:03",
        ["Cache:InitialBackoff"] = "00:00:00.300",
        ["Cache:MaxBackoff"] = "00:00:01.500",
        ["Kubernetes:RequestTimeout"] = "00:00:04",
        // Small, so that a subscriber's long stall ends its stream as too slow (WATCH_TOO_SLOW, or a reset stream).
        ["Watch:QueueCapacity"] = "32",
    };

    [Fact]
    public async Task TwoReplicasUnderFaults_HistoryHoldsEveryPromise()
    {
        var run = RobustnessRun.FromEnvironment();
        output.WriteLine($"seed {run.Seed} (ROBUSTNESS_SEED={run.Seed} repeats it), {run.Seconds} s of faults");
        await using var api = await SharedApiServer.StartAsync();
        using var pathOfB = new FaultyProxy(api.Port);
        await using var a = await Replica.StartAsync("A", await api.KubeConfigAsync("a", api.Port), ReplicaSettings);
        await using var b = await Replica.StartAsync("B", await api.KubeConfigAsync("b", pathOfB.Port), ReplicaSettings);
        Replica[] replicas = [a, b];

        var random = new Random(run.Seed);
        var recorder = new Recorder();
        // The last two see only tier=a: writers move objects between tiers, so their streams carry selector transitions.
        var subscribers = Enumerable.Range(0, Subscribers)
            .Select(i => new Subscriber($"subscriber-{i}", replicas, i % 2, random.Next(), i >= Subscribers - 2 ? "a" : null)).ToList();
        var writers = Enumerable.Range(0, Writers).Select(i => new Writer($"w{i}", replicas, recorder, random.Next())).ToList();
        var readers = Enumerable.Range(0, Readers).Select(i => new Reader($"r{i}", replicas, recorder, api.Emulator, random.Next())).ToList();
        var faults = new FaultSchedule(api.Emulator.Faults, pathOfB, b, random.Next());

        using var stopClients = new CancellationTokenSource();
        using var stopSubscribers = new CancellationTokenSource();
        var subscribing = subscribers.Select(x => Task.Run(() => x.RunAsync(stopSubscribers.Token))).ToList();
        var working = writers.Select(w => Task.Run(() => w.RunAsync(stopClients.Token)))
            .Concat(readers.Select(r => Task.Run(() => r.RunAsync(stopClients.Token))))
            .Append(Task.Run(() => faults.RunAsync(stopClients.Token))).ToList();

        await Task.Delay(TimeSpan.FromSeconds(run.Seconds));
        await stopClients.CancelAsync();
        await Task.WhenAll(working).WaitAsync(TimeSpan.FromSeconds(60));
        api.Emulator.Faults.Reset();
        foreach (var subscriber in subscribers)
        {
            subscriber.Calm();
        }
        var listed = (await api.Admin.CoreV1.ListNamespacedServiceAsync(SharedApiServer.Namespace)).Items;
        var final = listed.ToDictionary(s => $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}", s => Subscriber.Rv(s.Metadata.ResourceVersion),
            StringComparer.Ordinal);
        Dictionary<string, long> Visible(string tier) => listed.Where(s => s.Metadata.Labels is { } labels && labels.TryGetValue("tier", out var t) && t == tier)
            .ToDictionary(s => $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}", s => Subscriber.Rv(s.Metadata.ResourceVersion), StringComparer.Ordinal);
        // Bounded: a subscriber that has not converged in 30 s is reported by the checker with what it lacks.
        using (var converging = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await Task.WhenAll(subscribers.Select(x => x.UntilAsync(x.Tier is null ? final : Visible(x.Tier), converging.Token)));
        }
        await stopSubscribers.CancelAsync();
        await Task.WhenAll(subscribing).WaitAsync(TimeSpan.FromSeconds(30));

        var history = new RunHistory(
            Within(api.Changes.StartState()).ToDictionary(c => c.Key, c => c.Rv, StringComparer.Ordinal),
            [.. Within(api.Changes.Read())],
            recorder.Writes(),
            recorder.Reads(),
            [.. subscribers.Select(x => x.Record())],
            final);
        var violations = HistoryChecker.Check(history);
        // Subscribers list again only when told OUT_OF_RANGE or cut inside a relist's batch; a cache relists once per armed
        // 410 at most, each replica once per API server restart, and a restarted replica's new cache starts after the
        // versions its subscribers hold: more listings than that mean streams that could have resumed did not.
        var relistBudget = faults.Expiries + (2 * faults.Restarts) + faults.ReplicaRestarts;
        foreach (var subscriber in history.Subscribers)
        {
            var relists = subscriber.Steps.OfType<Listed>().Count() - 1;
            if (relists > relistBudget)
            {
                violations.Add($"{subscriber.Name} listed again {relists} times; the caches could relist at most {relistBudget}");
            }
        }
        var report = Report(history, faults, readers, relistBudget);
        output.WriteLine(report);
        Assert.True(violations.Count == 0,
            $"seed {run.Seed}: {violations.Count} violations\n{string.Join("\n", violations.Take(40))}\n{report}");
    }

    /// <summary>How often the subscriber listed again because its stream ended inside a relist's batch.</summary>
    private static int CutInsideABatch(SubscriberRecord subscriber)
    {
        var (cuts, inBatch, ended) = (0, false, false);
        foreach (var step in subscriber.Steps)
        {
            switch (step)
            {
                case Received r:
                    (inBatch, ended) = (r.RelistBatch, false);
                    break;
                case Ended:
                    ended = inBatch;
                    break;
                case Listed:
                    cuts += ended ? 1 : 0;
                    (inBatch, ended) = (false, false);
                    break;
            }
        }
        return cuts;
    }

    private static IEnumerable<ApiChange> Within(IEnumerable<Emulator.Storage.LoggedChange> changes) =>
        changes.Where(c => c.Namespace == SharedApiServer.Namespace)
            .Select(c => new ApiChange(c.Type, $"{c.Namespace}/{c.Name}", c.ResourceVersion, c.Labels.GetValueOrDefault("op"),
                c.Labels.GetValueOrDefault("tier")));

    private static string Report(RunHistory history, FaultSchedule faults, List<Reader> readers, int relistBudget)
    {
        var writes = history.Writes.GroupBy(w => w.Outcome).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}");
        var ends = history.Subscribers.SelectMany(s => s.Steps).OfType<Ended>()
            .GroupBy(e => e.ByClient ? $"dropped by client{(e.Detail is null ? "" : " (its library said " + e.Detail.Split(':')[0] + ")")}"
                : $"{e.Code}{(e.Reason is null ? "" : " " + e.Reason)}{(e.ReplicaRestarted && e.Reason is null ? " (replica restarting)" : "")}")
            .Select(g => $"{g.Key} x{g.Count()}");
        var events = history.Subscribers.SelectMany(s => s.Steps).OfType<Received>().Count();
        return string.Join("\n",
            $"API server: {history.Changes.Count} changes to Services in the namespace, {history.FinalState.Count} at the end",
            $"faults: {faults.Summary()}",
            $"writes: {history.Writes.Count} ({string.Join(", ", writes)}), through A {history.Writes.Count(w => w.Replica == "A")}, B {history.Writes.Count(w => w.Replica == "B")}",
            $"reads: {history.Reads.Count} answered (cached {history.Reads.Count(r => !r.Strong)}, across replicas {history.Reads.Count(r => r.MinFromReplica is { } from && from != r.Replica)}, " +
            $"lists {history.Reads.Count(r => r.Key is null)}), {readers.Sum(r => r.Errors)} failed",
            $"subscribers: {events} events received ({history.Subscribers.SelectMany(s => s.Steps).OfType<Received>().Count(r => r.RelistBatch)} of relist batches), " +
            $"listings {string.Join(" ", history.Subscribers.Select(s => s.Steps.OfType<Listed>().Count()))} (relist budget {relistBudget}; " +
            $"{history.Subscribers.Sum(CutInsideABatch)} after a stream cut inside a relist batch)",
            $"stream ends: {string.Join(", ", ends)}");
    }
}
