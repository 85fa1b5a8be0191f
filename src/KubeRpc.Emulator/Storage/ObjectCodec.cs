using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Storage;

/// <summary>
/// Converts between the stored JSON bytes and KubernetesClient model objects of one kind. Every decode gives
/// a private copy, so strategies may mutate what they get without touching stored state.
/// </summary>
internal sealed class ObjectCodec
{
    private readonly Func<string, IKubernetesObject<V1ObjectMeta>> _fromJson;
    private readonly Func<JsonNode, IKubernetesObject<V1ObjectMeta>> _fromNode;

    public ObjectCodec(ResourceType type)
    {
        Type = type;
        _fromJson = Bind<string>(type.ModelType);
        _fromNode = Bind<JsonNode>(type.ModelType);
    }

    public ResourceType Type { get; }

    public IKubernetesObject<V1ObjectMeta> Decode(ReadOnlySpan<byte> json) => Stamp(_fromJson(Encoding.UTF8.GetString(json)));

    public IKubernetesObject<V1ObjectMeta> Decode(JsonNode node) => Stamp(_fromNode(node));

    /// <summary>Serialises with kind and apiVersion set, as watch events and single GETs carry them.</summary>
    public byte[] Encode(IKubernetesObject<V1ObjectMeta> obj)
    {
        Stamp(obj);
        return Encoding.UTF8.GetBytes(KubernetesJson.Serialize(obj));
    }

    public static JsonObject ToNode(ReadOnlySpan<byte> json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new InvalidOperationException("stored object is not a JSON object");

    private IKubernetesObject<V1ObjectMeta> Stamp(IKubernetesObject<V1ObjectMeta> obj)
    {
        obj.ApiVersion = Type.ApiVersion;
        obj.Kind = Type.Kind;
        obj.Metadata ??= new V1ObjectMeta();
        return obj;
    }

    private static Func<TIn, IKubernetesObject<V1ObjectMeta>> Bind<TIn>(Type model)
    {
        var method = typeof(KubernetesJson).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == nameof(KubernetesJson.Deserialize) && m.GetParameters()[0].ParameterType == typeof(TIn))
            .MakeGenericMethod(model);
        // Unwrapped, so that a body the model cannot hold fails with the serializer's own JsonException.
        return input => (IKubernetesObject<V1ObjectMeta>)(method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [input, null], null)
            ?? throw new InvalidOperationException("null object"));
    }
}
