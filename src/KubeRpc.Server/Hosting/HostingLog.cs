namespace KubeRpc.Server.Hosting;

/// <summary>The host's log messages.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 2, EventName = "EmbeddedApiServing", Level = LogLevel.Information,
        Message = "Embedded cluster serves the Kubernetes API at {Url} (kubectl --server {Url})")]
    public static partial void EmbeddedApiServing(ILogger logger, string url);

    [LoggerMessage(EventId = 5, EventName = "ReadinessChanged", Level = LogLevel.Information,
        Message = "Readiness is now {Status}: {Description}")]
    public static partial void ReadinessChanged(ILogger logger, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus status, string description);

    [LoggerMessage(EventId = 6, EventName = "AuthModeSelected", Level = LogLevel.Information,
        Message = "Auth mode {Requested} resolved to {Mode}")]
    public static partial void AuthModeSelected(ILogger logger, Access.AuthMode requested, Access.AuthMode mode);

    [LoggerMessage(EventId = 7, EventName = "UnauthenticatedOnNetwork", Level = LogLevel.Warning,
        Message = "Auth:Mode None on a gRPC endpoint that is not loopback: any caller that reaches it acts with KubeRpc's own service account")]
    public static partial void UnauthenticatedOnNetwork(ILogger logger);

    [LoggerMessage(EventId = 20, EventName = "TlsCertificateLoaded", Level = LogLevel.Information,
        Message = "gRPC TLS certificate loaded: {Subject}, serial {SerialNumber}, valid until {NotAfter:u}")]
    public static partial void TlsCertificateLoaded(ILogger logger, string subject, string serialNumber, DateTime notAfter);

    [LoggerMessage(EventId = 21, EventName = "ClientCasLoaded", Level = LogLevel.Information,
        Message = "Client certificates are verified against {Count} CA certificates (Server:Tls:ClientCaFile)")]
    public static partial void ClientCasLoaded(ILogger logger, int count);

    [LoggerMessage(EventId = 22, EventName = "TlsFileRefused", Level = LogLevel.Warning,
        Message = "{Problem}; keeping the TLS certificates loaded before")]
    public static partial void TlsFileRefused(ILogger logger, string problem);
}
