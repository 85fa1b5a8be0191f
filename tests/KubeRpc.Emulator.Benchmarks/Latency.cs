using System.Diagnostics;
using System.Globalization;

namespace KubeRpc.Emulator.Benchmarks;

/// <summary>Collects call durations and reports percentiles.</summary>
internal sealed class Latency
{
    private readonly List<double> _micros = [];

    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await call();
        lock (_micros)
        {
            _micros.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
        return result;
    }

    public string Summary()
    {
        var sorted = _micros.Order().ToArray();
        string P(double q) => Format(sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))]);
        return $"p50 {P(0.50)}, p99 {P(0.99)} (n={sorted.Length})";
    }

    public static string Format(double micros) => micros >= 1000
        ? (micros / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " ms"
        : micros.ToString("0", CultureInfo.InvariantCulture) + " µs";
}
