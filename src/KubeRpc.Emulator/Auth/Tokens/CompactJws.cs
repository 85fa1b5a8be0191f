using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace KubeRpc.Emulator.Auth.Tokens;

/// <summary>
/// A JWS in compact serialization (<c>header.payload.signature</c>, each part base64url without padding), taken
/// apart as go-jose's <c>ParseSigned</c> does before any signature is checked.
/// </summary>
/// <param name="Algorithm">The header's <c>alg</c> ("" when absent).</param>
/// <param name="KeyId">The header's <c>kid</c> ("" when absent).</param>
/// <param name="SigningInput">The bytes the signature covers: the first two parts with their dot.</param>
/// <param name="Payload">The decoded payload.</param>
/// <param name="Signature">The decoded signature.</param>
internal sealed record CompactJws(string Algorithm, string KeyId, byte[] SigningInput, byte[] Payload, byte[] Signature)
{
    /// <summary>Signs <paramref name="payload"/> with an RS256 header naming <paramref name="key"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> payload, SigningKey key)
    {
        // go-jose writes the protected header with its keys sorted: alg, then kid.
        var header = JsonSerializer.SerializeToUtf8Bytes(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["alg"] = "RS256",
            ["kid"] = key.KeyId,
        });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        return signingInput + "." + Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>The parts of <paramref name="token"/>; null when it is not a compact JWS go-jose would parse.</summary>
    public static CompactJws? TryParse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || Decode(parts[0]) is not { } headerBytes || Decode(parts[1]) is not { } payload
            || Decode(parts[2]) is not { } signature)
        {
            return null;
        }
        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var algorithm = StringMember(header.RootElement, "alg");
            var keyId = StringMember(header.RootElement, "kid");
            if (algorithm is null || keyId is null)
            {
                return null;
            }
            return new CompactJws(algorithm, keyId, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), payload, signature);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Go's <c>RawURLEncoding.DecodeString</c>: no padding, no characters outside the URL alphabet.</summary>
    public static byte[]? Decode(string part)
    {
        if (part.Contains('=', StringComparison.Ordinal) || !Base64Url.IsValid(part))
        {
            return null;
        }
        try
        {
            return Base64Url.DecodeFromChars(part);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A header member that must be a string when present: "" when absent, null when of another type.</summary>
    private static string? StringMember(JsonElement header, string name) =>
        !header.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? ""
        : value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
