using Google.Protobuf;

namespace KubeRpc.Server.Wire;

/// <summary>A message object sent through the pass-through marshaller (a read answered by the API server, not the cache).</summary>
internal sealed class MessageReply(IMessage message) : EncodedMessage
{
    private readonly int _length = message.CalculateSize();

    public override int Length => _length;

    public override void WriteTo(Span<byte> destination) => message.WriteTo(destination);
}
