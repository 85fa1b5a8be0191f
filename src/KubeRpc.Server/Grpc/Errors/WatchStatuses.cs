using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KubeRpc.Machinery.Text;
using KubeRpc.Server.Watching;

namespace KubeRpc.Server.Grpc.Errors;

/// <summary>The statuses of a watch that failed (<see cref="WatchFailure"/>), each with an ErrorInfo naming kind and version.</summary>
internal static class WatchStatuses
{
    public const string TooSlowReason = "WATCH_TOO_SLOW";
    public const string ShuttingDownReason = "SHUTTING_DOWN";
    public const string TooManyWatchesReason = "TOO_MANY_WATCHES";

    public static RpcException From(WatchFailedException e)
    {
        var (kind, rv) = (e.Kind, e.ResourceVersion);
        return e.Failure switch
        {
            WatchFailure.TooSlow => Build(StatusCode.Aborted,
                $"the watch of {kind} fell too far behind and was ended; resume from resource_version \"{rv}\"", TooSlowReason, e),
            WatchFailure.ShuttingDown => Build(StatusCode.Unavailable,
                $"the server is shutting down; resume the watch of {kind} from resource_version \"{rv}\" on another replica", ShuttingDownReason, e),
            WatchFailure.TooManyWatches => Build(StatusCode.ResourceExhausted,
                $"this server already serves {e.Limit} watch streams; retry later or on another replica", TooManyWatchesReason, e, withoutVersion: true),
            WatchFailure.Expired => Build(StatusCode.OutOfRange, $"too old resource version: {Excerpt.Of(rv)} ({e.Oldest})",
                ErrorReasons.ResourceVersionExpired, e),
            // Rare: it needs namespaces cached separately whose changes interleaved (ResumeCheck.Ambiguous).
            WatchFailure.Ambiguous => Build(StatusCode.OutOfRange,
                $"resource version {Excerpt.Of(rv)} cannot be resumed without losing or repeating a change: " +
                "changes around it arrived out of version order (namespaces are watched separately); list again",
                ErrorReasons.ResourceVersionExpired, e),
            // The changes after it were collapsed into the relist's (ResumeCheck.Collapsed): list again once, then watch.
            WatchFailure.Collapsed => Build(StatusCode.OutOfRange,
                $"resource version {Excerpt.Of(rv)} is inside a relist of the cache, which collapsed the " +
                "changes after it; list again, then watch from the list's resource_version",
                ErrorReasons.ResourceVersionExpired, e),
            // kube-apiserver's cacher answers "Too large resource version" the same way: another replica saw it first, or it
            // was never issued; the client retries, here or on another replica.
            WatchFailure.TooLargeResourceVersion => Build(StatusCode.Unavailable, $"Too large resource version: {rv}, current: {e.Current}",
                ErrorReasons.ResourceVersionTooLarge, e, retry: new RetryInfo { RetryDelay = Duration.FromTimeSpan(e.RetryAfter) }),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.Failure, "unknown watch failure"),
        };
    }

    private static RpcException Build(StatusCode code, string message, string reason, WatchFailedException e, bool withoutVersion = false,
        RetryInfo? retry = null) =>
        RichStatus.Create(code, message, RichStatus.Info(reason, ("kind", e.Kind), ("resource_version", withoutVersion ? null : e.ResourceVersion)),
            retry);
}
