using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KubeRpc.Machinery;
using KubeRpc.Machinery.Text;
using KubeRpc.Server.Grpc.Errors;

namespace KubeRpc.Server.Watching;

/// <summary>The ways a watch stream ends other than the client leaving, each with an ErrorInfo (domain kuberpc.io).</summary>
internal static class WatchErrors
{
    public const string TooSlowReason = "WATCH_TOO_SLOW";
    public const string ShuttingDownReason = "SHUTTING_DOWN";
    public const string TooManyWatchesReason = "TOO_MANY_WATCHES";

    /// <summary>The subscriber's queue overflowed; it resumes from <paramref name="lastResourceVersion"/> and loses nothing.</summary>
    public static RpcException TooSlow(string kind, string lastResourceVersion) =>
        Build(StatusCode.Aborted, $"the watch of {kind} fell too far behind and was ended; resume from resource_version \"{lastResourceVersion}\"",
            TooSlowReason, kind, lastResourceVersion);

    /// <summary>The requested version left the history (Kubernetes' 410 Expired): list again, then watch.</summary>
    public static RpcException Expired(string kind, string requested, long oldest) =>
        Build(StatusCode.OutOfRange, $"too old resource version: {Excerpt.Of(requested)} ({oldest})", ErrorReasons.ResourceVersionExpired, kind, requested);

    /// <summary>
    /// The history cannot tell which changes at <paramref name="requested"/> the client has (see
    /// <see cref="ResumeCheck.Ambiguous"/>): as for an expired version, list again, then watch. Rare: it needs
    /// namespaces cached separately whose changes interleaved.
    /// </summary>
    public static RpcException Ambiguous(string kind, string requested) =>
        Build(StatusCode.OutOfRange, $"resource version {Excerpt.Of(requested)} cannot be resumed without losing or repeating a change: " +
            "changes around it arrived out of version order (namespaces are watched separately); list again",
            ErrorReasons.ResourceVersionExpired, kind, requested);

    /// <summary>
    /// The version lies inside a relist of the cache (<see cref="ResumeCheck.Collapsed"/>): the changes after it were
    /// collapsed into the relist's, so list again (once), then watch from the list's version.
    /// </summary>
    public static RpcException Collapsed(string kind, string requested) =>
        Build(StatusCode.OutOfRange, $"resource version {Excerpt.Of(requested)} is inside a relist of the cache, which collapsed the " +
            "changes after it; list again, then watch from the list's resource_version",
            ErrorReasons.ResourceVersionExpired, kind, requested);

    public static RpcException ShuttingDown(string kind, string lastResourceVersion) =>
        Build(StatusCode.Unavailable, $"the server is shutting down; resume the watch of {kind} from resource_version \"{lastResourceVersion}\" on another replica",
            ShuttingDownReason, kind, lastResourceVersion);

    public static RpcException TooManyWatches(string kind, int limit) =>
        Build(StatusCode.ResourceExhausted, $"this server already serves {limit} watch streams; retry later or on another replica",
            TooManyWatchesReason, kind, null);

    /// <summary>
    /// The version asked for is ahead of this replica's cache and the cache did not reach it within the wait (kube-apiserver's
    /// cacher answers "Too large resource version" the same way): another replica saw it first, or it was never issued.
    /// The client retries, here or on another replica.
    /// </summary>
    public static RpcException TooLargeResourceVersion(string kind, long requested, long current, TimeSpan retry) =>
        Build(StatusCode.Unavailable, $"Too large resource version: {requested}, current: {current}", ErrorReasons.ResourceVersionTooLarge, kind,
            ResourceVersions.Format(requested), new RetryInfo { RetryDelay = Duration.FromTimeSpan(retry) });

    private static RpcException Build(StatusCode code, string message, string reason, string kind, string? resourceVersion,
        RetryInfo? retry = null) =>
        RichStatus.Create(code, message, RichStatus.Info(reason, ("kind", kind), ("resource_version", resourceVersion)), retry);
}
