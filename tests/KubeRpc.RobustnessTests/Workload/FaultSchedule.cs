using KubeRpc.Emulator.Faults;
using KubeRpc.RobustnessTests.Cluster;

namespace KubeRpc.RobustnessTests.Workload;

/// <summary>
/// Faults chosen by a seed, denser than an API server's bad day: watches dropped, watches answered 410 (the caches
/// relist), LISTs failing with 429 or 500, any request failing with 503, latency, an API server restart (every watch
/// ends, history compacted), the path from replica B to the API server reset or silently blackholed, and replica B
/// restarted (a new process with a new cache on the same address).
/// </summary>
internal sealed class FaultSchedule(FaultInjector api, FaultyProxy pathOfB, Replica b, int seed)
{
    private static readonly TimeSpan RestartSpacing = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan ReplicaRestartSpacing = TimeSpan.FromSeconds(15);
    private readonly Random _random = new(seed);

    public List<string> Applied { get; } = [];

    /// <summary>Watch expiries armed (each can make one cache relist) and restarts (each makes every cache relist).</summary>
    public int Expiries { get; private set; }

    public int Restarts { get; private set; }

    /// <summary>Restarts of replica B (each makes a subscriber there resuming from before it list again).</summary>
    public int ReplicaRestarts { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var lastRestart = DateTime.UtcNow;
        var lastReplicaRestart = DateTime.UtcNow;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_random.Next(150, 700), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            switch (_random.Next(15))
            {
                case 0 or 1 or 2:
                    api.EndAllWatches();
                    Applied.Add("end watches");
                    break;
                case 3 or 4:
                    var n = 1 + _random.Next(2);
                    api.ExpireNextWatches(n);
                    api.EndAllWatches();
                    Expiries += n;
                    Applied.Add("410");
                    break;
                case 5:
                    api.FailNextRequests(1 + _random.Next(3), 429, retryAfterSeconds: 0, verb: "list", resource: "services");
                    Applied.Add("list 429");
                    break;
                case 6:
                    api.FailNextRequests(1 + _random.Next(2), 500, verb: "list", resource: "services");
                    Applied.Add("list 500");
                    break;
                case 7:
                    api.FailNextRequests(1 + _random.Next(2), 503, retryAfterSeconds: 0);
                    Applied.Add("any 503");
                    break;
                case 8:
                    api.Latency = TimeSpan.FromMilliseconds(_random.Next(0, 30));
                    Applied.Add("latency");
                    break;
                case 9 or 10:
                    pathOfB.Reset();
                    Applied.Add("reset B");
                    break;
                case 11:
                    pathOfB.Blackhole(TimeSpan.FromMilliseconds(_random.Next(500, 3000)));
                    Applied.Add("blackhole B");
                    break;
                case 12 or 13 when DateTime.UtcNow - lastRestart > RestartSpacing:
                    api.RestartApiServer();
                    Restarts++;
                    lastRestart = DateTime.UtcNow;
                    Applied.Add("restart");
                    break;
                case 14 when DateTime.UtcNow - lastReplicaRestart > ReplicaRestartSpacing:
                    await b.RestartAsync();
                    ReplicaRestarts++;
                    lastReplicaRestart = DateTime.UtcNow;
                    Applied.Add("restart replica B");
                    break;
            }
        }
    }

    public string Summary() => string.Join(", ", Applied.GroupBy(f => f).Select(g => $"{g.Key} x{g.Count()}"));
}
