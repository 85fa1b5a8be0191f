using System.Net;
using KubeRpc.Server.Access;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// gRPC on HTTP/2 (h2c on http://, TLS with ALPN h2 on https:// with <see cref="TlsOptions"/>) and the management endpoint on
/// plain HTTP/1.1, from <see cref="ServerOptions"/>.
/// </summary>
internal static class KestrelEndpoints
{
    private const string GrpcSetting = $"{ServerOptions.SectionName}:{nameof(ServerOptions.GrpcUrl)}";
    private const string CertificateSetting = TlsFiles.CertificateSetting;
    private const string KeySetting = TlsFiles.KeySetting;
    private const string ClientCaSetting = TlsFiles.ClientCaSetting;

    public static void ConfigureKestrelEndpoints(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        ValidateKeepAlive(options);
        ValidateTls(options);
        if (options.Tls.Enabled)
        {
            // Read now, so a file that cannot be used stops the start with one line (Program) naming its setting.
            var load = TlsCertificates.Load(options.Tls);
            builder.Services.AddSingleton(provider => load(provider.GetRequiredService<ILoggerFactory>().CreateLogger("KubeRpc.Tls"), TimeProvider.System));
            builder.Services.AddSingleton<IClientCertificateAuthorities>(provider => provider.GetRequiredService<TlsCertificates>());
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Each watch stream holds an HTTP/2 stream; the default 100 would stall the 101st subscriber.
            kestrel.Limits.Http2.MaxStreamsPerConnection = options.MaxStreamsPerConnection;
            ConfigureKeepAlive(kestrel, options);
            var tls = options.Tls.Enabled ? kestrel.ApplicationServices.GetRequiredService<TlsCertificates>() : null;
            Listen(kestrel, GrpcSetting, options.GrpcUrl, HttpProtocols.Http2, tls);
            Listen(kestrel, $"{ServerOptions.SectionName}:{nameof(ServerOptions.ManagementUrl)}", options.ManagementUrl, HttpProtocols.Http1, tls: null);
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

    /// <summary>The certificate and key come together, only on an https:// gRPC URL, and an https:// URL needs them.</summary>
    private static void ValidateTls(ServerOptions options)
    {
        var tls = options.Tls;
        if (string.IsNullOrEmpty(tls.CertificateFile) != string.IsNullOrEmpty(tls.KeyFile))
        {
            var (missing, given) = string.IsNullOrEmpty(tls.KeyFile) ? (KeySetting, CertificateSetting) : (CertificateSetting, KeySetting);
            throw new Kubernetes.InvalidSettingException($"{missing}: not set, but {given} is; TLS needs both");
        }
        if (!tls.Enabled && !string.IsNullOrEmpty(tls.ClientCaFile))
        {
            throw new Kubernetes.InvalidSettingException($"{ClientCaSetting}: client certificates need TLS: set {CertificateSetting} and {KeySetting}");
        }
        var https = Uri.TryCreate(options.GrpcUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
        if (https && !tls.Enabled)
        {
            throw new Kubernetes.InvalidSettingException($"{GrpcSetting}: \"{options.GrpcUrl}\" is https:// but {CertificateSetting} and {KeySetting} are not set");
        }
        if (tls.Enabled && !https)
        {
            throw new Kubernetes.InvalidSettingException($"{GrpcSetting}: \"{options.GrpcUrl}\" must be an https:// URL when {CertificateSetting} is set");
        }
    }

    private static void ConfigureKeepAlive(KestrelServerOptions kestrel, ServerOptions options)
    {
        kestrel.Limits.Http2.KeepAlivePingDelay = options.KeepAlivePingDelay == TimeSpan.Zero ? TimeSpan.MaxValue : options.KeepAlivePingDelay;
        kestrel.Limits.Http2.KeepAlivePingTimeout = options.KeepAlivePingTimeout;
    }

    private static void Listen(KestrelServerOptions kestrel, string setting, string url, HttpProtocols protocols, TlsCertificates? tls)
    {
        if (string.IsNullOrEmpty(url))
        {
            return;
        }
        var scheme = tls is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != scheme)
        {
            throw new Kubernetes.InvalidSettingException(tls is null
                ? $"{setting}: \"{url}\" is not an http:// URL (this endpoint is plain HTTP; TLS on gRPC takes {CertificateSetting} and {KeySetting})"
                : $"{setting}: \"{url}\" is not an https:// URL");
        }
        Action<ListenOptions> configure = listen =>
        {
            listen.Protocols = protocols;
            if (tls is not null)
            {
                // A callback per connection, so each handshake takes the certificates as they are now (rotation).
                listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = _ => ValueTask.FromResult(tls.ServerAuthentication()) });
            }
        };
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
