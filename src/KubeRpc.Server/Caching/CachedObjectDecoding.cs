using Google.Protobuf;

namespace KubeRpc.Server.Caching;

/// <summary>The message object back from a cached object's bytes, for the few readers that need fields the cache does not index.</summary>
internal static class CachedObjectDecoding
{
    public static TProto Decode<TProto>(this CachedObject<TProto> cached) where TProto : class, IMessage<TProto>, new()
    {
        ArgumentNullException.ThrowIfNull(cached);
        return Parsers<TProto>.Parser.ParseFrom(cached.Encoded);
    }

    private static class Parsers<TProto> where TProto : class, IMessage<TProto>, new()
    {
        public static readonly MessageParser<TProto> Parser = new(static () => new TProto());
    }
}
