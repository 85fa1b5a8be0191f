using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using KubeRpc.Emulator.OpenApi;

namespace KubeRpc.Emulator.Tests.OpenApi;

public class StrictFieldValidatorTests
{
    private static IReadOnlyList<string> Find(string json, Type? type = null) =>
        StrictFieldValidator.FindUnknownAndDuplicateFields(Encoding.UTF8.GetBytes(json), type ?? typeof(V1Service));

    [Fact]
    public void FindUnknownAndDuplicateFields_ValidService_ReportsNothing()
    {
        const string json = """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default","labels":{"app":"web"},
             "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},"finalizers":["x"],"creationTimestamp":null},
             "spec":{"type":"NodePort","selector":{"app":"web","any/key":"v"},"ports":[{"name":"http","port":80,"targetPort":"http","nodePort":30080}]},
             "status":{"loadBalancer":{}}}
            """;
        Assert.Empty(Find(json));
    }

    [Fact]
    public void FindUnknownAndDuplicateFields_UnknownFieldsInList_ReportsIndexedPaths()
    {
        const string json = """{"spec":{"ports":[{"port":80,"foo":1},{"port":81},{"port":82,"bar":{"x":1}}]}}""";
        Assert.Equal(["unknown field \"spec.ports[0].foo\"", "unknown field \"spec.ports[2].bar\""], Find(json));
    }

    [Fact]
    public void FindUnknownAndDuplicateFields_UnknownAtEveryLevel_ReportsInDocumentOrder()
    {
        const string json = """{"foo":1,"metadata":{"name":"a","nam":"b"},"spec":{"Type":"ClusterIP","clusterIP":"None"}}""";
        Assert.Equal(["unknown field \"foo\"", "unknown field \"metadata.nam\"", "unknown field \"spec.Type\""], Find(json));
    }

    [Fact]
    public void FindUnknownAndDuplicateFields_UnknownObject_IsNotLookedInto() =>
        Assert.Equal(["unknown field \"spec.extra\""], Find("""{"spec":{"extra":{"a":{"b":[{"c":1}]}}}}"""));

    [Fact]
    public void FindUnknownAndDuplicateFields_MapFields_AcceptAnyKey()
    {
        const string json = """{"metadata":{"labels":{"x.io/y":"1"},"annotations":{"z":"2"}},"data":{"tls.crt":"YQ=="},"stringData":{"k":"v"},"type":"Opaque"}""";
        Assert.Empty(Find(json, typeof(V1Secret)));
    }

    [Fact]
    public void FindUnknownAndDuplicateFields_DuplicateFields_ReportsThemWithTheirPath()
    {
        const string json = """{"kind":"Service","kind":"Service","metadata":{"labels":{"a":"1","a":"2"}},"spec":{"type":"A","type":"B"}}""";
        Assert.Equal(["duplicate field \"kind\"", "duplicate field \"metadata.labels.a\"", "duplicate field \"spec.type\""], Find(json));
    }

    [Fact]
    public void FindUnknownAndDuplicateFields_SameUnknownTwice_ReportsItOnce() =>
        Assert.Equal(["unknown field \"spec.foo\""], Find("""{"spec":{"foo":1,"foo":2}}"""));

    [Fact]
    public void FindUnknownAndDuplicateFields_CustomDecodedValues_AreNotLookedInto() =>
        Assert.Empty(Find("""{"metadata":{"creationTimestamp":{"x":1},"managedFields":[{"fieldsV1":{"f:spec":{}}}]},"spec":{"ports":[{"port":1,"targetPort":{"x":1}}]}}"""));

    [Fact]
    public void FindUnknownAndDuplicateFields_IngressDeepPath_MatchesKubeApiserver()
    {
        const string json = """{"spec":{"rules":[{"host":"a","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"serviceName":"x"}}]}}]}}""";
        Assert.Equal(["unknown field \"spec.rules[0].http.paths[0].backend.serviceName\""], Find(json, typeof(V1Ingress)));
    }

    [Fact]
    public void FindUnknownAndDuplicateFields_EscapedKeys_AreDecodedFirst() =>
        Assert.Equal(["unknown field \"spec.f\\\"o\""], Find("""{"sp\u0065c":{"f\"o":1}}"""));

    [Fact]
    public void FindUnknownAndDuplicateFields_ManyUnknownFields_StopsAt100()
    {
        var json = "{" + string.Join(",", Enumerable.Range(0, 150).Select(i => $"\"f{i}\":{i}")) + "}";
        var found = Find(json);
        Assert.Equal(100, found.Count);
        Assert.Equal("unknown field \"f99\"", found[^1]);
    }

    [Fact]
    public void FindUnknownAndDuplicateFields_MalformedJson_Throws() =>
        Assert.ThrowsAny<JsonException>(() => Find("""{"spec":"""));

    [Fact]
    public void FindUnknownFields_JsonNode_MatchesTheByteWalk()
    {
        const string json = """{"metadata":{"labels":{"a":"b"},"x":1},"spec":{"ports":[{"port":80},{"port":81,"y":2}],"selector":{"k":"v"}}}""";
        var found = StrictFieldValidator.FindUnknownFields(JsonNode.Parse(json), typeof(V1Service));

        Assert.Equal(["unknown field \"metadata.x\"", "unknown field \"spec.ports[1].y\""], found);
        Assert.Equal(Find(json), found);
    }

    [Fact]
    public void FindDuplicateFields_PatchBody_AcceptsAnyKeyAndReportsDuplicates()
    {
        const string json = """{"spec":{"$setElementOrder/ports":[{"port":80}],"ports":[{"port":80,"port":81}]},"metadata":{"labels":{"a":"1","a":null}}}""";
        Assert.Equal(["duplicate field \"spec.ports[0].port\"", "duplicate field \"metadata.labels.a\""],
            StrictFieldValidator.FindDuplicateFields(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void StrictDecodingFailure_Findings_IsKubeApiserversBadRequest()
    {
        var error = StrictFieldValidator.StrictDecodingFailure("Service", "v1", ["unknown field \"spec.foo\"", "duplicate field \"spec.type\""]);

        Assert.Equal(400, error.Code);
        Assert.Equal("BadRequest", error.Reason);
        Assert.Equal("Service in version \"v1\" cannot be handled as a Service: strict decoding error: unknown field \"spec.foo\", duplicate field \"spec.type\"", error.Message);
        Assert.Equal("strict decoding error: unknown field \"x\"", StrictFieldValidator.StrictDecodingMessage(["unknown field \"x\""]));
    }
}
