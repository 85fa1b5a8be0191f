namespace KubeRpc.Server.Hosting;

/// <summary>Where KubeRpc listens (configuration section <c>Server</c>).</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>gRPC: http:// for h2c, https:// with <see cref="Tls"/> for HTTP/2 over TLS.</summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:50051";

    /// <summary>HTTP/1.1 management endpoint: /healthz, /readyz, /metrics.</summary>
    public string ManagementUrl { get; set; } = "http://127.0.0.1:9464";

    /// <summary>Most HTTP/2 streams per connection (long-lived watches each hold one).</summary>
    public int MaxStreamsPerConnection { get; set; } = 1000;

    /// <summary>
    /// A client connection that nothing has come in on for this long gets an HTTP/2 PING; 0 sends none. Watch streams are idle
    /// for long stretches: the pings keep idle-timing proxies and load balancers from cutting them silently, and
    /// find clients that vanished without closing their connection (see <see cref="KeepAlivePingTimeout"/>).
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A PING not acknowledged within this long closes the connection, ending its watches and freeing their slots.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>TLS on the gRPC endpoint (<c>Server:Tls</c>); the management endpoint stays plain HTTP/1.1.</summary>
    public TlsOptions Tls { get; set; } = new();
}
