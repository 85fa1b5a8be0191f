using KubeRpc.Emulator.Faults;

namespace KubeRpc.FunctionalTests.Watching.Stress;

/// <summary>
/// Faults denser than an API server's bad day, chosen by a seed: watches dropped, watches answered 410 (the
/// informer relists), LISTs of Services failing with 429 (the informer backs off) or 500, latency.
/// </summary>
internal sealed class StressFaults(FaultInjector faults, int seed)
{
    private readonly Random _random = new(seed);

    public List<string> Applied { get; } = [];

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_random.Next(100, 500), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            switch (_random.Next(10))
            {
                case 0 or 1 or 2:
                    faults.EndAllWatches();
                    Applied.Add("end watches");
                    break;
                case 3 or 4:
                    faults.ExpireNextWatches(1 + _random.Next(2));
                    faults.EndAllWatches();
                    Applied.Add("410");
                    break;
                case 5:
                    faults.FailNextRequests(1 + _random.Next(3), 429, retryAfterSeconds: 0, verb: "list", resource: "services");
                    Applied.Add("list 429");
                    break;
                case 6:
                    faults.FailNextRequests(1 + _random.Next(2), 500, verb: "list", resource: "services");
                    Applied.Add("list 500");
                    break;
                case 7:
                    faults.Latency = TimeSpan.FromMilliseconds(_random.Next(0, 20));
                    Applied.Add($"latency {faults.Latency.TotalMilliseconds} ms");
                    break;
            }
        }
    }
}
