namespace KubeRpc.Server.Hosting;

/// <summary>Where KubeRpc listens (configuration section <c>Server</c>).</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>gRPC over h2c.</summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:50051";

    /// <summary>HTTP/1.1 management endpoint: /healthz, /readyz, /metrics.</summary>
    public string ManagementUrl { get; set; } = "http://127.0.0.1:9464";

    /// <summary>Most HTTP/2 streams per connection (long-lived watches each hold one).</summary>
    public int MaxStreamsPerConnection { get; set; } = 1000;
}
