using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeRpc.Emulator.Hosting;

/// <summary>
/// A throwaway serving certificate for <c>127.0.0.1</c> and <c>localhost</c>, made in memory when the emulator serves
/// HTTPS. kubectl sends a bearer token only over TLS (client-go's <c>clientcmd</c> drops every credential for a plain
/// <c>http://</c> server), so using a token from <c>kubectl create token</c> with kubectl needs this.
/// </summary>
public static class SelfSignedCertificate
{
    /// <summary>A certificate valid from a day ago for a year, with its private key, never written to disk.</summary>
    public static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=kuberpc-emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        // Through PKCS#12 so that the TLS stack can use the key on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
