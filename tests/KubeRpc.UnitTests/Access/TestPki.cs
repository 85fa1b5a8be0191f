using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeRpc.UnitTests.Access;

/// <summary>Test CAs and the certificates they issue (ECDSA P-256), and their PEM text, for the TLS and client-certificate tests.</summary>
public static class TestPki
{
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    private static long _serial = DateTime.UtcNow.Ticks;

    /// <summary>A self-signed CA, valid from an hour ago for a day unless told otherwise.</summary>
    public static X509Certificate2 CreateCa(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return CaRequest(name, key).CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddHours(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>An intermediate CA issued by <paramref name="issuer"/>.</summary>
    public static X509Certificate2 CreateIntermediate(X509Certificate2 issuer, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(name, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issued = request.Create(issuer, issuer.NotBefore, issuer.NotAfter, NextSerial());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A client certificate: CN <paramref name="user"/>, one O per group in that order; extended key usage clientAuth unless told otherwise (none: no extension).</summary>
    public static X509Certificate2 IssueClient(X509Certificate2 issuer, string user, string[]? groups = null, string[]? usages = null,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        // The builder encodes the last name added first: the subject is encoded O=<groups[0]>, O=<groups[1]>, …, CN=<user>.
        var subject = new X500DistinguishedNameBuilder();
        if (user.Length > 0)
        {
            subject.AddCommonName(user);
        }
        foreach (var group in (groups ?? []).Reverse())
        {
            subject.AddOrganizationName(group);
        }
        return Issue(issuer, subject.Build(), usages ?? [ClientAuth], null, notBefore, notAfter);
    }

    /// <summary>A server certificate for 127.0.0.1 and localhost.</summary>
    public static X509Certificate2 IssueServer(X509Certificate2 issuer, string name = "kuberpc")
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        return Issue(issuer, new X500DistinguishedName($"CN={name}"), [ServerAuth], names.Build(), null, null);
    }

    /// <summary>The certificate's PEM block and a line end, so blocks can be concatenated into a bundle.</summary>
    public static string CertificatePem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    public static string KeyPem(X509Certificate2 certificate) =>
        (certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("no ECDSA key")).ExportPkcs8PrivateKeyPem();

    private static CertificateRequest CaRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, X500DistinguishedName subject, string[] usages, X509Extension? names,
        DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (usages.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var usage in usages)
            {
                oids.Add(new Oid(usage));
            }
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-10);
        var until = notAfter ?? DateTimeOffset.UtcNow.AddHours(12);
        using var issued = request.Create(issuer, from, until, NextSerial());
        return issued.CopyWithPrivateKey(key);
    }

    private static byte[] NextSerial() => new BigInteger(Interlocked.Increment(ref _serial)).ToByteArray(isUnsigned: true, isBigEndian: true);
}
