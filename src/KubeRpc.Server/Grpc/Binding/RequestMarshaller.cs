using Google.Protobuf;
using Grpc.Core;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Wire;

namespace KubeRpc.Server.Grpc.Binding;

/// <summary>
/// Reads a request message. Bytes that are not a valid message of the type are the caller's mistake: INVALID_ARGUMENT
/// with details, where Grpc.AspNetCore would answer UNKNOWN and log an error for every such request.
/// </summary>
internal static class RequestMarshaller<T> where T : class, IMessage<T>, new()
{
    public static Marshaller<T> Instance { get; } = Marshallers.Create<T>(
        static (message, context) => ProtoMarshaller<T>.Instance.ContextualSerializer(message, context), Deserialize);

    private static T Deserialize(DeserializationContext context)
    {
        try
        {
            return ProtoMarshaller<T>.Parser.ParseFrom(context.PayloadAsReadOnlySequence());
        }
        catch (InvalidProtocolBufferException e)
        {
            // The parser's message says what is wrong with the bytes (a truncated field, an invalid tag), never their content.
            throw RequestStatuses.Malformed(typeof(T).Name, new T().Descriptor.FullName, e.Message);
        }
    }
}
