namespace KubeRpc.Benchmarks;

/// <summary>
/// Watch delivery throughput at N subscribers as a ratio to a bare gRPC server stream of the same message size,
/// measured in the same process and run, interleaved (performance.md §3; issue 5: ≥ 50 % of the bare stream).
/// </summary>
/// <remarks>
/// The KubeRpc side is not bound by its source of changes: by default a <see cref="ServiceFeed"/> stands in for the API
/// server (KubeRpc still decodes, caches and broadcasts every event); <c>--source emulator</c> patches a label in the
/// in-process emulator instead, whose one write lock bounds the rate. A ramp finds the highest rate every subscriber
/// keeps up with (none ended with WATCH_TOO_SLOW, all delivered, the schedule kept). A replay burst out of the
/// server's history is a second figure with no source competing. Everything shares the process and its cores: the
/// figures are ratios, not absolute capacities.
/// </remarks>
internal static class WatchThroughputBenchmark
{
    /// <summary>The benchmark's knobs (see Program.cs for the flags).</summary>
    internal sealed record Settings(int Subscribers, TimeSpan Duration, TimeSpan Step, int Rounds, int Pool, int Writers,
        double StartRate, int ReplayEvents, bool Parse, bool Feed, TimeSpan HistoryRetention, bool BareEvent);

    public static async Task RunAsync(Settings s)
    {
        Console.WriteLine($"\n## Watch throughput at {s.Subscribers} subscribers beside a bare gRPC server stream (same process, loopback h2c)");
        await using var host = await WatchThroughputHost.StartAsync(s.Pool, s.Writers, s.Feed, s.HistoryRetention);
        var sample = await host.SampleEventAsync();
        host.Bare.Event = sample;
        var eventSize = sample.CalculateSize();
        var payload = WatchThroughputHost.PayloadFor(eventSize);
        var connections = (s.Subscribers + StreamChannels.StreamsPerChannel - 1) / StreamChannels.StreamsPerChannel;
        Console.WriteLine($"message: a MODIFIED ServiceEvent of {eventSize} B; " +
            (s.BareEvent ? "the bare server writes that same ServiceEvent. " : $"the bare EchoReply carries {payload} B of payload to match. ") +
            $"{s.Subscribers} streams on {connections} connection(s) per server; readers {(s.Parse ? "parse every message" : "count without parsing")}; " +
            $"changes: {host.Source.Description}; watch options at their defaults but Watch:HistoryRetention {s.HistoryRetention.TotalSeconds:0} s " +
            "(the history keeps its floor of the last 10,000 events, so the heap does not grow with the run's length)");
        var phases = new WatchThroughputPhases(host, s.Subscribers, s.Parse, payload, s.BareEvent);
        Console.WriteLine($"warm-up (discarded): {await phases.BareAsync(TimeSpan.FromSeconds(3))}");
        Console.WriteLine($"warm-up (discarded): {await phases.SustainedAsync(s.StartRate, TimeSpan.FromSeconds(3))}");
        Console.WriteLine($"warm-up (discarded): {await phases.ReplayAsync(Math.Min(s.ReplayEvents, 1000))}");
        Console.WriteLine($"idle (both servers, nothing open): {await UntilQuietAsync()}");
        var ceiling = await phases.ProducingCeilingAsync(s.Step);
        Console.WriteLine($"{ceiling.Name}: {ceiling.OfferedPerSecond:N0} changes/s, {ceiling.EventsPerSecond:N0} events/s into KubeRpc's cache " +
            $"(until it had the last); CPU {ceiling.Cores:0.00} cores, {ceiling.CpuMicrosecondsPerMessage:0.0} µs per event: the most events any subscriber count can get");
        var rate = await WatchThroughputRamp.FindAsync(phases, s.StartRate, s.Step, s.Subscribers);
        var producing = await phases.SourceAloneAsync(rate, s.Duration);
        Console.WriteLine($"{producing.Name} at {rate:N0} events/s: CPU {producing.Cores:0.00} cores ({producing.KernelShare:P0} kernel), {producing.CpuMicrosecondsPerMessage:0.0} µs per event, " +
            $"GC {producing.Used.GcPause.TotalMilliseconds:N0} ms paused, {producing.Used.Gen2} gen2, heap {producing.Used.HeapBytes / 1e6:N0} MB " +
            "(source, informer, broadcaster)");
        Console.WriteLine($"idle before the rounds: {await UntilQuietAsync()}");

        var rounds = new List<(ThroughputPhase Bare, ThroughputPhase Ours, ThroughputPhase Replay)>();
        for (var r = 1; r <= s.Rounds; r++)
        {
            var bare = await phases.BareAsync(s.Duration);
            var ours = await phases.SustainedAsync(rate, s.Duration, $"KubeRpc sustained at {rate:N0} events/s");
            var replay = await phases.ReplayAsync(s.ReplayEvents);
            rounds.Add((bare, ours, replay));
            Console.WriteLine($"round {r}: {bare}");
            Console.WriteLine($"round {r}: {ours}; ratio to bare {ours.MessagesPerSecond / bare.MessagesPerSecond:0.00}" +
                (ours.Sustained(s.Subscribers) ? "" : " — NOT sustained"));
            Console.WriteLine($"round {r}: {replay}; ratio to bare {replay.MessagesPerSecond / bare.MessagesPerSecond:0.00}");
            if (!ours.Sustained(s.Subscribers))
            {
                rate /= 1.1;
            }
        }
        Report(rounds, ceiling, s.Subscribers);
    }

    private static void Report(List<(ThroughputPhase Bare, ThroughputPhase Ours, ThroughputPhase Replay)> rounds,
        ThroughputPhase ceiling, int subscribers)
    {
        var kept = rounds.Where(r => r.Ours.Sustained(subscribers)).ToList();
        var bare = Median(rounds.Select(r => r.Bare.MessagesPerSecond));
        Console.WriteLine($"bare server stream, {subscribers} streams: median {bare:N0} messages/s, " +
            $"{Median(rounds.Select(r => r.Bare.CpuMicrosecondsPerMessage)):0.0} µs CPU per message (server and reader)");
        if (kept.Count > 0)
        {
            var ours = kept.Select(r => r.Ours).ToList();
            Console.WriteLine($"watch throughput, {subscribers} subscribers, sustained with none ended ({kept.Count} of {rounds.Count} rounds): " +
                $"median {Median(ours.Select(o => o.MessagesPerSecond)):N0} messages/s delivered " +
                $"({Median(ours.Select(o => o.EventsPerSecond)):N0} events/s), ended 0; " +
                $"ratio to the bare stream of the same round: median {Median(kept.Select(r => r.Ours.MessagesPerSecond / r.Bare.MessagesPerSecond)):0.00} (target ≥ 0.50); " +
                $"{Median(ours.Select(o => o.CpuMicrosecondsPerMessage)):0.0} µs CPU per message, the producing side included " +
                $"(bare ÷ that: {Median(kept.Select(r => r.Bare.CpuMicrosecondsPerMessage / r.Ours.CpuMicrosecondsPerMessage)):0.00})");
            var events = Median(ours.Select(o => o.EventsPerSecond));
            if (events >= 0.8 * ceiling.EventsPerSecond)
            {
                Console.WriteLine($"note: {events:N0} events/s is near what the source alone reached ({ceiling.EventsPerSecond:N0}/s): " +
                    "this figure is bound by the source, not by delivery");
            }
        }
        else
        {
            Console.WriteLine($"watch throughput, {subscribers} subscribers: no round was sustained with none ended");
        }
        Console.WriteLine($"watch replay burst, {subscribers} subscribers: median {Median(rounds.Select(r => r.Replay.MessagesPerSecond)):N0} messages/s, " +
            $"ended {rounds.Sum(r => r.Replay.Ended)}; ratio to the bare stream of the same round: " +
            $"median {Median(rounds.Select(r => r.Replay.MessagesPerSecond / r.Bare.MessagesPerSecond)):0.00}; " +
            $"{Median(rounds.Select(r => r.Replay.CpuMicrosecondsPerMessage)):0.0} µs CPU per message " +
            $"(bare ÷ that: {Median(rounds.Select(r => r.Bare.CpuMicrosecondsPerMessage / r.Replay.CpuMicrosecondsPerMessage)):0.00})");
    }

    /// <summary>
    /// Waits (at most 30 s) until the process is nearly idle: after a warm-up the tiered JIT keeps recompiling hot
    /// methods for seconds (about half a core on 2 shared cores), which would be charged to the next window.
    /// </summary>
    private static async Task<string> UntilQuietAsync()
    {
        var waited = new ThroughputPhase.Meter();
        double cores;
        do
        {
            var window = new ThroughputPhase.Meter();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            cores = window.Cpu.TotalSeconds / window.Elapsed.TotalSeconds;
        }
        while (cores > 0.05 && waited.Elapsed < TimeSpan.FromSeconds(30));
        return $"CPU {cores:0.00} cores after {waited.Elapsed.TotalSeconds:0.0} s (the JIT's tier-up after the warm-up)";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
