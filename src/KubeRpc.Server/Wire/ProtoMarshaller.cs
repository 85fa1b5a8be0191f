using Google.Protobuf;
using Grpc.Core;

namespace KubeRpc.Server.Wire;

/// <summary>The usual Google.Protobuf marshaller of a message type, as Grpc.Tools generates it.</summary>
internal static class ProtoMarshaller<T> where T : class, IMessage<T>, new()
{
    public static MessageParser<T> Parser { get; } = new(static () => new T());

    public static Marshaller<T> Instance { get; } = Marshallers.Create<T>(Serialize, static context => Parser.ParseFrom(context.PayloadAsReadOnlySequence()));

    private static void Serialize(T message, SerializationContext context)
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }
}
