namespace KubeRpc.Server.Wire;

/// <summary>
/// A List reply (<c>ListServicesResponse</c>, <c>ListIngressesResponse</c>): the items, already encoded, as field 1,
/// then <c>next_page_token</c> (2) and <c>resource_version</c> (3). Both kinds share these field numbers.
/// </summary>
internal sealed class EncodedList : EncodedMessage
{
    private const int ItemsField = 1;
    private const int NextPageTokenField = 2;
    private const int ResourceVersionField = 3;

    private readonly IReadOnlyList<EncodedMessage> _items;
    private readonly string _nextPageToken;
    private readonly string _resourceVersion;
    private readonly int _length;

    public EncodedList(IReadOnlyList<EncodedMessage> items, string nextPageToken, string resourceVersion)
    {
        _items = items;
        _nextPageToken = nextPageToken;
        _resourceVersion = resourceVersion;
        var length = ProtoWire.StringFieldSize(nextPageToken) + ProtoWire.StringFieldSize(resourceVersion);
        foreach (var item in items)
        {
            length += ProtoWire.LengthDelimitedSize(item.Length);
        }
        _length = length;
    }

    public override int Length => _length;

    public override void WriteTo(Span<byte> destination)
    {
        var at = 0;
        foreach (var item in _items)
        {
            at += ProtoWire.WriteMessageField(destination[at..], ItemsField, item);
        }
        at += ProtoWire.WriteStringField(destination[at..], NextPageTokenField, _nextPageToken);
        ProtoWire.WriteStringField(destination[at..], ResourceVersionField, _resourceVersion);
    }
}
