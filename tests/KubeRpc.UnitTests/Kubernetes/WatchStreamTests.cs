using System.Text.Json;
using k8s;
using k8s.Models;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.UnitTests.Kubernetes;

/// <summary>
/// <see cref="WatchStream"/>'s decoding of one line: the four object events in one pass, an ERROR event's Status, an
/// unknown type and a broken line as errors, as KubernetesClient's watcher reports them.
/// </summary>
public sealed class WatchStreamTests
{
    private const string Service = """{"kind":"Service","apiVersion":"v1","metadata":{"name":"web","namespace":"shop","resourceVersion":"42","labels":{"app":"web"}},"spec":{"ports":[{"port":80,"targetPort":"http"}],"clusterIP":"10.96.0.10"}}""";

    [Theory]
    [InlineData("ADDED", WatchEventType.Added)]
    [InlineData("MODIFIED", WatchEventType.Modified)]
    [InlineData("DELETED", WatchEventType.Deleted)]
    [InlineData("BOOKMARK", WatchEventType.Bookmark)]
    public void ObjectEvent_DecodedIntoTheModel(string type, WatchEventType expected)
    {
        var decoded = WatchStream.Decode<V1Service>($$"""{"type":"{{type}}","object":{{Service}}}""", out var error);

        Assert.Null(error);
        var (actual, service) = Assert.NotNull(decoded);
        Assert.Equal(expected, actual);
        Assert.Equal(("shop", "web", "42", "web"), (service.Metadata.NamespaceProperty, service.Metadata.Name, service.Metadata.ResourceVersion, service.Metadata.Labels["app"]));
        Assert.Equal("http", service.Spec.Ports[0].TargetPort.Value);
    }

    [Fact]
    public void ObjectBeforeType_DecodedAlike()
    {
        var decoded = WatchStream.Decode<V1Service>($$"""{"object":{{Service}},"type":"MODIFIED"}""", out var error);

        Assert.Null(error);
        Assert.Equal(WatchEventType.Modified, Assert.NotNull(decoded).Item1);
    }

    [Fact]
    public void ErrorEvent_IsTheStatus()
    {
        var decoded = WatchStream.Decode<V1Service>(
            """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}""",
            out var error);

        Assert.Null(decoded);
        var status = Assert.IsType<KubernetesException>(error).Status;
        Assert.Equal((410, "Expired"), (status.Code, status.Reason));
    }

    [Fact]
    public void UnknownType_IsAFormatError()
    {
        Assert.Null(WatchStream.Decode<V1Service>($$"""{"type":"RENAMED","object":{{Service}}}""", out var error));
        Assert.IsType<FormatException>(error);
    }

    [Fact]
    public void BrokenLine_IsAJsonError()
    {
        Assert.Null(WatchStream.Decode<V1Service>("""{"type":"ADDED","object":{"kind":""", out var error));
        Assert.IsAssignableFrom<JsonException>(error);
    }
}
