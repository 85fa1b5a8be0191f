namespace KubeRpc.Server.Caching;

/// <summary>The informers' log messages (event ids 100–119).</summary>
internal static partial class CachingLog
{
    [LoggerMessage(EventId = 100, EventName = "InformerListed", Level = LogLevel.Information,
        Message = "{Source}: listed {Count} objects at resourceVersion {ResourceVersion} in {ElapsedMs} ms")]
    public static partial void Listed(ILogger logger, string source, int count, long resourceVersion, long elapsedMs);

    [LoggerMessage(EventId = 101, EventName = "InformerWatchRestarted", Level = LogLevel.Debug,
        Message = "{Source}: watch ended ({Cause}) at resourceVersion {ResourceVersion}, {Events} events; retrying in {DelayMs} ms")]
    public static partial void WatchRestarted(ILogger logger, string source, WatchRestartCause cause, long resourceVersion, long events, long delayMs);

    [LoggerMessage(EventId = 102, EventName = "InformerExpired", Level = LogLevel.Information,
        Message = "{Source}: resourceVersion {ResourceVersion} expired (410); relisting")]
    public static partial void Expired(ILogger logger, string source, long resourceVersion);

    [LoggerMessage(EventId = 103, EventName = "InformerFailed", Level = LogLevel.Warning,
        Message = "{Source}: {Operation} failed; retrying in {DelayMs} ms")]
    public static partial void Failed(ILogger logger, Exception exception, string source, string operation, long delayMs);

    [LoggerMessage(EventId = 104, EventName = "InformerStalled", Level = LogLevel.Warning,
        Message = "{Source}: no watch event or bookmark for {StallSeconds} s; restarting the watch from resourceVersion {ResourceVersion}")]
    public static partial void Stalled(ILogger logger, string source, double stallSeconds, long resourceVersion);

    [LoggerMessage(EventId = 105, EventName = "InformerSubscriberFailed", Level = LogLevel.Error,
        Message = "{Kind} informer: a change subscriber threw; the informer carries on")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, string kind);

    [LoggerMessage(EventId = 106, EventName = "InformerCrashed", Level = LogLevel.Critical,
        Message = "{Kind} informer: unexpected failure outside the reflector loop")]
    public static partial void Crashed(ILogger logger, Exception exception, string kind);
}
