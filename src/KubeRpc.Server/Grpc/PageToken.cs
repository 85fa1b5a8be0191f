using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeRpc.Server.Grpc;

/// <summary>
/// Opaque list page tokens: the Kubernetes continue token plus a fingerprint of the request's filters, so a
/// token used with other filters is refused rather than silently mixing two listings.
/// </summary>
internal static class PageToken
{
    public static string Encode(string continueToken, string filters) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Payload(Fingerprint(filters), continueToken), PageTokenContext.Default.Payload));

    /// <summary>The continue token inside <paramref name="token"/>, or an error text when it is not ours or not for these filters.</summary>
    public static bool TryDecode(string token, string filters, out string continueToken, out string error)
    {
        continueToken = "";
        error = "";
        Payload? payload = null;
        try
        {
            payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), PageTokenContext.Default.Payload);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }
        if (payload is null || string.IsNullOrEmpty(payload.Continue))
        {
            error = "is not a page token from this API";
            return false;
        }
        if (payload.Filters != Fingerprint(filters))
        {
            error = "was issued for a listing with other filters (namespace, label_selector, field_selector)";
            return false;
        }
        continueToken = payload.Continue;
        return true;
    }

    private static string Fingerprint(string filters) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(filters)).AsSpan(0, 8));

    internal sealed record Payload([property: JsonPropertyName("f")] string Filters, [property: JsonPropertyName("c")] string Continue);
}

[JsonSerializable(typeof(PageToken.Payload))]
internal sealed partial class PageTokenContext : JsonSerializerContext;
