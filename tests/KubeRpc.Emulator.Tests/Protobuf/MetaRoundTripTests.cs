using System.Text.Json.Nodes;
using Google.Protobuf;
using KubeRpc.Emulator.Protobuf;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>ObjectMeta and its parts, encoded with the generated messages and decoded to Go-shaped JSON.</summary>
public class MetaRoundTripTests
{
    private static readonly DateTimeOffset Created = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    [Fact]
    public void Decode_FullObjectMeta_WritesGoJsonNamesInStructOrder()
    {
        var meta = new ObjectMeta
        {
            Name = "a", GenerateName = "a-", Namespace = "ns", SelfLink = "/x", Uid = "u-1", ResourceVersion = "7",
            Generation = 3, CreationTimestamp = WireBody.Time(Created, nanos: 999_000_000),
            DeletionTimestamp = WireBody.Time(Created.AddMinutes(1)), DeletionGracePeriodSeconds = 0,
            Labels = { ["z"] = "1", ["a"] = "2" }, Annotations = { ["note"] = "n" },
            Finalizers = { "kubernetes.io/pvc-protection" },
        };

        var m = DecodeMeta(meta);

        Assert.Equal(
            ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
             "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "finalizers"],
            m.Select(p => p.Key));
        Assert.Equal("2024-05-06T07:08:09Z", (string?)m["creationTimestamp"]);
        Assert.Equal("2024-05-06T07:09:09Z", (string?)m["deletionTimestamp"]);
        Assert.Equal(3, (long)m["generation"]!);
        // A *int64 set to 0 is written; Go's map keys come out sorted.
        Assert.Equal(0, (long)m["deletionGracePeriodSeconds"]!);
        Assert.Equal(["a", "z"], m["labels"]!.AsObject().Select(p => p.Key));
        Assert.Equal("kubernetes.io/pvc-protection", (string?)m["finalizers"]![0]);
    }

    [Fact]
    public void Decode_EmptyStringsAndZeroGeneration_AreOmitted()
    {
        var m = DecodeMeta(new ObjectMeta { Name = "a", Namespace = "", Uid = "", Generation = 0 });

        Assert.Equal(["name", "creationTimestamp"], m.Select(p => p.Key));
    }

    [Theory]
    [InlineData(false, false, 0L, null)]
    [InlineData(true, false, 0L, "1970-01-01T00:00:00Z")]
    [InlineData(true, false, -62135596800L, null)]
    [InlineData(true, true, 1L, "1970-01-01T00:00:01Z")]
    public void Decode_CreationTimestamp_EmptyOrGoZeroIsNullElseRfc3339(bool setSeconds, bool setNanos, long seconds, string? expected)
    {
        var time = new Time();
        if (setSeconds)
        {
            time.Seconds = seconds;
        }

        if (setNanos)
        {
            time.Nanos = 5;
        }

        var m = DecodeMeta(new ObjectMeta { Name = "a", CreationTimestamp = time });

        Assert.True(m.ContainsKey("creationTimestamp"));
        Assert.Equal(expected, (string?)m["creationTimestamp"]);
    }

    [Fact]
    public void Decode_OwnerReference_AlwaysWritesIdentityAndPointerFlagsWhenSet()
    {
        var meta = new ObjectMeta { Name = "a" };
        meta.OwnerReferences.Add(new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = "u", Controller = true, BlockOwnerDeletion = false });
        meta.OwnerReferences.Add(new OwnerReference { Kind = "X" });

        var owners = DecodeMeta(meta)["ownerReferences"]!.AsArray();

        Assert.Equal(["apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"], owners[0]!.AsObject().Select(p => p.Key));
        Assert.True((bool)owners[0]!["controller"]!);
        Assert.False((bool)owners[0]!["blockOwnerDeletion"]!);
        Assert.Equal("""{"apiVersion":"","kind":"X","name":"","uid":""}""", owners[1]!.ToJsonString());
    }

    [Fact]
    public void Decode_ManagedFields_CarriesFieldsV1AsJson()
    {
        var meta = new ObjectMeta { Name = "a" };
        meta.ManagedFields.Add(new ManagedFieldsEntry
        {
            Manager = "kubectl", Operation = "Update", ApiVersion = "v1", Time = WireBody.Time(Created),
            FieldsType = "FieldsV1", FieldsV1 = new FieldsV1 { Raw = ByteString.CopyFromUtf8("""{"f:metadata":{"f:labels":{}}}""") },
        });

        var entry = DecodeMeta(meta)["managedFields"]![0]!;

        Assert.Equal("kubectl", (string?)entry["manager"]);
        Assert.Equal("Update", (string?)entry["operation"]);
        Assert.Equal("2024-05-06T07:08:09Z", (string?)entry["time"]);
        Assert.Equal("FieldsV1", (string?)entry["fieldsType"]);
        Assert.Equal("""{"f:metadata":{"f:labels":{}}}""", entry["fieldsV1"]!.ToJsonString());
        Assert.False(entry.AsObject().ContainsKey("subresource"));
    }

    private static JsonObject DecodeMeta(ObjectMeta meta) =>
        KubeProtobufDecoder.Decode(WireBody.Envelope("v1", "Secret", new Secret { Metadata = meta }))["metadata"]!.AsObject();
}
