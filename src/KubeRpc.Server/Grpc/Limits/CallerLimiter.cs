using System.Threading.RateLimiting;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KubeRpc.Server.Grpc.Errors;

namespace KubeRpc.Server.Grpc.Limits;

/// <summary>
/// Per-caller limits on ASP.NET Core's rate limiting primitives (System.Threading.RateLimiting, partitioned by caller):
/// a token bucket for unary calls and a concurrency limit on open watch streams. Over either, RESOURCE_EXHAUSTED; a
/// refused call carries the limiter's own retry-after as RetryInfo. Idle partitions are dropped by the limiter.
/// </summary>
internal sealed class CallerLimiter : IAsyncDisposable
{
    public const string RateLimitedReason = "RATE_LIMITED";
    public const string TooManyWatchesReason = "TOO_MANY_WATCHES";

    private readonly CallerLimitOptions _options;
    private readonly PartitionedRateLimiter<string>? _calls;
    private readonly PartitionedRateLimiter<string>? _watches;

    public CallerLimiter(CallerLimitOptions options)
    {
        _options = options;
        if (options.CallsPerSecond > 0)
        {
            // Refilled ten times a second, so a caller at its limit waits a tenth of a second, not a whole one.
            var perTick = Math.Max(1, options.CallsPerSecond / 10);
            var tick = TimeSpan.FromSeconds(perTick / (double)options.CallsPerSecond);
            _calls = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller,
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.CallBurst,
                    TokensPerPeriod = perTick,
                    ReplenishmentPeriod = tick,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }), StringComparer.Ordinal);
        }
        if (options.WatchesPerCaller > 0)
        {
            _watches = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetConcurrencyLimiter(caller,
                _ => new ConcurrencyLimiterOptions { PermitLimit = options.WatchesPerCaller, QueueLimit = 0 }), StringComparer.Ordinal);
        }
    }

    /// <summary>Takes one unary call from the caller's bucket; RESOURCE_EXHAUSTED with RetryInfo when it is empty.</summary>
    public void TakeCall(string caller)
    {
        if (_calls is null)
        {
            return;
        }
        using var lease = _calls.AttemptAcquire(caller);
        if (!lease.IsAcquired)
        {
            var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : (TimeSpan?)null;
            throw RichStatus.Create(StatusCode.ResourceExhausted,
                $"caller \"{KubeRpc.Machinery.Text.Excerpt.Of(caller)}\" is over its limit of {_options.CallsPerSecond} calls per second " +
                $"(bursts of {_options.CallBurst}); retry later",
                RichStatus.Info(RateLimitedReason, ("limit", _options.CallsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                retry is { } delay ? new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) } : null);
        }
    }

    /// <summary>
    /// A slot for one watch stream of the caller, held until disposed; null when no cap is set. Over the cap,
    /// RESOURCE_EXHAUSTED without RetryInfo: only the end of one of the caller's own streams frees a slot.
    /// </summary>
    public IDisposable? TakeWatch(string caller)
    {
        if (_watches is null)
        {
            return null;
        }
        var lease = _watches.AttemptAcquire(caller);
        if (lease.IsAcquired)
        {
            return lease;
        }
        lease.Dispose();
        throw RichStatus.Create(StatusCode.ResourceExhausted,
            $"caller \"{KubeRpc.Machinery.Text.Excerpt.Of(caller)}\" already holds {_options.WatchesPerCaller} watch streams, its limit; " +
            "end one before opening another",
            RichStatus.Info(TooManyWatchesReason, ("limit", _options.WatchesPerCaller.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("scope", "caller")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_calls is not null)
        {
            await _calls.DisposeAsync();
        }
        if (_watches is not null)
        {
            await _watches.DisposeAsync();
        }
    }
}
