using System.Diagnostics;

namespace KubeRpc.Benchmarks;

/// <summary>
/// One measured window of the throughput benchmark: messages delivered to the readers inside it, how long it took,
/// the whole process's CPU over it (server, client and writers share the process and the 2 cores), and how many
/// streams ended on their own.
/// </summary>
internal sealed record ThroughputPhase(string Name, long Messages, ThroughputPhase.Usage Used, int Ended, string? FirstEnd)
{
    public TimeSpan Elapsed => Used.Elapsed;

    public TimeSpan Cpu => Used.Cpu;

    /// <summary>The kernel's part of <see cref="Cpu"/> (loopback TCP, scheduling).</summary>
    public TimeSpan KernelCpu => Used.Kernel;

    /// <summary>Events written per second (KubeRpc phases; 0 for the bare stream).</summary>
    public double EventsPerSecond { get; init; }

    /// <summary>Events asked of the writers per second (sustained phases).</summary>
    public double OfferedPerSecond { get; init; }

    /// <summary>Whether every reader had every event within the drain limit after the writers stopped.</summary>
    public bool Drained { get; init; } = true;

    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;

    public double Cores => Cpu.TotalSeconds / Elapsed.TotalSeconds;

    public double KernelShare => Cpu > TimeSpan.Zero ? KernelCpu / Cpu : 0;

    public double CpuMicrosecondsPerMessage => Messages == 0 ? 0 : Cpu.TotalMilliseconds * 1000 / Messages;

    /// <summary>A sustained window counts only if no stream ended, the writers kept the schedule and delivery kept up.</summary>
    public bool Sustained(int subscribers) =>
        Ended == 0 && Drained && EventsPerSecond >= 0.97 * OfferedPerSecond && Messages >= 0.95 * EventsPerSecond * Elapsed.TotalSeconds * subscribers;

    public override string ToString()
    {
        var events = EventsPerSecond > 0 ? $" ({EventsPerSecond:N0} events/s)" : "";
        var ended = Ended > 0 ? $"ended {Ended} ({FirstEnd})" : "ended 0";
        var drained = Drained ? "" : ", NOT drained within 2 s";
        return $"{Name}: {MessagesPerSecond:N0} messages/s{events}, {ended}{drained}; CPU {Cores:0.00} cores ({KernelShare:P0} kernel), " +
            $"{CpuMicrosecondsPerMessage:0.0} µs/message; GC {Used.GcPause.TotalMilliseconds:N0} ms paused, {Used.Gen2} gen2, heap {Used.HeapBytes / 1e6:N0} MB";
    }

    /// <summary>Wall time, process CPU and its kernel part over one window.</summary>
    public readonly record struct Usage(TimeSpan Elapsed, TimeSpan Cpu, TimeSpan Kernel, TimeSpan GcPause, int Gen2, long HeapBytes);

    /// <summary>Process CPU and wall time from its creation, for one window.</summary>
    public sealed class Meter
    {
        private readonly TimeSpan _cpu = Environment.CpuUsage.TotalTime;
        private readonly TimeSpan _kernel = Environment.CpuUsage.PrivilegedTime;
        private readonly TimeSpan _gcPause = GC.GetTotalPauseDuration();
        private readonly int _gen2 = GC.CollectionCount(2);
        private readonly long _start = Stopwatch.GetTimestamp();

        public TimeSpan Cpu => Environment.CpuUsage.TotalTime - _cpu;

        public Usage Read()
        {
            var usage = Environment.CpuUsage;
            return new Usage(Elapsed, usage.TotalTime - _cpu, usage.PrivilegedTime - _kernel, GC.GetTotalPauseDuration() - _gcPause,
                GC.CollectionCount(2) - _gen2, GC.GetTotalMemory(forceFullCollection: false));
        }

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);
    }
}
