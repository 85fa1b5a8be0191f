using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.UnitTests.Access;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.FunctionalTests.Access;

/// <summary>
/// gRPC over TLS on a real socket (Server:Tls), with client certificates from Server:Tls:ClientCaFile as identities
/// (Auth:Mode Kubernetes): a trusted certificate lets its holder in without a token, one from another CA gets
/// UNAUTHENTICATED saying so, a token still works without a certificate, and the server's files are re-read while it runs.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuberpc-tls-").FullName;
    private readonly X509Certificate2 _serverCa = TestPki.CreateCa("server-ca");
    private readonly X509Certificate2 _clientCa = TestPki.CreateCa("client-ca");
    private readonly X509Certificate2 _otherCa = TestPki.CreateCa("other-ca");
    private readonly CapturedLogs _logs = new();

    public void Dispose()
    {
        _serverCa.Dispose();
        _clientCa.Dispose();
        _otherCa.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string CertificateFile => Path.Combine(_dir, "tls.crt");

    private string KeyFile => Path.Combine(_dir, "tls.key");

    private string ClientCaFile => Path.Combine(_dir, "client-ca.crt");

    [Fact]
    public async Task Token_OverTls_LetIn()
    {
        await using var host = await StartAsync(clientCa: false);
        using var channel = Channel(host);

        var reply = await Get(channel, await TokenAsync(host, "reader"));

        Assert.Equal("kubernetes", reply.Metadata.Name);
    }

    [Fact]
    public async Task TrustedClientCertificate_NoToken_LetIn()
    {
        await using var host = await StartAsync();
        using var certificate = TestPki.IssueClient(_clientCa, "alice", ["system:masters"]);
        using var channel = Channel(host, certificate);

        var reply = await Get(channel);

        Assert.Equal("kubernetes", reply.Metadata.Name);
    }

    [Fact]
    public async Task ClientCertificateIdentity_AuthorizedByItsOrganizationAsAGroup()
    {
        await using var host = await StartAsync();
        var access = new ClusterAccess(host.Kubernetes);
        await access.GrantToAsync(new Rbacv1Subject { Kind = "Group", Name = "devs" }, "team-a", ["list"], ["services"]);
        using var certificate = TestPki.IssueClient(_clientCa, "alice", ["devs"]);
        using var channel = Channel(host, certificate);
        var client = new ServiceManager.ServiceManagerClient(channel);

        var allowed = await client.ListServicesAsync(new ListServicesRequest { Namespace = "team-a" }).ResponseAsync.DefaultTimeout();
        var e = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () =>
            client.ListServicesAsync(new ListServicesRequest { Namespace = "team-b" }).ResponseAsync.DefaultTimeout());

        Assert.Empty(allowed.Services);
        Assert.Equal("services is forbidden: User \"alice\" cannot list resource \"services\" in API group \"\" in the namespace \"team-b\"",
            e.Status.Detail);
    }

    /// <summary>kube-apiserver's x509 authenticator comes before bearer tokens: a verified certificate wins, the token is not looked at.</summary>
    [Fact]
    public async Task TrustedClientCertificate_WithABadToken_TheCertificateLetsIn()
    {
        await using var host = await StartAsync();
        using var certificate = TestPki.IssueClient(_clientCa, "alice", ["system:masters"]);
        using var channel = Channel(host, certificate);

        var reply = await Get(channel, "not-a-token");

        Assert.Equal("kubernetes", reply.Metadata.Name);
    }

    [Fact]
    public async Task ClientCertificateOfAnotherCa_NoToken_UnauthenticatedSayingSo()
    {
        await using var host = await StartAsync();
        using var certificate = TestPki.IssueClient(_otherCa, "mallory", ["system:masters"]);
        using var channel = Channel(host, certificate);

        var e = await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => Get(channel));

        Assert.Equal("UNAUTHENTICATED", e.Info().Reason);
        Assert.Equal("the client certificate is not trusted", e.Status.Detail);
    }

    [Fact]
    public async Task ClientCertificateOfAnotherCa_WithToken_TheTokenLetsIn()
    {
        await using var host = await StartAsync();
        using var certificate = TestPki.IssueClient(_otherCa, "mallory");
        using var channel = Channel(host, certificate);

        var reply = await Get(channel, await TokenAsync(host, "reader"));

        Assert.Equal("kubernetes", reply.Metadata.Name);
    }

    [Fact]
    public async Task NoCertificate_Token_LetInWhereClientCertificatesAreAskedFor()
    {
        await using var host = await StartAsync();
        using var channel = Channel(host);

        var reply = await Get(channel, await TokenAsync(host, "reader"));
        var e = await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => Get(channel));

        Assert.Equal("kubernetes", reply.Metadata.Name);
        Assert.Equal("a bearer token is required (metadata \"authorization: Bearer <token>\")", e.Status.Detail);
    }

    [Fact]
    public async Task Health_OverTls_NoCredentials_Serving()
    {
        await using var host = await StartAsync();
        using var channel = Channel(host);

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest()).ResponseAsync.DefaultTimeout();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task ServerFilesReplaced_NewConnectionsGetTheNewCertificate_AHalfWrittenOneIsNotTaken()
    {
        await using var host = await StartAsync();
        var first = await PresentedSerialAsync(host);
        using var next = TestPki.IssueServer(_serverCa);

        WriteServer(next);
        await Polling.UntilAsync(async () => await PresentedSerialAsync(host) == next.SerialNumber, () => "the rotated certificate on a new connection");
        var pem = TestPki.CertificatePem(TestPki.IssueServer(_serverCa));
        await File.WriteAllTextAsync(CertificateFile, pem[..(pem.Length / 2)]);
        await Polling.UntilAsync(async () =>
        {
            await PresentedSerialAsync(host);
            return _logs.AtOrAbove(LogLevel.Warning).Any(l => l.Message.StartsWith("Server:Tls:CertificateFile: ", StringComparison.Ordinal));
        }, () => "the warning for the half-written certificate file");

        Assert.NotEqual(first, next.SerialNumber);
        Assert.Equal(next.SerialNumber, await PresentedSerialAsync(host));
        Assert.Single(_logs.AtOrAbove(LogLevel.Warning), l => l.Message.Contains("Server:Tls", StringComparison.Ordinal));
    }

    public static TheoryData<string, string?, string?, string?, string> Misconfigurations => new()
    {
        { "https://127.0.0.1:0", null, null, null, "Server:GrpcUrl: \"https://127.0.0.1:0\" is https:// but Server:Tls:CertificateFile and Server:Tls:KeyFile are not set" },
        { "http://127.0.0.1:0", "tls.crt", "tls.key", null, "Server:GrpcUrl: \"http://127.0.0.1:0\" must be an https:// URL when Server:Tls:CertificateFile is set" },
        { "https://127.0.0.1:0", "tls.crt", null, null, "Server:Tls:KeyFile: not set, but Server:Tls:CertificateFile is; TLS needs both" },
        { "https://127.0.0.1:0", null, "tls.key", null, "Server:Tls:CertificateFile: not set, but Server:Tls:KeyFile is; TLS needs both" },
        { "http://127.0.0.1:0", null, null, "client-ca.crt", "Server:Tls:ClientCaFile: client certificates need TLS: set Server:Tls:CertificateFile and Server:Tls:KeyFile" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public async Task Misconfigured_StartFailsNamingTheSetting(string grpcUrl, string? certificate, string? key, string? clientCa, string expected)
    {
        var e = await Assert.ThrowsAsync<KubeRpc.Server.Kubernetes.InvalidSettingException>(() => KubeRpcHost.StartOnSocketAsync(new Dictionary<string, string?>
        {
            ["Server:GrpcUrl"] = grpcUrl,
            ["Server:Tls:CertificateFile"] = certificate,
            ["Server:Tls:KeyFile"] = key,
            ["Server:Tls:ClientCaFile"] = clientCa,
        }));

        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public async Task ManagementUrlHttps_StartFailsNamingTheSetting()
    {
        WriteServer(TestPki.IssueServer(_serverCa));

        var e = await Assert.ThrowsAsync<KubeRpc.Server.Kubernetes.InvalidSettingException>(() => KubeRpcHost.StartOnSocketAsync(Settings(clientCa: false,
            ("Server:ManagementUrl", "https://127.0.0.1:0"))));

        Assert.StartsWith("Server:ManagementUrl: \"https://127.0.0.1:0\" is not an http:// URL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertificateFileMissing_StartFailsNamingTheSetting()
    {
        var e = await Assert.ThrowsAsync<KubeRpc.Server.Kubernetes.InvalidSettingException>(() => KubeRpcHost.StartOnSocketAsync(Settings(clientCa: false)));

        Assert.StartsWith($"Server:Tls:CertificateFile: cannot read {CertificateFile}: ", e.Message, StringComparison.Ordinal);
    }

    private async Task<KubeRpcHost> StartAsync(bool clientCa = true)
    {
        WriteServer(TestPki.IssueServer(_serverCa));
        await File.WriteAllTextAsync(ClientCaFile, TestPki.CertificatePem(_clientCa));
        return await KubeRpcHost.StartOnSocketAsync(Settings(clientCa), services => services.AddLogging(l => l.AddProvider(_logs))).DefaultTimeout();
    }

    private Dictionary<string, string?> Settings(bool clientCa, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Kubernetes",
            ["Server:GrpcUrl"] = "https://127.0.0.1:0",
            ["Server:Tls:CertificateFile"] = CertificateFile,
            ["Server:Tls:KeyFile"] = KeyFile,
            ["Server:Tls:ClientCaFile"] = clientCa ? ClientCaFile : null,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    private void WriteServer(X509Certificate2 server)
    {
        File.WriteAllText(CertificateFile, TestPki.CertificatePem(server) + TestPki.CertificatePem(_serverCa));
        File.WriteAllText(KeyFile, TestPki.KeyPem(server));
    }

    /// <summary>A channel on a new connection that trusts only the test's server CA and presents <paramref name="clientCertificate"/>, if any.</summary>
    private GrpcChannel Channel(KubeRpcHost host, X509Certificate2? clientCertificate = null, Action<string>? presentedSerial = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is not X509Certificate2 server || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                    {
                        return false;
                    }
                    presentedSerial?.Invoke(server.SerialNumber);
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(_serverCa);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(server);
                },
                // Offered whatever CAs the server names, so a certificate of another CA reaches it too.
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
            },
        };
        return GrpcChannel.ForAddress(host.Address!, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>The serial number of the certificate the server presents to a new connection.</summary>
    private async Task<string> PresentedSerialAsync(KubeRpcHost host)
    {
        string? serial = null;
        using var channel = Channel(host, presentedSerial: s => serial = s);
        await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest()).ResponseAsync.DefaultTimeout();
        return serial ?? throw new InvalidOperationException("no server certificate seen");
    }

    private static Task<Service> Get(GrpcChannel channel, string? token = null) =>
        new ServiceManager.ServiceManagerClient(channel).GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "kubernetes" },
            token is null ? null : new Metadata { { "authorization", "Bearer " + token } }).ResponseAsync.DefaultTimeout();

    /// <summary>A token of a new service account allowed to get Services in <c>default</c>.</summary>
    private static async Task<string> TokenAsync(KubeRpcHost host, string account)
    {
        var access = new ClusterAccess(host.Kubernetes);
        var token = await access.ServiceAccountTokenAsync(account);
        await access.GrantAsync(account, "default", ["get"], ["services"]);
        return token;
    }
}
