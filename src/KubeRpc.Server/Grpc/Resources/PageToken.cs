using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeRpc.Server.Grpc.Resources;

/// <summary>Where a listing's pages come from: the whole walk stays on the path its first page took.</summary>
internal enum PagePath
{
    /// <summary>The informer cache; the position is the last key sent.</summary>
    Cache,

    /// <summary>The API server; the position is its continue token.</summary>
    Api,
}

/// <summary>
/// Opaque list page tokens: the path and position of a listing, and a fingerprint of its scope (kind, namespace,
/// selectors, consistency), so a token used for another listing is refused rather than silently mixing two. The path
/// is kept so a listing whose first page came from the API server (the cache had not caught up) continues there
/// instead of restarting in the cache and repeating objects.
/// </summary>
internal static class PageToken
{
    /// <summary>Longer than any token this API issues; a longer one is refused before it is decoded.</summary>
    public const int MaxLength = 4096;

    public static string Encode(PagePath path, string position, string scope) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
            new Payload(Fingerprint(scope), path == PagePath.Cache ? "c" : "a", position), PageTokenContext.Default.Payload));

    /// <summary>The path and position inside <paramref name="token"/>, or an error text when it is not ours or not for this scope.</summary>
    public static bool TryDecode(string token, string scope, out PagePath path, out string position, out string error)
    {
        path = PagePath.Api;
        position = "";
        error = "is not a page token from this API";
        Payload? payload = null;
        if (token.Length <= MaxLength)
        {
            try
            {
                payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), PageTokenContext.Default.Payload);
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
            }
        }
        if (payload is null || string.IsNullOrEmpty(payload.Position) || payload.Path is not ("c" or "a"))
        {
            return false;
        }
        if (payload.Scope != Fingerprint(scope))
        {
            error = "was issued for a listing with other filters (kind, namespace, label_selector, field_selector or consistency)";
            return false;
        }
        path = payload.Path == "c" ? PagePath.Cache : PagePath.Api;
        position = payload.Position;
        error = "";
        return true;
    }

    // The last scope fingerprinted and its fingerprint: a client paging or re-listing asks for the same scope again and
    // again, and the hash is most of a token's cost (one entry, so a caller varying its selectors grows nothing).
    // A reference, so a reader sees one pair whole while another thread replaces it.
    private static Remembered? _last;

    private static string Fingerprint(string scope)
    {
        if (Volatile.Read(ref _last) is { } last && string.Equals(last.Scope, scope, StringComparison.Ordinal))
        {
            return last.Fingerprint;
        }
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scope)).AsSpan(0, 8));
        Volatile.Write(ref _last, new Remembered(scope, fingerprint));
        return fingerprint;
    }

    private sealed record Remembered(string Scope, string Fingerprint);

    internal sealed record Payload(
        [property: JsonPropertyName("f")] string Scope,
        [property: JsonPropertyName("p")] string Path,
        [property: JsonPropertyName("c")] string Position);
}

[JsonSerializable(typeof(PageToken.Payload))]
internal sealed partial class PageTokenContext : JsonSerializerContext;
