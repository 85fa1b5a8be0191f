using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace KubeRpc.Server.Access;

/// <summary>
/// Authenticates bearer tokens with the cluster's TokenReview, remembering each answer for at most
/// <see cref="AuthOptions.TokenCacheTtl"/> and never past the token's own expiry. Tokens are remembered by their SHA-256
/// only, and never logged.
/// </summary>
internal sealed class TokenReviewer(IKubernetes cluster, AuthOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TokenKey, (Caller? Caller, DateTimeOffset Until)> _reviews = [];
    private readonly Queue<TokenKey> _order = new();

    /// <summary>
    /// The remembered answer for the token, without waiting (every call's path): true when one is remembered, with the
    /// caller, or null for a token the cluster refused.
    /// </summary>
    public bool TryRemembered(string token, out Caller? caller) => TryRemembered(token, out caller, out _);

    /// <inheritdoc cref="TryRemembered(string, out Caller?)"/>
    /// <param name="until">Until when the answer may be used.</param>
    public bool TryRemembered(string token, out Caller? caller, out DateTimeOffset until)
    {
        var key = TokenKey.Of(token);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_reviews.TryGetValue(key, out var remembered) && remembered.Until > now)
            {
                (caller, until) = remembered;
                return true;
            }
        }
        (caller, until) = (null, default);
        return false;
    }

    /// <summary>The caller the token belongs to, or null when the cluster does not authenticate it.</summary>
    public async Task<Caller?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (TryRemembered(token, out var remembered))
        {
            return remembered;
        }
        var key = TokenKey.Of(token);
        var now = time.GetUtcNow();
        var review = await cluster.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview
        {
            Spec = new V1TokenReviewSpec { Token = token, Audiences = options.Audiences.Count == 0 ? null : [.. options.Audiences] },
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var status = review.Status;
        var expires = ExpiryOf(token);
        var caller = status?.Authenticated == true && status.User is { } user
            ? new Caller(user.Username ?? "", user.Uid ?? "", [.. user.Groups ?? []],
                (user.Extra ?? new Dictionary<string, IList<string>>()).ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value]))
            {
                Expires = expires,
            }
            : null;
        var until = now + options.TokenCacheTtl;
        if (expires is not null && expires < until)
        {
            until = expires.Value;
        }
        Remember(key, caller, until);
        return caller;
    }

    private void Remember(TokenKey key, Caller? caller, DateTimeOffset until)
    {
        lock (_gate)
        {
            if (!_reviews.ContainsKey(key))
            {
                _order.Enqueue(key);
            }
            _reviews[key] = (caller, until);
            while (_reviews.Count > options.TokenCacheSize && _order.TryDequeue(out var oldest))
            {
                _reviews.Remove(oldest);
            }
        }
    }

    /// <summary>The <c>exp</c> claim of a JWT, read without verifying it (the review verifies); null when there is none.</summary>
    private static DateTimeOffset? ExpiryOf(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length > 8192)
        {
            return null;
        }
        try
        {
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return claims.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A token's SHA-256, as two 128-bit halves: the cache keeps no token, and hashing one allocates nothing.</summary>
    private readonly record struct TokenKey(UInt128 High, UInt128 Low)
    {
        public static TokenKey Of(string token)
        {
            var length = Encoding.UTF8.GetMaxByteCount(token.Length);
            var rented = length > 4096 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
            try
            {
                Span<byte> bytes = rented ?? stackalloc byte[length];
                var written = Encoding.UTF8.GetBytes(token, bytes);
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(bytes[..written], hash);
                return new TokenKey(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash),
                    System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash[16..]));
            }
            finally
            {
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented, clearArray: true);
                }
            }
        }
    }
}
