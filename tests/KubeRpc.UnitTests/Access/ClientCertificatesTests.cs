using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using KubeRpc.Server.Access;

namespace KubeRpc.UnitTests.Access;

/// <summary>Client certificates verified against the client CAs only, and mapped to a caller as kube-apiserver's x509 authenticator maps them.</summary>
public sealed class ClientCertificatesTests : IDisposable
{
    private readonly X509Certificate2 _ca = TestPki.CreateCa("client-ca");
    private readonly X509Certificate2 _otherCa = TestPki.CreateCa("other-ca");

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public void TrustedClientCertificate_UserIsCn_GroupsAreEachOInOrderThenAuthenticated()
    {
        using var certificate = TestPki.IssueClient(_ca, "alice", ["system:masters", "team-b", "team-a"]);

        var caller = ClientCertificates.Verify(certificate, [_ca], DateTimeOffset.UtcNow);

        Assert.NotNull(caller);
        Assert.Equal("alice", caller.User);
        Assert.Equal("", caller.Uid);
        Assert.Equal(["system:masters", "team-b", "team-a", "system:authenticated"], caller.Groups);
        Assert.Empty(caller.Extra);
    }

    [Fact]
    public void Expires_TheEarliestNotAfterOfTheChain()
    {
        using var certificate = TestPki.IssueClient(_ca, "alice");

        var caller = ClientCertificates.Verify(certificate, [_ca], DateTimeOffset.UtcNow);

        Assert.Equal(new DateTimeOffset(certificate.NotAfter.ToUniversalTime()), caller?.Expires);
        Assert.True(caller?.Expires < new DateTimeOffset(_ca.NotAfter.ToUniversalTime()));
    }

    [Fact]
    public void AuthenticatedGroupInTheSubject_NotRepeated()
    {
        using var certificate = TestPki.IssueClient(_ca, "alice", ["system:authenticated", "team-a"]);

        Assert.Equal(["system:authenticated", "team-a"], ClientCertificates.Verify(certificate, [_ca], DateTimeOffset.UtcNow)?.Groups);
    }

    [Fact]
    public void AnotherCa_NotTrusted()
    {
        using var certificate = TestPki.IssueClient(_otherCa, "mallory", ["system:masters"]);

        Assert.Null(ClientCertificates.Verify(certificate, [_ca], DateTimeOffset.UtcNow));
    }

    [Fact]
    public void OneOfSeveralCas_Trusted()
    {
        using var certificate = TestPki.IssueClient(_otherCa, "bob");

        Assert.Equal("bob", ClientCertificates.Verify(certificate, [_ca, _otherCa], DateTimeOffset.UtcNow)?.User);
    }

    [Fact]
    public void IssuedByAnIntermediateInTheCaFile_Trusted()
    {
        using var intermediate = TestPki.CreateIntermediate(_ca, "intermediate");
        using var certificate = TestPki.IssueClient(intermediate, "carol");

        Assert.Equal("carol", ClientCertificates.Verify(certificate, [_ca, intermediate], DateTimeOffset.UtcNow)?.User);
    }

    /// <summary>Unlike Go's crypto/x509 (kube-apiserver), .NET's chain must end at a self-signed root: the CA file names the root (README, Security).</summary>
    [Fact]
    public void IssuedByAnIntermediateThatIsTheWholeCaFile_NotTrusted()
    {
        using var intermediate = TestPki.CreateIntermediate(_ca, "intermediate");
        using var certificate = TestPki.IssueClient(intermediate, "carol");

        Assert.Null(ClientCertificates.Verify(certificate, [intermediate], DateTimeOffset.UtcNow));
    }

    [Fact]
    public void SelfSigned_NotTrusted()
    {
        using var selfSigned = TestPki.CreateCa("alice");

        Assert.Null(ClientCertificates.Verify(selfSigned, [_ca], DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Expired_NotTrusted()
    {
        var now = DateTimeOffset.UtcNow;
        using var certificate = TestPki.IssueClient(_ca, "alice", notBefore: now.AddMinutes(-50), notAfter: now.AddMinutes(-20));

        Assert.Null(ClientCertificates.Verify(certificate, [_ca], now));
    }

    [Fact]
    public void NotYetValid_NotTrusted()
    {
        var now = DateTimeOffset.UtcNow;
        using var certificate = TestPki.IssueClient(_ca, "alice", notBefore: now.AddMinutes(10), notAfter: now.AddHours(2));

        Assert.Null(ClientCertificates.Verify(certificate, [_ca], now));
        Assert.NotNull(ClientCertificates.Verify(certificate, [_ca], now.AddMinutes(11)));
    }

    [Fact]
    public void ServerAuthOnly_NotTrusted()
    {
        using var certificate = TestPki.IssueClient(_ca, "alice", usages: [TestPki.ServerAuth]);

        Assert.Null(ClientCertificates.Verify(certificate, [_ca], DateTimeOffset.UtcNow));
    }

    [Fact]
    public void NoExtendedKeyUsage_Trusted()
    {
        using var certificate = TestPki.IssueClient(_ca, "alice", usages: []);

        Assert.Equal("alice", ClientCertificates.Verify(certificate, [_ca], DateTimeOffset.UtcNow)?.User);
    }

    [Fact]
    public void NoCommonName_NamesNoOne()
    {
        using var certificate = TestPki.IssueClient(_ca, "", ["system:masters"]);

        Assert.Null(ClientCertificates.Verify(certificate, [_ca], DateTimeOffset.UtcNow));
    }

    [Fact]
    public void NoCas_NotTrusted()
    {
        using var certificate = TestPki.IssueClient(_ca, "alice");

        Assert.Null(ClientCertificates.Verify(certificate, [], DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Subject_MultiValuedRdnsRead_LastCnWins_OsInEncodingOrder()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSetOf())
            {
                Attribute(writer, "2.5.4.10", "team-a");
                Attribute(writer, "2.5.4.3", "first");
            }
            using (writer.PushSetOf())
            {
                Attribute(writer, "2.5.4.11", "unit");
            }
            using (writer.PushSetOf())
            {
                Attribute(writer, "2.5.4.10", "team-b");
            }
            using (writer.PushSetOf())
            {
                Attribute(writer, "2.5.4.3", "last");
            }
        }

        var subject = ClientCertificates.SubjectOf(new X500DistinguishedName(writer.Encode()));

        Assert.Equal("last", subject?.CommonName);
        Assert.Equal(["team-a", "team-b"], subject?.Organizations);
    }

    private static void Attribute(AsnWriter writer, string oid, string value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
        }
    }
}
