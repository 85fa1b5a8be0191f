using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Watching;

namespace KubeRpc.Server.Grpc.Watches;

/// <summary>How every watch-like stream holds its place in the <see cref="WatchLimiter"/> and reports how it ended.</summary>
internal static class WatchSlots
{
    /// <summary>
    /// Runs <paramref name="stream"/> in a slot of <paramref name="limiter"/>: RESOURCE_EXHAUSTED (TOO_MANY_WATCHES) when
    /// none is free; a <see cref="WatchFailedException"/> becomes its status; a client that left ends quietly; the slot is
    /// given back however the stream ends (at once, by whoever ends it first).
    /// </summary>
    public static async Task RunAsync(WatchLimiter limiter, string kind, Func<WatchSlot, Task> stream, CancellationToken cancellationToken)
    {
        var slot = WatchSlot.TryTake(limiter, kind);
        if (slot is null)
        {
            WatchMetrics.EndedBy(kind, "too_many");
            throw WatchStatuses.From(new WatchFailedException(WatchFailure.TooManyWatches, kind, "") { Limit = limiter.Limit });
        }
        try
        {
            await stream(slot);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left (or its deadline passed): nothing to report to anyone.
        }
        catch (WatchFailedException e)
        {
            slot.Release(e.Failure);
            throw WatchStatuses.From(e);
        }
        finally
        {
            slot.Release();
        }
    }
}
