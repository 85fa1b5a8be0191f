namespace KubeRpc.Server.Access;

/// <summary>The log messages of access control. Never a token, a certificate or an object's body.</summary>
internal static partial class AccessLog
{
    [LoggerMessage(EventId = 300, EventName = "RbacWatchOpened", Level = LogLevel.Debug,
        Message = "Watching {Resource} for RBAC changes")]
    public static partial void RbacWatchOpened(ILogger logger, string resource);

    [LoggerMessage(EventId = 301, EventName = "RbacWatchFailed", Level = LogLevel.Warning,
        Message = "The watch of {Resource} for RBAC changes failed ({Error}: {Message}); decisions are not remembered until it is back, retrying in {Backoff}")]
    public static partial void RbacWatchFailed(ILogger logger, string resource, string error, string message, TimeSpan backoff);

    [LoggerMessage(EventId = 302, EventName = "StreamRecheckFailed", Level = LogLevel.Warning,
        Message = "Could not re-authorize an open watch of {Resource} for {User} ({Error}); it stays open and is checked again at the next change or interval")]
    public static partial void StreamRecheckFailed(ILogger logger, string resource, string user, string error);

    [LoggerMessage(EventId = 303, EventName = "StreamAccessRevoked", Level = LogLevel.Information,
        Message = "Ended a watch of {Resource} for {User}: {Loss}")]
    public static partial void StreamAccessRevoked(ILogger logger, string resource, string user, AccessLoss loss);
}
