using Google.Protobuf;
using Google.Protobuf.Reflection;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>
/// Refuses a protobuf body that carries a field the emulator's partial messages (Wire/pod.proto: PodSpec, Container,
/// EnvVar) do not model. Those messages are a subset of kube-apiserver's, and silently dropping, say, a container's
/// securityContext or a volume would store a different pod template than the client sent. Fields missing from the
/// complete messages are newer than 1.32 and are skipped, as the other kinds' decoding does.
/// </summary>
internal static class UnmodelledFields
{
    /// <summary>Throws 400 BadRequest naming the first field of a partial message that has no counterpart here.</summary>
    /// <exception cref="ApiException">400 BadRequest.</exception>
    public static void Refuse(ByteString raw, MessageDescriptor root, IReadOnlySet<MessageDescriptor> partial, string kind)
    {
        if (Find(raw, root, partial) is { } found)
        {
            throw ApiException.BadRequest(
                $"{kind} in version \"v1\" cannot be handled as a {kind}: the emulator does not decode field {found.Number} of the protobuf "
                + $"{found.Message} message; send this object as JSON instead");
        }
    }

    /// <summary>The first unmodelled field of a partial message, walking every modelled message field in wire order.</summary>
    internal static (string Message, int Number)? Find(ByteString raw, MessageDescriptor descriptor, IReadOnlySet<MessageDescriptor> partial)
    {
        var input = raw.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var field = descriptor.FindFieldByNumber(number);
            if (field is null)
            {
                if (partial.Contains(descriptor))
                {
                    return (descriptor.Name, number);
                }
                input.SkipLastField();
                continue;
            }
            if (field.FieldType == FieldType.Message && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                // The message types here do not recurse, so this walk is as deep as the schema.
                if (Find(input.ReadBytes(), field.MessageType, partial) is { } inner)
                {
                    return inner;
                }
                continue;
            }
            input.SkipLastField();
        }
        return null;
    }
}
