using System.Buffers.Text;
using System.Text.Json;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Registry;

/// <summary>List continue tokens in kube-apiserver's shape: base64url of <c>{"v":"meta.k8s.io/v1","rv":N,"start":"key\u0000"}</c>.</summary>
internal static class ContinueToken
{
    private const string Version = "meta.k8s.io/v1";

    public static string Encode(long resourceVersion, string lastKey)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Payload(Version, resourceVersion, lastKey + "\0"), PayloadContext.Default.Payload);
        return Base64Url.EncodeToString(json);
    }

    /// <summary>Decodes a token into its snapshot version and the key to continue after; 400 when it is not ours.</summary>
    public static (long ResourceVersion, string StartAfter) Decode(string token)
    {
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), PayloadContext.Default.Payload);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw Invalid("continue key is not valid");
        }
        if (payload is null || payload.V != Version)
        {
            throw Invalid("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
        if (string.IsNullOrEmpty(payload.Start))
        {
            throw Invalid("continue key is not valid: encoded start key empty");
        }
        if (payload.Rv <= 0)
        {
            throw Invalid("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
        return (payload.Rv, payload.Start.TrimEnd('\0'));
    }

    private static ApiException Invalid(string detail) => ApiException.BadRequest($"invalid continue token: {detail}");

    internal sealed record Payload(
        [property: System.Text.Json.Serialization.JsonPropertyName("v")] string V,
        [property: System.Text.Json.Serialization.JsonPropertyName("rv")] long Rv,
        [property: System.Text.Json.Serialization.JsonPropertyName("start")] string Start);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(ContinueToken.Payload))]
internal sealed partial class PayloadContext : System.Text.Json.Serialization.JsonSerializerContext;
