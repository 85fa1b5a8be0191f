using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// Reads the PEM files of <see cref="TlsOptions"/>. A file that cannot be used is an <see cref="InvalidSettingException"/>
/// whose message names the setting and the file, never the file's content.
/// </summary>
internal static class TlsFiles
{
    public const string CertificateSetting = $"{TlsOptions.SectionName}:{nameof(TlsOptions.CertificateFile)}";
    public const string KeySetting = $"{TlsOptions.SectionName}:{nameof(TlsOptions.KeyFile)}";
    public const string ClientCaSetting = $"{TlsOptions.SectionName}:{nameof(TlsOptions.ClientCaFile)}";

    private const string ServerAuthUsage = "1.3.6.1.5.5.7.3.1";
    private const string AnyUsage = "2.5.29.37.0";

    public static byte[] Read(string setting, string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidSettingException($"{setting}: cannot read {path}: {e.Message}", e);
        }
    }

    /// <summary>What tells one content of the files from another (SHA-256 of each file's SHA-256).</summary>
    public static byte[] Fingerprint(params byte[][] contents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var content in contents)
        {
            hash.AppendData(SHA256.HashData(content));
        }
        return hash.GetHashAndReset();
    }

    /// <summary>The server certificate (the first in the file) with its key, and the intermediates after it.</summary>
    public static ServerIdentity ParseServer(TlsOptions options, byte[] certificateBytes, byte[] keyBytes)
    {
        var fingerprint = Fingerprint(certificateBytes, keyBytes);
        var certificateText = Encoding.UTF8.GetString(certificateBytes);
        var keyText = Encoding.UTF8.GetChars(keyBytes);
        try
        {
            X509Certificate2Collection chain;
            try
            {
                chain = PemCertificates.Read(certificateText);
            }
            catch (CryptographicException e)
            {
                throw new InvalidSettingException($"{CertificateSetting}: {options.CertificateFile}: {e.Message}", e);
            }
            X509Certificate2 certificate;
            try
            {
                certificate = X509Certificate2.CreateFromPem(certificateText, keyText);
            }
            catch (ArgumentException e)
            {
                throw new InvalidSettingException($"{KeySetting}: {options.KeyFile}: the key is not the key of the certificate in {CertificateSetting}", e);
            }
            catch (CryptographicException e)
            {
                throw new InvalidSettingException($"{KeySetting}: {options.KeyFile}: {e.Message}", e);
            }
            if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usages
                && !usages.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value is ServerAuthUsage or AnyUsage))
            {
                throw new InvalidSettingException(
                    $"{CertificateSetting}: {options.CertificateFile}: the certificate is not for server authentication (its extended key usage lacks serverAuth)");
            }
            if (OperatingSystem.IsWindows())
            {
                // Windows' TLS cannot use a key that lives only in memory; a PKCS#12 round trip gives it a usable one.
                certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            }
            chain.RemoveAt(0);
            return new ServerIdentity(certificate, chain, fingerprint);
        }
        finally
        {
            Array.Clear(keyText);
        }
    }

    /// <summary>The client CAs: every certificate in the file.</summary>
    public static ClientAuthorities ParseAuthorities(string path, byte[] bytes)
    {
        try
        {
            return new ClientAuthorities(PemCertificates.Read(Encoding.UTF8.GetString(bytes)), Fingerprint(bytes));
        }
        catch (CryptographicException e)
        {
            throw new InvalidSettingException($"{ClientCaSetting}: {path}: {e.Message}", e);
        }
    }
}

/// <summary>The server certificate with its key, the intermediates sent with it, and the fingerprint of the files it came from.</summary>
internal sealed record ServerIdentity(X509Certificate2 Certificate, X509Certificate2Collection Intermediates, byte[] Fingerprint)
{
    public DateTime NotAfter { get; } = Certificate.NotAfter.ToUniversalTime();
}

/// <summary>The client CAs and the fingerprint of the file they came from.</summary>
internal sealed record ClientAuthorities(X509Certificate2Collection Certificates, byte[] Fingerprint);
