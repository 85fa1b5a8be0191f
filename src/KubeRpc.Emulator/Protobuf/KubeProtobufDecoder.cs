using System.Text.Json.Nodes;
using Google.Protobuf;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>
/// Decodes Kubernetes protobuf request bodies (<c>application/vnd.kubernetes.protobuf</c>) into the JSON object
/// kube-apiserver would have received had the client sent JSON.
/// </summary>
/// <remarks>
/// Since client-go 1.32, kubectl's generator commands (<c>create namespace</c>, <c>create service …</c>,
/// <c>create secret generic|tls</c>, <c>create ingress</c>, <c>create configmap</c>, <c>create deployment</c>,
/// <c>create poddisruptionbudget</c>) POST protobuf, and client-go has no JSON fallback on 415, so the emulator must
/// read it. The body is the magic <c>6b 38 73 00</c> ("k8s\0") followed by a <c>runtime.Unknown</c> whose
/// <c>typeMeta</c> names the object and whose <c>raw</c> is the object's message. Only the kinds of
/// <see cref="KnownKinds"/> are understood. Fields the emulator's messages do not model are skipped, as an older
/// kube-apiserver would skip them,
/// except in the Deployment's pod template, whose messages are partial: there they are refused
/// (<see cref="UnmodelledFields"/>).
/// </remarks>
public static class KubeProtobufDecoder
{
    /// <summary>The Content-Type of Kubernetes protobuf bodies.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>Decodes a body whose type is taken from its own <c>typeMeta</c>.</summary>
    /// <returns>The object's JSON, with <c>kind</c> and <c>apiVersion</c> from the body.</returns>
    /// <exception cref="ApiException">400 BadRequest with the protobuf serializer's message.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body) => Decode(body, expected: null);

    /// <summary>
    /// Decodes a body POSTed to a URL that expects <paramref name="expectedKind"/>: a missing kind or version is
    /// taken from the URL, and failures are worded as the create handler words them
    /// (<c>Foo in version "v1" cannot be handled as a Namespace: …</c>).
    /// </summary>
    /// <exception cref="ApiException">400 BadRequest.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body, string expectedApiVersion, string expectedKind) =>
        Decode(body, WireGroupVersionKind.From(expectedApiVersion, expectedKind));

    private static JsonObject Decode(ReadOnlySpan<byte> body, WireGroupVersionKind? expected)
    {
        if (body.IsEmpty)
        {
            throw DecodeErrors.BadRequest(DecodeErrors.EmptyData, expected, null, body);
        }

        if (!body.StartsWith(Magic))
        {
            throw DecodeErrors.BadRequest(DecodeErrors.BadPrefix, expected, null, body);
        }

        if (body.Length == Magic.Length)
        {
            throw DecodeErrors.BadRequest(DecodeErrors.EmptyBody, expected, null, body);
        }

        Unknown unknown;
        try
        {
            unknown = Unknown.Parser.ParseFrom(body[Magic.Length..]);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw DecodeErrors.BadRequest(DecodeErrors.Malformed(e, "Unknown"), expected, null, body);
        }

        var typeMeta = unknown.TypeMeta ?? new TypeMeta();
        var actual = WireGroupVersionKind.From(typeMeta.ApiVersion, typeMeta.Kind);
        if (expected is { } wanted)
        {
            actual = actual.WithDefaults(wanted);
        }

        var kind = Resolve(actual, expected, typeMeta, body);
        var result = new JsonObject { ["kind"] = actual.Kind, ["apiVersion"] = actual.ApiVersion };
        try
        {
            kind.Write(result, unknown.Raw);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw DecodeErrors.BadRequest(DecodeErrors.Malformed(e, actual.Kind), expected, actual, body);
        }

        // Re-read as text so every node behaves like a parsed JSON body (e.g. GetValue<int> on any number).
        return JsonNode.Parse(result.ToJsonString())!.AsObject();
    }

    /// <summary>Finds the kind to decode, failing as the serializer and the converter would.</summary>
    private static KnownKind Resolve(WireGroupVersionKind actual, WireGroupVersionKind? expected, TypeMeta typeMeta, ReadOnlySpan<byte> body)
    {
        if (actual.Kind.Length == 0)
        {
            throw DecodeErrors.BadRequest(DecodeErrors.MissingKind(typeMeta.ApiVersion, typeMeta.Kind), expected, actual, body);
        }

        if (actual.Version.Length == 0)
        {
            throw DecodeErrors.BadRequest(DecodeErrors.MissingVersion(typeMeta.ApiVersion, typeMeta.Kind), expected, actual, body);
        }

        var kind = KnownKinds.Find(actual)
            ?? throw DecodeErrors.BadRequest(DecodeErrors.NotRegistered(actual), expected, actual, body);
        if (expected is { } wanted && KnownKinds.Find(wanted) is { } target && target != kind)
        {
            // kube-apiserver decodes the body's own kind, then fails converting it to the URL's internal type.
            throw DecodeErrors.BadRequest(DecodeErrors.UnknownConversion(kind.Kind, target.InternalPackage, target.Kind), expected, actual, body);
        }

        return kind;
    }
}
