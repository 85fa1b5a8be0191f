using Grpc.Core;

namespace KubeRpc.Server.Wire;

/// <summary>Writes an <see cref="EncodedMessage"/> to the wire as it is: no message object, no second encoding.</summary>
internal static class EncodedMarshaller
{
    public static Marshaller<EncodedMessage> Instance { get; } = Marshallers.Create<EncodedMessage>(Serialize,
        static _ => throw new NotSupportedException("encoded messages are server replies; they are never read"));

    private static void Serialize(EncodedMessage message, SerializationContext context)
    {
        var length = message.Length;
        context.SetPayloadLength(length);
        var writer = context.GetBufferWriter();
        message.WriteTo(writer.GetSpan(length)[..length]);
        writer.Advance(length);
        context.Complete();
    }
}
