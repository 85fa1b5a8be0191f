using System.Text.Json;

namespace KubeRpc.Emulator.Auth.Tokens;

/// <summary>
/// The claims of a bound service-account token, as kube-apiserver's <c>serviceaccount.Claims</c> issues them: the
/// registered <c>iss</c>, <c>sub</c> (<c>system:serviceaccount:&lt;ns&gt;:&lt;name&gt;</c>), <c>aud</c>, <c>iat</c>,
/// <c>nbf</c>, <c>exp</c> and <c>jti</c> (the ServiceAccountTokenJTI feature, on in 1.32), plus the private
/// <c>kubernetes.io</c> claim with the namespace and the service account's name and uid. Times are whole Unix seconds.
/// </summary>
internal sealed record ServiceAccountClaims(
    string Issuer, string Subject, IReadOnlyList<string> Audiences, long? IssuedAt, long? NotBefore, long? Expiry, string Id,
    string Namespace, string ServiceAccountName, string ServiceAccountUid)
{
    /// <summary>
    /// The payload JSON. go-jose merges the claims into one map before writing it, so keys come out sorted at every level,
    /// and an audience list is always an array.
    /// </summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("aud");
            foreach (var audience in Audiences)
            {
                w.WriteStringValue(audience);
            }
            w.WriteEndArray();
            w.WriteNumber("exp", Expiry ?? 0);
            w.WriteNumber("iat", IssuedAt ?? 0);
            w.WriteString("iss", Issuer);
            w.WriteString("jti", Id);
            w.WriteStartObject("kubernetes.io");
            w.WriteString("namespace", Namespace);
            w.WriteStartObject("serviceaccount");
            w.WriteString("name", ServiceAccountName);
            w.WriteString("uid", ServiceAccountUid);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteNumber("nbf", NotBefore ?? 0);
            w.WriteString("sub", Subject);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads the claims of a payload whose signature has been checked (so it is one of ours): absent strings read as
    /// empty, absent times as null (go-jose's nil <c>NumericDate</c>, which no check looks at). Null when the payload is
    /// not a JSON object.
    /// </summary>
    public static ServiceAccountClaims? Read(ReadOnlySpan<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var kubernetes = Member(root, "kubernetes.io");
            var account = kubernetes is { } k ? Member(k, "serviceaccount") : null;
            return new ServiceAccountClaims(
                String(root, "iss"), String(root, "sub"), Audience(root), Number(root, "iat"), Number(root, "nbf"), Number(root, "exp"),
                String(root, "jti"), kubernetes is { } ns ? String(ns, "namespace") : "",
                account is { } a ? String(a, "name") : "", account is { } u ? String(u, "uid") : "");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The unverified <c>iss</c> of a payload (kube-apiserver's <c>hasCorrectIssuer</c>); null when unreadable.</summary>
    public static string? PeekIssuer(ReadOnlySpan<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (!document.RootElement.TryGetProperty("iss", out var iss) || iss.ValueKind == JsonValueKind.Null)
            {
                return "";
            }
            return iss.ValueKind == JsonValueKind.String ? iss.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>go-jose's <c>Audience</c>: a single string or an array of strings.</summary>
    private static string[] Audience(JsonElement root) => Member(root, "aud") switch
    {
        { ValueKind: JsonValueKind.String } one => [one.GetString()!],
        { ValueKind: JsonValueKind.Array } many => [.. many.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
        _ => [],
    };

    private static JsonElement? Member(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var value) ? value : null;

    private static string String(JsonElement o, string name) =>
        Member(o, name) is { ValueKind: JsonValueKind.String } s ? s.GetString()! : "";

    // NumericDate unmarshals any JSON number and truncates it to whole seconds.
    private static long? Number(JsonElement o, string name) =>
        Member(o, name) is { ValueKind: JsonValueKind.Number } n ? (long)n.GetDouble() : null;
}
