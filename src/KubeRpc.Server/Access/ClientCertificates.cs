using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace KubeRpc.Server.Access;

/// <summary>
/// kube-apiserver's x509 authenticator: a client certificate that chains to one of the client CAs (and to nothing else),
/// is within its validity, and is meant for client authentication names the caller: user = Subject CN, groups = each
/// Subject O in order, plus <c>system:authenticated</c>; no uid, no extra. A certificate without a CN names no one.
/// </summary>
internal static class ClientCertificates
{
    public const string AuthenticatedGroup = "system:authenticated";
    private const string ClientAuthUsage = "1.3.6.1.5.5.7.3.2";
    private const string AnyUsage = "2.5.29.37.0";
    private const string CommonNameOid = "2.5.4.3";
    private const string OrganizationOid = "2.5.4.10";

    /// <summary>The caller <paramref name="certificate"/> names, when it verifies against <paramref name="authorities"/> at <paramref name="now"/>; else null.</summary>
    public static Caller? Verify(X509Certificate2 certificate, X509Certificate2Collection authorities, DateTimeOffset now)
    {
        if (authorities.Count == 0 || !AllowsClientAuth(certificate))
        {
            return null;
        }
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(authorities);
        policy.ExtraStore.AddRange(authorities);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        // A certificate from the wire must not make KubeRpc fetch its issuers from URLs it names.
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        policy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthUsage));
        try
        {
            if (!chain.Build(certificate))
            {
                return null;
            }
            var expires = chain.ChainElements.Min(e => new DateTimeOffset(e.Certificate.NotAfter.ToUniversalTime()));
            return IdentityOf(certificate) is { } caller ? caller with { Expires = expires } : null;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                if (!ReferenceEquals(element.Certificate, certificate))
                {
                    element.Certificate.Dispose();
                }
            }
        }
    }

    /// <summary>The caller a certificate's subject names (no verification); null without a CN or with a subject that cannot be read.</summary>
    public static Caller? IdentityOf(X509Certificate2 certificate)
    {
        if (SubjectOf(certificate.SubjectName) is not ({ Length: > 0 } user, var organizations))
        {
            return null;
        }
        var groups = new List<string>(organizations);
        if (!groups.Contains(AuthenticatedGroup))
        {
            groups.Add(AuthenticatedGroup);
        }
        return new Caller(user, "", groups, new Dictionary<string, IReadOnlyList<string>>());
    }

    /// <summary>
    /// The subject's CN (the last one, as Go's crypto/x509 reads it) and every O in encoding order, from the DER itself:
    /// .NET's own enumeration reverses the order and refuses multi-valued RDNs.
    /// </summary>
    internal static (string? CommonName, IReadOnlyList<string> Organizations)? SubjectOf(X500DistinguishedName subject)
    {
        string? commonName = null;
        var organizations = new List<string>();
        try
        {
            var name = new AsnReader(subject.RawData, AsnEncodingRules.DER).ReadSequence();
            while (name.HasData)
            {
                var rdn = name.ReadSetOf(skipSortOrderValidation: true);
                while (rdn.HasData)
                {
                    var attribute = rdn.ReadSequence();
                    var type = attribute.ReadObjectIdentifier();
                    var value = StringValue(attribute);
                    if (value is null)
                    {
                        continue;
                    }
                    if (type == CommonNameOid)
                    {
                        commonName = value;
                    }
                    else if (type == OrganizationOid)
                    {
                        organizations.Add(value);
                    }
                }
            }
        }
        catch (AsnContentException)
        {
            return null;
        }
        return (commonName, organizations);
    }

    /// <summary>An attribute's value when it is a character string (other values name nothing, as in Go's pkix.Name); else null.</summary>
    private static string? StringValue(AsnReader attribute)
    {
        var tag = attribute.PeekTag();
        if (tag.TagClass == TagClass.Universal && (UniversalTagNumber)tag.TagValue is UniversalTagNumber.UTF8String
                or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String or UniversalTagNumber.T61String
                or UniversalTagNumber.BMPString or UniversalTagNumber.NumericString or UniversalTagNumber.UniversalString)
        {
            return attribute.ReadCharacterString((UniversalTagNumber)tag.TagValue);
        }
        attribute.ReadEncodedValue();
        return null;
    }

    /// <summary>A certificate without an extended key usage extension may be used for anything; one with it must list clientAuth.</summary>
    private static bool AllowsClientAuth(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } usages
        || usages.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value is ClientAuthUsage or AnyUsage);
}
