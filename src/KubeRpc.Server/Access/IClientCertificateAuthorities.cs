using System.Security.Cryptography.X509Certificates;

namespace KubeRpc.Server.Access;

/// <summary>
/// The CA certificates client certificates are verified against, as they are now: the file behind them may be rotated
/// while KubeRpc runs (Hosting/TlsCertificates). A new set is a new collection, never a changed one.
/// </summary>
public interface IClientCertificateAuthorities
{
    /// <summary>The trusted CAs; null when client certificates are not used.</summary>
    X509Certificate2Collection? Current { get; }
}
