using System.Text;
using Google.Protobuf;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Protobuf;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>Malformed bodies fail with 400 BadRequest worded as kube-apiserver words them.</summary>
public class DecodeErrorTests
{
    private const string Scheme = "\"k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30\"";

    [Fact]
    public void Decode_EmptyBody_FailsEmptyData() => AssertBadRequest("empty data", []);

    [Fact]
    public void Decode_JsonBody_FailsWithExpectedPrefix() =>
        AssertBadRequest("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]", Encoding.UTF8.GetBytes("{}"));

    [Fact]
    public void Decode_MagicOnly_FailsEmptyBody() => AssertBadRequest("empty body", WireBody.Magic);

    [Fact]
    public void Decode_TruncatedEnvelope_FailsUnexpectedEof() => AssertBadRequest("unexpected EOF", [.. WireBody.Magic, 0x0a, 0x05, 0x0a]);

    [Fact]
    public void Decode_UnregisteredKind_FailsNoKindRegistered() =>
        AssertBadRequest($"no kind \"ReplicationController\" is registered for version \"v1\" in scheme {Scheme}", WireBody.Envelope("v1", "ReplicationController", new Namespace()));

    [Fact]
    public void Decode_RemovedIngressVersion_FailsNoKindRegistered() =>
        AssertBadRequest($"no kind \"Ingress\" is registered for version \"networking.k8s.io/v1beta1\" in scheme {Scheme}",
            WireBody.Envelope("networking.k8s.io/v1beta1", "Ingress", new Ingress()));

    [Fact]
    public void Decode_MissingKind_FailsWithGoTypeMeta() =>
        AssertBadRequest("Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"v1\", Kind:\"\"}'", WireBody.Envelope("v1", "", new Namespace()));

    [Fact]
    public void Decode_MissingVersion_FailsWithGoTypeMeta() =>
        AssertBadRequest("Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:\"\", Kind:\"Namespace\"}'", WireBody.Envelope("", "Namespace", new Namespace()));

    [Fact]
    public void DecodeExpected_UnregisteredKind_WrapsAsCreateHandler() =>
        AssertBadRequest($"Foo in version \"v1\" cannot be handled as a Namespace: no kind \"Foo\" is registered for version \"v1\" in scheme {Scheme}",
            WireBody.Envelope("v1", "Foo", new Namespace()), "v1", "Namespace");

    [Fact]
    public void DecodeExpected_OtherKnownKind_FailsUnknownConversion() =>
        AssertBadRequest("Secret in version \"v1\" cannot be handled as a Namespace: converting (v1.Secret) to (core.Namespace): unknown conversion",
            WireBody.Envelope("v1", "Secret", new Secret()), "v1", "Namespace");

    [Fact]
    public void DecodeExpected_JsonBody_FailsUnrecognizedWithSummary() =>
        AssertBadRequest("the object provided is unrecognized (must be of type Namespace): provided data does not appear to be a protobuf message, "
            + "expected prefix [107 56 115 0] ({\"kind\":\"Namespace\",\"apiVersio ...)",
            Encoding.UTF8.GetBytes("{\"kind\":\"Namespace\",\"apiVersion\":\"v1\"}"), "v1", "Namespace");

    [Fact]
    public void DecodeExpected_TruncatedEnvelope_SummarizesBodyAsHex() =>
        AssertBadRequest("the object provided is unrecognized (must be of type Service): unexpected EOF (6b3873000a050a)",
            [.. WireBody.Magic, 0x0a, 0x05, 0x0a], "v1", "Service");

    [Fact]
    public void DecodeExpected_TruncatedObject_NamesTheKind()
    {
        var body = WireBody.Envelope(new Unknown
        {
            TypeMeta = new TypeMeta { ApiVersion = "v1", Kind = "Namespace" },
            Raw = ByteString.CopyFrom(0x0a, 0x10, 0x0a),
        });

        AssertBadRequest("Namespace in version \"v1\" cannot be handled as a Namespace: unexpected EOF", body, "v1", "Namespace");
    }

    [Fact]
    public void DecodeExpected_MissingKindAndVersion_TakesThemFromTheUrl()
    {
        var body = WireBody.Envelope(new Unknown { Raw = new Ingress { Metadata = new ObjectMeta { Name = "i" } }.ToByteString() });

        var json = KubeProtobufDecoder.Decode(body, "networking.k8s.io/v1", "Ingress");

        Assert.Equal("Ingress", (string?)json["kind"]);
        Assert.Equal("networking.k8s.io/v1", (string?)json["apiVersion"]);
        Assert.Equal("i", (string?)json["metadata"]!["name"]);
    }

    private static void AssertBadRequest(string message, byte[] body)
    {
        var e = Assert.Throws<ApiException>(() => KubeProtobufDecoder.Decode(body));
        Assert.Equal((400, "BadRequest", message), (e.Code, e.Reason, e.Message));
    }

    private static void AssertBadRequest(string message, byte[] body, string apiVersion, string kind)
    {
        var e = Assert.Throws<ApiException>(() => KubeProtobufDecoder.Decode(body, apiVersion, kind));
        Assert.Equal((400, "BadRequest", message), (e.Code, e.Reason, e.Message));
    }
}
