using System.Security.Cryptography.X509Certificates;
using KubeRpc.Server.Hosting;
using KubeRpc.Server.Kubernetes;
using KubeRpc.UnitTests.Access;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.UnitTests.Hosting;

/// <summary>
/// The TLS files are re-read when their content changes, at most once per recheck interval; content that cannot be used
/// keeps what was loaded before, with one warning; at start the same problems stop the start naming the setting.
/// </summary>
public sealed class TlsCertificatesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuberpc-tls-").FullName;
    private readonly X509Certificate2 _ca = TestPki.CreateCa("server-ca");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly Warnings _log = new();

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string CertificateFile => Path.Combine(_dir, "tls.crt");

    private string KeyFile => Path.Combine(_dir, "tls.key");

    private string CaFile => Path.Combine(_dir, "ca.crt");

    [Fact]
    public void Rotated_NewCertificateFromTheNextCheck()
    {
        using var first = WriteServer();
        var certificates = Start();
        using var second = WriteServer();

        var beforeTheInterval = certificates.ServerCertificate.SerialNumber;
        _time.Advance(TlsCertificates.RecheckInterval);

        Assert.Equal(first.SerialNumber, beforeTheInterval);
        Assert.Equal(second.SerialNumber, certificates.ServerCertificate.SerialNumber);
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public void HalfWritten_KeepsTheCertificateBefore_WarnsOnce_ThenTakesTheFinishedFile()
    {
        using var first = WriteServer();
        var certificates = Start();
        using var second = TestPki.IssueServer(_ca);
        var pem = TestPki.CertificatePem(second);

        File.WriteAllText(CertificateFile, pem[..(pem.Length / 2)]);
        _time.Advance(TlsCertificates.RecheckInterval);
        var whileHalfWritten = certificates.ServerCertificate.SerialNumber;
        _time.Advance(TlsCertificates.RecheckInterval);
        var checkedAgain = certificates.ServerCertificate.SerialNumber;
        File.WriteAllText(CertificateFile, pem);
        File.WriteAllText(KeyFile, TestPki.KeyPem(second));
        _time.Advance(TlsCertificates.RecheckInterval);

        Assert.Equal(first.SerialNumber, whileHalfWritten);
        Assert.Equal(first.SerialNumber, checkedAgain);
        Assert.Equal(second.SerialNumber, certificates.ServerCertificate.SerialNumber);
        var warning = Assert.Single(_log.Lines);
        Assert.StartsWith($"Server:Tls:CertificateFile: {CertificateFile}: a PEM block is cut short", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyOfAnotherCertificate_KeepsTheCertificateBefore_WarningNamesTheKeyFileOnly()
    {
        using var first = WriteServer();
        var certificates = Start();
        using var second = TestPki.IssueServer(_ca);
        var key = File.ReadAllText(KeyFile);

        File.WriteAllText(CertificateFile, TestPki.CertificatePem(second));
        _time.Advance(TlsCertificates.RecheckInterval);

        Assert.Equal(first.SerialNumber, certificates.ServerCertificate.SerialNumber);
        var warning = Assert.Single(_log.Lines);
        Assert.Equal($"Server:Tls:KeyFile: {KeyFile}: the key is not the key of the certificate in Server:Tls:CertificateFile; keeping the TLS certificates loaded before", warning);
        Assert.DoesNotContain(key.Split('\n')[1], warning, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretVolumeSwapsItsDataDirectory_NewCertificate()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // symbolic links need privileges there; Kubernetes volumes are Linux
        }
        // As the kubelet lays out a Secret volume: tls.crt → ..data/tls.crt, ..data → a timestamped directory swapped by rename.
        using var first = TestPki.IssueServer(_ca);
        using var second = TestPki.IssueServer(_ca);
        WriteVersion("..v1", first);
        File.CreateSymbolicLink(Path.Combine(_dir, "..data"), "..v1");
        File.CreateSymbolicLink(CertificateFile, "..data/tls.crt");
        File.CreateSymbolicLink(KeyFile, "..data/tls.key");
        var certificates = Start();

        WriteVersion("..v2", second);
        File.CreateSymbolicLink(Path.Combine(_dir, "..data_tmp"), "..v2");
        Rename(Path.Combine(_dir, "..data_tmp"), Path.Combine(_dir, "..data"));
        Directory.Delete(Path.Combine(_dir, "..v1"), recursive: true);
        _time.Advance(TlsCertificates.RecheckInterval);

        Assert.Equal(second.SerialNumber, certificates.ServerCertificate.SerialNumber);
    }

    [Fact]
    public void ClientCasRotated_ANewSet_AHalfWrittenOneKeepsTheSetBefore()
    {
        using var _ = WriteServer();
        using var clientCa = TestPki.CreateCa("client-ca");
        using var nextCa = TestPki.CreateCa("next-client-ca");
        File.WriteAllText(CaFile, TestPki.CertificatePem(clientCa));
        var certificates = Start(clientCa: true);
        var first = certificates.Current;

        var bundle = TestPki.CertificatePem(clientCa) + TestPki.CertificatePem(nextCa);
        File.WriteAllText(CaFile, bundle);
        _time.Advance(TlsCertificates.RecheckInterval);
        var second = certificates.Current;
        File.WriteAllText(CaFile, bundle[..(bundle.Length - 40)]);
        _time.Advance(TlsCertificates.RecheckInterval);

        Assert.Equal([clientCa.Thumbprint], first!.Select(c => c.Thumbprint));
        Assert.Equal([clientCa.Thumbprint, nextCa.Thumbprint], second!.Select(c => c.Thumbprint));
        Assert.Same(second, certificates.Current);
        Assert.StartsWith("Server:Tls:ClientCaFile: ", Assert.Single(_log.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public void AtStart_MissingFile_NamesTheSetting()
    {
        using var _ = WriteServer();
        File.Delete(KeyFile);

        var e = Assert.Throws<InvalidSettingException>(() => Start());

        Assert.StartsWith($"Server:Tls:KeyFile: cannot read {KeyFile}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AtStart_HalfWrittenCertificate_NamesTheSetting()
    {
        using var server = WriteServer();
        var pem = TestPki.CertificatePem(server);
        File.WriteAllText(CertificateFile, pem[..(pem.Length / 2)]);

        var e = Assert.Throws<InvalidSettingException>(() => Start());

        Assert.Equal($"Server:Tls:CertificateFile: {CertificateFile}: a PEM block is cut short or malformed (the file may be being written)", e.Message);
    }

    [Fact]
    public void AtStart_ClientCertificateAsServerCertificate_Refused()
    {
        using var client = TestPki.IssueClient(_ca, "alice");
        File.WriteAllText(CertificateFile, TestPki.CertificatePem(client));
        File.WriteAllText(KeyFile, TestPki.KeyPem(client));

        var e = Assert.Throws<InvalidSettingException>(() => Start());

        Assert.Equal($"Server:Tls:CertificateFile: {CertificateFile}: the certificate is not for server authentication (its extended key usage lacks serverAuth)", e.Message);
    }

    [Fact]
    public void AtStart_CaFileWithoutCertificate_NamesTheSetting()
    {
        using var _ = WriteServer();
        File.WriteAllText(CaFile, "not a certificate\n");

        var e = Assert.Throws<InvalidSettingException>(() => Start(clientCa: true));

        Assert.Equal($"Server:Tls:ClientCaFile: {CaFile}: no PEM CERTIFICATE block", e.Message);
    }

    private TlsCertificates Start(bool clientCa = false) =>
        TlsCertificates.Load(new TlsOptions { CertificateFile = CertificateFile, KeyFile = KeyFile, ClientCaFile = clientCa ? CaFile : null })(_log, _time);

    private X509Certificate2 WriteServer()
    {
        var server = TestPki.IssueServer(_ca);
        File.WriteAllText(CertificateFile, TestPki.CertificatePem(server) + TestPki.CertificatePem(_ca));
        File.WriteAllText(KeyFile, TestPki.KeyPem(server));
        return server;
    }

    private void WriteVersion(string name, X509Certificate2 server)
    {
        var version = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        File.WriteAllText(Path.Combine(version, "tls.crt"), TestPki.CertificatePem(server));
        File.WriteAllText(Path.Combine(version, "tls.key"), TestPki.KeyPem(server));
    }

    /// <summary>rename(2) of a symbolic link over another, as the kubelet swaps <c>..data</c> (mv -T: never into the directory it names).</summary>
    private static void Rename(string from, string to)
    {
        using var mv = System.Diagnostics.Process.Start("mv", ["-T", from, to]);
        mv.WaitForExit();
        Assert.Equal(0, mv.ExitCode);
    }

    /// <summary>The warnings logged, as the operator reads them.</summary>
    private sealed class Warnings : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
