using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace KubeRpc.Server.Access;

/// <summary>
/// Decides each call's client certificate against the client CAs as they are now, as kube-apiserver verifies the
/// certificate on every request. The answer is remembered per certificate object (one per TLS connection) until the CAs
/// are rotated or the verified chain expires, so a connection's calls build its chain once.
/// </summary>
internal sealed class ClientCertificateAuthenticator(IClientCertificateAuthorities? authorities, TimeProvider time)
{
    /// <summary>A refused certificate is looked at again after this long: one not yet valid may have become so.</summary>
    private static readonly TimeSpan RefusalKept = TimeSpan.FromMinutes(1);

    private readonly ConditionalWeakTable<X509Certificate2, Verdict> _verdicts = new();

    /// <summary>What the connection's certificate says of the caller; nothing when none was presented or no client CA is set.</summary>
    public CertificateVerdict Authenticate(X509Certificate2? certificate)
    {
        if (certificate is null || authorities?.Current is not { } current)
        {
            return default;
        }
        var now = time.GetUtcNow();
        if (_verdicts.TryGetValue(certificate, out var remembered) && ReferenceEquals(remembered.Authorities, current) && now <= remembered.Until)
        {
            return remembered.Answer;
        }
        var caller = ClientCertificates.Verify(certificate, current, now);
        var verdict = new Verdict(current, new CertificateVerdict(caller, Refused: caller is null), caller?.Expires ?? now + RefusalKept);
        _verdicts.AddOrUpdate(certificate, verdict);
        return verdict.Answer;
    }

    private sealed record Verdict(X509Certificate2Collection Authorities, CertificateVerdict Answer, DateTimeOffset Until);
}

/// <summary>A client certificate's answer: the caller it names when it verifies; <see cref="Refused"/> when one was presented and did not.</summary>
internal readonly record struct CertificateVerdict(Caller? Caller, bool Refused);
