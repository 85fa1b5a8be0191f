using Google.Protobuf;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Wire;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Wire;

/// <summary>
/// The pre-encoded replies must be byte-for-byte readable as the proto messages the contract declares: each test
/// parses them with the generated parser and compares with the message built the ordinary way.
/// </summary>
public sealed class PreEncodedRepliesTests
{
    private static Service Sample(string name, string rv) => new()
    {
        Metadata = new ObjectMeta { Namespace = "team-a", Name = name, ResourceVersion = rv, Labels = { ["app"] = name, ["tier"] = "web" } },
        Spec = new ServiceSpec { Type = ServiceType.ClusterIp, ClusterIp = "10.96.0.10", Ports = { new ServicePort { Name = "http", Port = 80 } } },
    };

    private static CachedObject<Service> Cached(Service service) =>
        new(new ObjectKey(service.Metadata.Namespace, service.Metadata.Name), long.Parse(service.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture),
            service.ToByteArray(), LabelSet.From(service.Metadata.Labels), ServiceKind.Descriptor.Fields, ["10.96.0.10", "ClusterIP"]);

    [Fact]
    public void CachedObject_Bytes_ParseToTheProjectedMessage()
    {
        var service = Sample("web", "12");
        var cached = Cached(service);
        Assert.Equal(service, Service.Parser.ParseFrom(cached.ToByteArray()));
        Assert.Equal(service, cached.Decode());
    }

    [Fact]
    public void EncodedList_ItemsTokenAndVersion_ParseAsListServicesResponse()
    {
        var items = Enumerable.Range(0, 3).Select(i => Sample($"svc-{i}", $"{10 + i}")).ToList();
        var encoded = new EncodedList([.. items.Select(Cached)], "next-token", "42");
        var expected = new ListServicesResponse { Services = { items }, NextPageToken = "next-token", ResourceVersion = "42" };
        Assert.Equal(expected.CalculateSize(), encoded.Length);
        Assert.Equal(expected, ListServicesResponse.Parser.ParseFrom(encoded.ToByteArray()));
    }

    [Fact]
    public void EncodedList_EmptyPage_ParsesWithEmptyStrings()
    {
        var encoded = new EncodedList([], "", "7");
        Assert.Equal(new ListIngressesResponse { ResourceVersion = "7" }, ListIngressesResponse.Parser.ParseFrom(encoded.ToByteArray()));
    }

    [Fact]
    public void EncodedList_MixesCachedAndMappedItems()
    {
        var fromCache = Sample("a", "1");
        var fromApi = Sample("b", "2");
        var encoded = new EncodedList([Cached(fromCache), new MessageReply(fromApi)], "", "2");
        Assert.Equal([fromCache, fromApi], ListServicesResponse.Parser.ParseFrom(encoded.ToByteArray()).Services);
    }

    [Theory]
    [InlineData(EventType.Added, false)]
    [InlineData(EventType.Modified, false)]
    [InlineData(EventType.Deleted, false)]
    [InlineData(EventType.Added, true)]
    [InlineData(EventType.Modified, true)]
    [InlineData(EventType.Deleted, true)]
    public void EncodedEvent_WithObject_ParsesAsServiceEvent(EventType type, bool relistBatch)
    {
        var service = Sample("web", "300");
        var encoded = new EncodedEvent(type, Cached(service), "300", false, relistBatch);
        var expected = new ServiceEvent { Type = type, Service = service, ResourceVersion = "300", RelistBatch = relistBatch };
        Assert.Equal(expected.CalculateSize(), encoded.Length);
        Assert.Equal(expected, ServiceEvent.Parser.ParseFrom(encoded.ToByteArray()));
    }

    [Fact]
    public void EncodedEvent_InitialEventsEndBookmark_ParsesAsIngressEvent()
    {
        var encoded = new EncodedEvent(EventType.Bookmark, null, "123456789012", true, false);
        var expected = new IngressEvent { Type = EventType.Bookmark, ResourceVersion = "123456789012", InitialEventsEnd = true };
        Assert.Equal(expected, IngressEvent.Parser.ParseFrom(encoded.ToByteArray()));
    }

    [Fact]
    public void EncodedEvent_LargeObject_UsesMultiByteLength()
    {
        var service = Sample("big", "5");
        service.Metadata.Annotations.Add("note", new string('x', 20_000));
        var encoded = new EncodedEvent(EventType.Modified, new MessageReply(service), "5", false, false);
        Assert.Equal(service, ServiceEvent.Parser.ParseFrom(encoded.ToByteArray()).Service);
    }
}
