using Google.Protobuf;
using KubeRpc.Machinery;
using KubeRpc.Server.Wire;
using KubeRpc.V1;

namespace KubeRpc.Server.Endpoints;

/// <summary>
/// One endpoint set as clients receive it, with the version it reflects; its stream messages are encoded once and
/// shared by every subscriber (a scale-up reaches a thousand streams as one encoding).
/// </summary>
internal sealed class PublishedEndpoints
{
    private EncodedMessage? _initial;
    private EncodedMessage? _changed;

    public PublishedEndpoints(ServiceEndpoints content, long resourceVersion, long sequence)
    {
        Content = content;
        ResourceVersion = resourceVersion;
        Sequence = sequence;
        Message = content.Clone();
        Message.ResourceVersion = ResourceVersions.Format(resourceVersion);
    }

    /// <summary>The set without its version, to compare with the next one.</summary>
    public ServiceEndpoints Content { get; }

    /// <summary>The set as sent, with its resource_version.</summary>
    public ServiceEndpoints Message { get; }

    public long ResourceVersion { get; }

    /// <summary>Counts the sets published for one Service: a stream sends a set when this moved since its last one.</summary>
    public long Sequence { get; }

    /// <summary>The INITIAL or CHANGED message carrying this set.</summary>
    public EncodedMessage Event(ServiceEndpointsEventType type)
    {
        ref var slot = ref type == ServiceEndpointsEventType.Initial ? ref _initial : ref _changed;
        if (Volatile.Read(ref slot) is { } built)
        {
            return built;
        }
        var message = new Encoded(new ServiceEndpointsEvent { Type = type, Endpoints = Message, ResourceVersion = Message.ResourceVersion }.ToByteArray());
        return Interlocked.CompareExchange(ref slot, message, null) ?? message;
    }

    /// <summary>A BOOKMARK carrying this set's version.</summary>
    public EncodedMessage Bookmark() =>
        new MessageReply(new ServiceEndpointsEvent { Type = ServiceEndpointsEventType.Bookmark, ResourceVersion = Message.ResourceVersion });

    private sealed class Encoded(byte[] bytes) : EncodedMessage
    {
        public override int Length => bytes.Length;

        public override void WriteTo(Span<byte> destination) => bytes.CopyTo(destination);
    }
}
