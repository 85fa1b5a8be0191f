using Google.Protobuf;
using KubeRpc.V1;

namespace KubeRpc.Server.Wire;

/// <summary>
/// A watch event (<c>ServiceEvent</c>, <c>IngressEvent</c>): <c>type</c> (1), the object (2), <c>resource_version</c>
/// (3), <c>initial_events_end</c> (4), <c>relist_batch</c> (5). Built once per change and written to every subscriber that receives it;
/// the object's bytes are the cache's own, not a copy.
/// </summary>
internal sealed class EncodedEvent : EncodedMessage
{
    private const int TypeField = 1;
    private const int ObjectField = 2;
    private const int ResourceVersionField = 3;
    private const int InitialEventsEndField = 4;
    private const int RelistBatchField = 5;

    private readonly EncodedMessage? _item;
    private readonly int _length;

    public EncodedEvent(EventType type, EncodedMessage? item, string resourceVersion, bool initialEventsEnd, bool relistBatch)
    {
        Type = type;
        _item = item;
        ResourceVersion = resourceVersion;
        InitialEventsEnd = initialEventsEnd;
        RelistBatch = relistBatch;
        _length = (type == EventType.Unspecified ? 0 : 1 + CodedOutputStream.ComputeEnumSize((int)type))
            + (item is null ? 0 : ProtoWire.LengthDelimitedSize(item.Length))
            + ProtoWire.StringFieldSize(resourceVersion)
            + (initialEventsEnd ? 2 : 0)
            + (relistBatch ? 2 : 0);
    }

    public EventType Type { get; }

    public string ResourceVersion { get; }

    public bool InitialEventsEnd { get; }

    public bool RelistBatch { get; }

    public override int Length => _length;

    public override void WriteTo(Span<byte> destination)
    {
        var at = 0;
        if (Type != EventType.Unspecified)
        {
            at += ProtoWire.WriteVarintField(destination, TypeField, (ulong)Type);
        }
        if (_item is not null)
        {
            at += ProtoWire.WriteMessageField(destination[at..], ObjectField, _item);
        }
        at += ProtoWire.WriteStringField(destination[at..], ResourceVersionField, ResourceVersion);
        if (InitialEventsEnd)
        {
            at += ProtoWire.WriteVarintField(destination[at..], InitialEventsEndField, 1);
        }
        if (RelistBatch)
        {
            ProtoWire.WriteVarintField(destination[at..], RelistBatchField, 1);
        }
    }
}
