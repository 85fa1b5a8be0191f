using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// The certificates of PEM text. Unlike <see cref="X509Certificate2Collection.ImportFromPem"/>, which passes over a block
/// it cannot read, text with a block cut short (a file caught while being written) is refused.
/// </summary>
internal static class PemCertificates
{
    private const string Begin = "-----BEGIN";
    private const string Unfinished = "a PEM block is cut short or malformed (the file may be being written)";

    /// <exception cref="CryptographicException">No certificate, an unfinished block, or a certificate that cannot be decoded.</exception>
    public static X509Certificate2Collection Read(ReadOnlySpan<char> text)
    {
        var certificates = new X509Certificate2Collection();
        while (PemEncoding.TryFind(text, out var fields))
        {
            if (text[..fields.Location.Start].Contains(Begin, StringComparison.Ordinal))
            {
                throw new CryptographicException(Unfinished);
            }
            if (text[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                var der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(text[fields.Base64Data], der, out var written) || written != der.Length)
                {
                    throw new CryptographicException("a PEM CERTIFICATE block is not valid base64");
                }
                certificates.Add(X509CertificateLoader.LoadCertificate(der));
            }
            text = text[fields.Location.End..];
        }
        if (text.Contains(Begin, StringComparison.Ordinal))
        {
            throw new CryptographicException(Unfinished);
        }
        return certificates.Count > 0 ? certificates : throw new CryptographicException("no PEM CERTIFICATE block");
    }
}
