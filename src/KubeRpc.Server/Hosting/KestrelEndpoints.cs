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
            Listen(kestrel, options.GrpcUrl, HttpProtocols.Http2);
            Listen(kestrel, options.ManagementUrl, HttpProtocols.Http1);
        });
    }

    /// <summary>Kestrel's own bounds, checked at once so a bad value names its setting instead of failing inside Kestrel at start.</summary>
    private static void ValidateKeepAlive(ServerOptions options)
    {
        if (options.KeepAlivePingDelay != TimeSpan.Zero && options.KeepAlivePingDelay < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException(
                $"{ServerOptions.SectionName}:{nameof(ServerOptions.KeepAlivePingDelay)} must be 0 (no pings) or at least 1 s, got {options.KeepAlivePingDelay}");
        }
        if (options.KeepAlivePingTimeout < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException(
                $"{ServerOptions.SectionName}:{nameof(ServerOptions.KeepAlivePingTimeout)} must be at least 1 s, got {options.KeepAlivePingTimeout}");
        }
    }

    private static void ConfigureKeepAlive(KestrelServerOptions kestrel, ServerOptions options)
    {
        kestrel.Limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelay == TimeSpan.Zero ? TimeSpan.MaxValue : options.KeepAlivePingDelay;
        kestrel.Limits.Http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout;
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        if (string.IsNullOrEmpty(url))
        {
            return;
        }
        var uri = new Uri(url);
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException($"{url}: only http:// (h2c) endpoints are supported; terminate TLS in front of KubeRpc");
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
                kestrel.Listen(IPAddress.Parse(uri.Host), uri.Port, configure);
                break;
        }
    }
}
