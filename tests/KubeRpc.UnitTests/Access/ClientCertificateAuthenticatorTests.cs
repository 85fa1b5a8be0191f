using System.Security.Cryptography.X509Certificates;
using KubeRpc.Server.Access;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.UnitTests.Access;

/// <summary>A connection's certificate is verified once, and again when the client CAs are rotated or the chain expires.</summary>
public sealed class ClientCertificateAuthenticatorTests : IDisposable
{
    private readonly X509Certificate2 _ca = TestPki.CreateCa("client-ca");
    private readonly X509Certificate2 _otherCa = TestPki.CreateCa("other-ca");
    private readonly Authorities _authorities = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public void NoCertificate_Nothing()
    {
        _authorities.Current = [_ca];

        Assert.Equal(default, new ClientCertificateAuthenticator(_authorities, _time).Authenticate(null));
    }

    [Fact]
    public void NoClientCas_NothingEvenWithACertificate()
    {
        using var certificate = TestPki.IssueClient(_ca, "alice");

        Assert.Equal(default, new ClientCertificateAuthenticator(null, _time).Authenticate(certificate));
    }

    [Fact]
    public void CasRotated_TheSameCertificateDecidedAgain()
    {
        using var certificate = TestPki.IssueClient(_ca, "alice");
        var authenticator = new ClientCertificateAuthenticator(_authorities, _time);
        _authorities.Current = [_ca];

        var before = authenticator.Authenticate(certificate);
        _authorities.Current = [_otherCa];
        var after = authenticator.Authenticate(certificate);

        Assert.Equal("alice", before.Caller?.User);
        Assert.Equal(new CertificateVerdict(null, Refused: true), after);
    }

    [Fact]
    public void ChainExpires_RefusedFromThen()
    {
        using var certificate = TestPki.IssueClient(_ca, "alice", notAfter: _time.GetUtcNow().AddMinutes(5));
        var authenticator = new ClientCertificateAuthenticator(_authorities, _time);
        _authorities.Current = [_ca];

        var before = authenticator.Authenticate(certificate);
        _time.Advance(TimeSpan.FromMinutes(6));
        var after = authenticator.Authenticate(certificate);

        Assert.NotNull(before.Caller);
        Assert.True(after.Refused);
    }

    private sealed class Authorities : IClientCertificateAuthorities
    {
        public X509Certificate2Collection? Current { get; set; }
    }
}
