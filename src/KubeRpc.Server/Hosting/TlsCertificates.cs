using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeRpc.Server.Access;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// The gRPC endpoint's certificate and the client CAs, from the PEM files of <see cref="TlsOptions"/>, re-read while
/// KubeRpc runs. What is compared is the files' content, read through their paths: a Kubernetes Secret volume updates by
/// swapping the symlinked <c>..data</c> directory, which a watcher on the file or the file's own timestamps can miss. The
/// check runs when a handshake or a call needs the certificates, at most once per <see cref="RecheckInterval"/>. Content
/// that cannot be used (a file half-written, a key that does not match) leaves what was loaded before in place and is
/// warned of once. Key material is never logged, and the bytes read are cleared once used.
/// </summary>
internal sealed class TlsCertificates : IClientCertificateAuthorities
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly TlsOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _recheckTicks;
    private readonly Lock _gate = new();
    private long _nextCheck;
    private volatile Loaded _current;
    // The fingerprint of the content last refused, so a bad file is parsed and warned of once, not at every check.
    private byte[]? _refusedServer;
    private byte[]? _refusedAuthorities;

    private TlsCertificates(TlsOptions options, Loaded initial, ILogger logger, TimeProvider time)
    {
        _options = options;
        _current = initial;
        _logger = logger;
        _time = time;
        _recheckTicks = (long)(RecheckInterval.TotalSeconds * time.TimestampFrequency);
        _nextCheck = time.GetTimestamp() + _recheckTicks;
        LogServer(initial.Server);
        if (initial.Authorities is { } authorities)
        {
            HostingLog.ClientCasLoaded(logger, authorities.Certificates.Count);
        }
    }

    /// <summary>Reads the files now; one that cannot be used is an <see cref="InvalidSettingException"/> naming its setting.</summary>
    public static Func<ILogger, TimeProvider, TlsCertificates> Load(TlsOptions options)
    {
        var certificateBytes = TlsFiles.Read(TlsFiles.CertificateSetting, options.CertificateFile!);
        var keyBytes = TlsFiles.Read(TlsFiles.KeySetting, options.KeyFile!);
        ServerIdentity server;
        try
        {
            server = TlsFiles.ParseServer(options, certificateBytes, keyBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyBytes);
        }
        var authorities = options.ClientCaFile is { Length: > 0 } path
            ? TlsFiles.ParseAuthorities(path, TlsFiles.Read(TlsFiles.ClientCaSetting, path))
            : null;
        var initial = Build(server, authorities);
        return (logger, time) => new TlsCertificates(options, initial, logger, time);
    }

    /// <summary>The certificate the server presents now.</summary>
    public X509Certificate2 ServerCertificate => Snapshot().Server.Certificate;

    public X509Certificate2Collection? Current => Snapshot().Authorities?.Certificates;

    /// <summary>A handshake's options: the current certificate, and with client CAs a request (never a demand) for a client certificate.</summary>
    public SslServerAuthenticationOptions ServerAuthentication()
    {
        var loaded = Snapshot();
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = loaded.Context,
            // Asked for, not required: a caller with a token and no certificate still gets in.
            ClientCertificateRequired = loaded.ClientChainPolicy is not null,
            // Kept local (no downloads, no revocation fetches); the verdict is ignored here because every call verifies the
            // certificate itself (Access/ClientCertificateAuthenticator), so a refused one gets a readable UNAUTHENTICATED.
            CertificateChainPolicy = loaded.ClientChainPolicy?.Clone(),
#pragma warning disable CA5359 // This validates client certificates, and only at the call: see above.
            RemoteCertificateValidationCallback = loaded.ClientChainPolicy is null ? null : static (_, _, _, _) => true,
#pragma warning restore CA5359
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
    }

    private Loaded Snapshot()
    {
        var now = _time.GetTimestamp();
        // One check at a time; handshakes meanwhile use what is loaded.
        if (now >= Volatile.Read(ref _nextCheck) && _gate.TryEnter())
        {
            try
            {
                if (now >= _nextCheck)
                {
                    Volatile.Write(ref _nextCheck, now + _recheckTicks);
                    Reload();
                }
            }
            finally
            {
                _gate.Exit();
            }
        }
        return _current;
    }

    private void Reload()
    {
        var loaded = _current;
        var server = Refresh(loaded.Server, loaded.Server.Fingerprint, ref _refusedServer,
            contents => TlsFiles.ParseServer(_options, contents[0], contents[1]),
            (TlsFiles.CertificateSetting, _options.CertificateFile!), (TlsFiles.KeySetting, _options.KeyFile!));
        var authorities = _options.ClientCaFile is { Length: > 0 } path
            ? Refresh(loaded.Authorities, loaded.Authorities?.Fingerprint, ref _refusedAuthorities,
                contents => TlsFiles.ParseAuthorities(path, contents[0]), (TlsFiles.ClientCaSetting, path))
            : null;
        if (ReferenceEquals(server, loaded.Server) && ReferenceEquals(authorities, loaded.Authorities))
        {
            return;
        }
        try
        {
            _current = Build(server, authorities);
        }
        catch (CryptographicException e)
        {
            HostingLog.TlsFileRefused(_logger, $"{TlsFiles.CertificateSetting}: {e.Message}");
            return;
        }
        if (!ReferenceEquals(server, loaded.Server))
        {
            LogServer(server);
        }
        if (authorities is not null && !ReferenceEquals(authorities, loaded.Authorities))
        {
            HostingLog.ClientCasLoaded(_logger, authorities.Certificates.Count);
        }
    }

    /// <summary>
    /// <paramref name="parse"/> of the files when their content is not what <paramref name="current"/> came from; else, or
    /// when they cannot be read or parsed, <paramref name="current"/>, with a warning unless this very problem was warned of.
    /// </summary>
    private T Refresh<T>(T current, byte[]? currentFingerprint, ref byte[]? refused, Func<byte[][], T> parse,
        params (string Setting, string Path)[] files)
    {
        var contents = new byte[files.Length][];
        try
        {
            for (var i = 0; i < files.Length; i++)
            {
                contents[i] = TlsFiles.Read(files[i].Setting, files[i].Path);
            }
            var fingerprint = TlsFiles.Fingerprint(contents);
            if (fingerprint.AsSpan().SequenceEqual(currentFingerprint))
            {
                refused = null;
                return current;
            }
            if (fingerprint.AsSpan().SequenceEqual(refused))
            {
                return current;
            }
            try
            {
                var parsed = parse(contents);
                refused = null;
                return parsed;
            }
            catch (InvalidSettingException e)
            {
                Refuse(e, fingerprint, ref refused);
                return current;
            }
        }
        catch (InvalidSettingException e)
        {
            // A file that cannot be read (a swap done by hand, a permission): one warning per problem.
            Refuse(e, SHA256.HashData(Encoding.UTF8.GetBytes(e.Message)), ref refused);
            return current;
        }
        finally
        {
            foreach (var content in contents)
            {
                CryptographicOperations.ZeroMemory(content ?? []);
            }
        }
    }

    private void Refuse(InvalidSettingException e, byte[] fingerprint, ref byte[]? refused)
    {
        if (!fingerprint.AsSpan().SequenceEqual(refused))
        {
            HostingLog.TlsFileRefused(_logger, e.Message);
        }
        refused = fingerprint;
    }

    private void LogServer(ServerIdentity server) =>
        HostingLog.TlsCertificateLoaded(_logger, server.Certificate.Subject, server.Certificate.SerialNumber, server.NotAfter);

    private static Loaded Build(ServerIdentity server, ClientAuthorities? authorities)
    {
        var context = SslStreamCertificateContext.Create(server.Certificate, server.Intermediates, offline: true, trust: TrustList(authorities));
        X509ChainPolicy? policy = null;
        if (authorities is not null)
        {
            policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            policy.CustomTrustStore.AddRange(authorities.Certificates);
        }
        return new Loaded(server, authorities, context, policy);
    }

    /// <summary>The client CAs' names, sent in the handshake as kube-apiserver sends them, so clients pick the right certificate.</summary>
    private static SslCertificateTrust? TrustList(ClientAuthorities? authorities)
    {
        if (authorities is null || OperatingSystem.IsWindows())
        {
            return null;
        }
        return SslCertificateTrust.CreateForX509Collection(authorities.Certificates, sendTrustInHandshake: true);
    }

    /// <summary>What one handshake uses, swapped whole so a handshake never mixes two generations.</summary>
    private sealed record Loaded(ServerIdentity Server, ClientAuthorities? Authorities, SslStreamCertificateContext Context, X509ChainPolicy? ClientChainPolicy);
}
