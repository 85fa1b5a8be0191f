namespace KubeRpc.Server.Hosting;

/// <summary>
/// TLS on the gRPC endpoint (configuration section <c>Server:Tls</c>). The files are PEM and are re-read when they change
/// on disk (<see cref="TlsCertificates"/>), so a mounted Secret can be rotated without a restart.
/// </summary>
public sealed class TlsOptions
{
    public const string SectionName = $"{ServerOptions.SectionName}:Tls";

    /// <summary>The server certificate, optionally followed by its intermediates; with <see cref="KeyFile"/>, <c>Server:GrpcUrl</c> must be https://.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The server certificate's unencrypted private key.</summary>
    public string? KeyFile { get; set; }

    /// <summary>CA certificates that client certificates are verified against; when set, clients are asked for a certificate.</summary>
    public string? ClientCaFile { get; set; }

    /// <summary>True when a certificate or key file is named.</summary>
    public bool Enabled => !string.IsNullOrEmpty(CertificateFile) || !string.IsNullOrEmpty(KeyFile);
}
