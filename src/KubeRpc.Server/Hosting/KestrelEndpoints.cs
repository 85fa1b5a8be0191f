using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace KubeRpc.Server.Hosting;

/// <summary>gRPC on h2c (HTTP/2 only, prior knowledge) and the management endpoint on HTTP/1.1, from <see cref="ServerOptions"/>.</summary>
internal static class KestrelEndpoints
{
    public static void ConfigureKestrelEndpoints(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        ValidateKeepAlive(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Each watch stream holds an HTTP/2 stream; the default 100 would stall the 101st subscriber.
            kestrel.Limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
            ConfigureKeepAlive(kestrel, options);
            Listen(kestrel, $"{ServerOptions.SectionName}:{nameof(ServerOptions.GrpcUrl)}", options.GrpcUrl, HttpProtocols.Http2);
            Listen(kestrel, $"{ServerOptions.SectionName}:{nameof(ServerOptions.ManagementUrl)}", options.ManagementUrl, HttpProtocols.Http1);
        });
    }

    /// <summary>Kestrel's own bounds, checked at once so a bad value names its setting instead of failing inside Kestrel at start.</summary>
    private static void ValidateKeepAlive(ServerOptions options)
    {
        if (options.KeepAlivePingDelay != TimeSpan.Zero && options.KeepAlivePingDelay < TimeSpan.FromSeconds(1))
        {
            throw new Kubernetes.InvalidSettingException(
                $"{ServerOptions.SectionName}:{nameof(ServerOptions.KeepAlivePingDelay)} must be 0 (no pings) or at least 1 s, got {options.KeepAlivePingDelay}");
        }
        if (options.KeepAlivePingTimeout < TimeSpan.FromSeconds(1))
        {
            throw new Kubernetes.InvalidSettingException(
                $"{ServerOptions.SectionName}:{nameof(ServerOptions.KeepAlivePingTimeout)} must be at least 1 s, got {options.KeepAlivePingTimeout}");
        }
    }

    private static void ConfigureKeepAlive(KestrelServerOptions kestrel, ServerOptions options)
    {
        kestrel.Limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelay == TimeSpan.Zero ? TimeSpan.MaxValue : options.KeepAlivePingDelay;
        kestrel.Limits.Http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout;
    }

    private static void Listen(KestrelServerOptions kestrel, string setting, string url, HttpProtocols protocols)
    {
        if (string.IsNullOrEmpty(url))
        {
            return;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new Kubernetes.InvalidSettingException($"{setting}: \"{url}\" is not an http:// URL (h2c); terminate TLS in front of KubeRpc");
        }
        Action<ListenOptions> configure = listen => listen.Protocols = protocols;
        switch (uri.Host)
        {
            case "localhost":
                kestrel.ListenLocalhost(uri.Port, configure);
                break;
            case "*" or "+" or "0.0.0.0":
                kestrel.ListenAnyIP(uri.Port, configure);
                break;
            default:
                kestrel.Listen(IPAddress.TryParse(uri.Host, out var address) ? address
                    : throw new Kubernetes.InvalidSettingException($"{setting}: host \"{uri.Host}\" must be localhost, *, 0.0.0.0 or an IP address"),
                    uri.Port, configure);
                break;
        }
    }
}
