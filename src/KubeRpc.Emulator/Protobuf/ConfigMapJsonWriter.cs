using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>JSON of the core/v1 ConfigMap, as Go writes it.</summary>
internal static class ConfigMapJsonWriter
{
    /// <summary>A ConfigMap: <c>immutable</c> only when set, <c>data</c> plain, <c>binaryData</c> base64.</summary>
    public static void ConfigMap(JsonObject o, ConfigMap configMap)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(configMap.Metadata);
        GoJson.OptionalBool(o, "immutable", configMap.HasImmutable, configMap.Immutable);
        GoJson.StringMap(o, "data", configMap.Data);
        GoJson.BytesMap(o, "binaryData", configMap.BinaryData);
    }
}
