using Google.Protobuf;

namespace KubeRpc.Server.Caching;

/// <summary>The message object back from a cached object's bytes, for the few readers that need fields the cache does not index.</summary>
internal static class CachedObjectDecoding
{
    public static TProto Decode<TProto>(this CachedObject<TProto> cached) where TProto : class, IMessage<TProto>, new()
    {
        ArgumentNullException.ThrowIfNull(cached);
        return Wire.ProtoMarshaller<TProto>.Parser.ParseFrom(cached.Encoded);
    }
}
