using Google.Protobuf;
using KubeRpc.Emulator.Protobuf;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>Namespaces and Secrets encoded with the generated messages, decoded to Go-shaped JSON.</summary>
public class NamespaceSecretRoundTripTests
{
    [Fact]
    public void Decode_NamespaceWithFinalizersPhaseAndConditions_WritesThem()
    {
        var ns = new Namespace
        {
            Metadata = new ObjectMeta { Name = "team" },
            Spec = new NamespaceSpec { Finalizers = { "kubernetes" } },
            Status = new NamespaceStatus { Phase = "Terminating" },
        };
        ns.Status.Conditions.Add(new NamespaceCondition { Type = "NamespaceContentRemaining", Status = "True", Reason = "SomeResourcesRemain", Message = "m" });
        ns.Status.Conditions.Add(new NamespaceCondition { Type = "X", Status = "False" });

        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("v1", "Namespace", ns)).ToJsonString();

        const string Expected =
            """
            {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"team","creationTimestamp":null},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Terminating","conditions":[{"type":"NamespaceContentRemaining","status":"True","lastTransitionTime":null,"reason":"SomeResourcesRemain","message":"m"},{"type":"X","status":"False","lastTransitionTime":null}]}}
            """;
        Assert.Equal(Expected, json);
    }

    [Fact]
    public void Decode_SecretWithBinaryDataStringDataAndImmutableFalse_WritesAllInGoOrder()
    {
        var secret = new Secret
        {
            Metadata = new ObjectMeta { Name = "s", Namespace = "default" },
            Immutable = false,
            Type = "Opaque",
            Data = { ["z.bin"] = ByteString.CopyFrom(0xff, 0x00, 0xfe), ["a"] = ByteString.Empty },
            StringData = { ["password"] = "p@ss" },
        };

        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("v1", "Secret", secret));

        Assert.Equal(["kind", "apiVersion", "metadata", "immutable", "data", "stringData", "type"], json.Select(p => p.Key));
        Assert.False((bool)json["immutable"]!);
        Assert.Equal(["a", "z.bin"], json["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal("/wD+", (string?)json["data"]!["z.bin"]);
        Assert.Equal("", (string?)json["data"]!["a"]);
        Assert.Equal("p@ss", (string?)json["stringData"]!["password"]);
        Assert.Equal("Opaque", (string?)json["type"]);
    }

    [Fact]
    public void Decode_UnknownFieldsFromNewerClients_AreSkipped()
    {
        // Field 99 is not part of Namespace; a newer kubectl could send fields this emulator does not model.
        var raw = new Namespace { Metadata = new ObjectMeta { Name = "n" } }.ToByteArray();
        byte[] extra = [0x9a, 0x06, 0x01, 0x41];
        var body = WireBody.Envelope(new Unknown
        {
            TypeMeta = new TypeMeta { ApiVersion = "v1", Kind = "Namespace" },
            Raw = ByteString.CopyFrom([.. raw, .. extra]),
        });

        Assert.Equal("n", (string?)KubeProtobufDecoder.Decode(body)["metadata"]!["name"]);
    }
}
