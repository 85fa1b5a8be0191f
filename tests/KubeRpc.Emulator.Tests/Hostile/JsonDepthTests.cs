using System.Text;
using Google.Protobuf;
using KubeRpc.Emulator.Http;
using KubeRpc.Emulator.Protobuf.Wire;
using KubeRpc.Emulator.Tests.Infrastructure;
using KubeRpc.Emulator.Tests.Protobuf;

namespace KubeRpc.Emulator.Tests.Hostile;

/// <summary>
/// JSON nested past the emulator's bound (48 levels) in any body, patch or patch result: a 400 worded like Go's
/// decoder, or the 422 of a failed JSON patch operation; never an escaping exception or a stack overflow.
/// </summary>
public sealed class JsonDepthTests : EmulatorTest
{
    private const string Web = HostileRequests.Services + "/web";
    private static readonly Dictionary<string, string> Ignore = new() { ["fieldValidation"] = "Ignore" };

    public override async Task InitializeAsync()
    {
        var created = await Emulator.SendAsync("POST", HostileRequests.Services, "application/json",
            """{"metadata":{"name":"web","labels":{"a":"b"}},"spec":{"ports":[{"port":80}]}}""");
        Assert.Equal(201, created.Code);
    }

    /// <summary>A value nested <paramref name="depth"/> arrays deep.</summary>
    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Theory]
    [InlineData("application/merge-patch+json", "error decoding patch: invalid character '[' exceeded max depth")]
    [InlineData("application/strategic-merge-patch+json", "invalid character '[' exceeded max depth")]
    public async Task Patch_MapPatchNested5000Deep_BadRequestWithGoScannerWording(string contentType, string message)
    {
        var reply = await Emulator.SendAsync("PATCH", Web, contentType, """{"metadata":{"annotations":{"a":""" + Nested(5000) + "}}}");

        Assert.Equal(400, reply.Code);
        Assert.Equal("BadRequest", reply.Reason);
        Assert.Equal(message, reply.Message);
    }

    [Fact]
    public async Task Patch_JsonPatchValueNested5000Deep_BadRequestWithGoScannerWording()
    {
        var reply = await Emulator.SendAsync("PATCH", Web, "application/json-patch+json",
            """[{"op":"add","path":"/metadata/annotations","value":""" + Nested(5000) + "}]");

        Assert.Equal(400, reply.Code);
        Assert.Equal("error decoding patch: invalid character '[' exceeded max depth", reply.Message);
    }

    [Fact]
    public async Task Patch_ApplyNested5000Deep_BadRequestWithYamlWording()
    {
        var reply = await Emulator.SendAsync("PATCH", Web, "application/apply-patch+yaml",
            """{"metadata":{"annotations":{"a":""" + Nested(5000) + "}}}", new Dictionary<string, string> { ["fieldManager"] = "m" });

        Assert.Equal(400, reply.Code);
        Assert.Equal("error decoding YAML: error converting YAML to JSON: yaml: exceeded max depth of 48", reply.Message);
    }

    [Theory]
    [InlineData("POST", HostileRequests.Services)]
    [InlineData("PUT", Web)]
    public async Task Write_BodyNested5000Deep_BadRequestAsTheDecodeErrorOfCreateAndUpdate(string method, string path)
    {
        var reply = await Emulator.SendAsync(method, path, "application/json", """{"metadata":{"name":"web","x":""" + Nested(5000) + "}}");

        Assert.Equal(400, reply.Code);
        Assert.Equal("the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse error: " +
            """invalid character '[' exceeded max depth ({"metadata":{"name":"web","x": ...)""", reply.Message);
    }

    [Fact]
    public async Task Delete_OptionsNested5000Deep_BadRequest()
    {
        var reply = await Emulator.SendAsync("DELETE", Web, "application/json", """{"preconditions":""" + Nested(5000) + "}");

        Assert.Equal(400, reply.Code);
        Assert.Equal("couldn't get version/kind; json parse error: invalid character '[' exceeded max depth", reply.Message);
    }

    [Fact]
    public async Task Create_ProtobufFieldsV1Nested5000Deep_BadRequest()
    {
        var meta = new ObjectMeta { Name = "deep" };
        meta.ManagedFields.Add(new ManagedFieldsEntry
        {
            Manager = "m", Operation = "Update", ApiVersion = "v1", FieldsType = "FieldsV1",
            FieldsV1 = new FieldsV1 { Raw = ByteString.CopyFromUtf8("""{"f:x":""" + Nested(5000) + "}") },
        });
        var body = WireBody.Envelope("v1", "Namespace", new Namespace { Metadata = meta });

        var reply = await Emulator.SendAsync("POST", "/api/v1/namespaces", "application/vnd.kubernetes.protobuf", body);

        Assert.Equal(400, reply.Code);
        Assert.Equal("json: error calling MarshalJSON for type *v1.FieldsV1: invalid character '[' exceeded max depth", reply.Message);
    }

    [Fact]
    public async Task Create_DockerConfigJsonNested1000Deep_InvalidWithGoScannerWording()
    {
        var config = Convert.ToBase64String(Encoding.UTF8.GetBytes(Nested(1000)));
        var reply = await Emulator.SendAsync("POST", "/api/v1/namespaces/default/secrets", "application/json",
            $$$"""{"metadata":{"name":"pull"},"type":"kubernetes.io/dockerconfigjson","data":{".dockerconfigjson":"{{{config}}}"}}""");

        Assert.Equal(422, reply.Code);
        Assert.Contains("invalid character '[' exceeded max depth", reply.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", HostileRequests.Services, "application/json", """{"metadata":{"name":"web2"},"spec":{"ports":[{"port":80}]},"x":X}""", 47)]
    [InlineData("PUT", Web, "application/json", """{"metadata":{"name":"web"},"spec":{"ports":[{"port":81}]},"x":X}""", 47)]
    [InlineData("PATCH", Web, "application/merge-patch+json", """{"x":X}""", 47)]
    [InlineData("PATCH", Web, "application/strategic-merge-patch+json", """{"x":X}""", 47)]
    [InlineData("PATCH", Web, "application/json-patch+json", """[{"op":"add","path":"/x","value":X}]""", 46)]
    [InlineData("PATCH", Web, "application/apply-patch+yaml", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"x":X}""", 47)]
    public async Task Write_BodyAtTheBound_AcceptedAndOneLevelDeeperRefused(string method, string path, string contentType, string template,
        int deepest)
    {
        // The unknown field x makes the body exactly 48 levels deep, the deepest the emulator reads; one more is refused.
        var query = new Dictionary<string, string> { ["fieldManager"] = "m" };

        var accepted = await Emulator.SendAsync(method, path, contentType, template.Replace("X", Nested(deepest), StringComparison.Ordinal), query);
        var refused = await Emulator.SendAsync(method, path, contentType, template.Replace("X", Nested(deepest + 1), StringComparison.Ordinal), query);

        Assert.True(accepted.Code is 200 or 201, accepted.ToString());
        Assert.Equal(400, refused.Code);
        Assert.Contains("exceeded max depth", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30, 400, "Service in version \"v1\" cannot be handled as a Service: ")]
    [InlineData(60, 422, "the server rejected our request due to an error in our request")]
    public async Task Patch_CopiesOfLabelsIntoThemselves_ClientErrorNotAnException(int copies, int code, string message)
    {
        // Each copy nests the labels one level deeper. 30 levels decode into no Service (labels hold strings, as
        // for any such patch); by 60 the copies would pass the nesting bound and the operation fails.
        var operations = Enumerable.Repeat("""{"op":"copy","from":"/metadata/labels","path":"/metadata/labels/c"}""", copies);

        var reply = await Emulator.SendAsync("PATCH", Web, "application/json-patch+json", "[" + string.Join(",", operations) + "]");

        Assert.Equal(code, reply.Code);
        Assert.StartsWith(message, reply.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("add", """{"op":"add","path":"/x/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b","value":{{deep}}}""")]
    [InlineData("replace", """{"op":"replace","path":"/x/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a","value":{{deep}}}""")]
    [InlineData("copy", """{"op":"copy","from":"/y","path":"/x/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b"}""")]
    [InlineData("move", """{"op":"move","from":"/y","path":"/x/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b"}""")]
    public async Task Patch_OperationNestingPastTheBound_FailsAs422(string op, string operation)
    {
        // x is 20 objects deep ({"a":{"a":...}}), y is 40 arrays deep: every operation puts ~60 levels under the root.
        var x = string.Concat(Enumerable.Repeat("""{"a":""", 20)) + "{}" + new string('}', 20);
        var setup = $$"""[{"op":"add","path":"/x","value":{{x}}},{"op":"add","path":"/y","value":{{Nested(40)}}},""";
        var body = setup + operation.Replace("{{deep}}", Nested(40), StringComparison.Ordinal) + "]";

        var reply = await Emulator.SendAsync("PATCH", Web, "application/json-patch+json", body, Ignore);

        Assert.True(reply.Code == 422, $"{op}: {reply}");
        Assert.Equal("the server rejected our request due to an error in our request", reply.Message);
    }

    [Fact]
    public async Task Patch_BigSubtreeMovedBackAndForth_AnswersWithinSeconds()
    {
        // 300,000 arrays moved deeper and back 4,000 times: the depth check must not walk the subtree every time.
        var big = "[" + string.Join(",", Enumerable.Repeat("[]", 300_000)) + "]";
        var moves = Enumerable.Range(0, 4000).Select(i => i % 2 == 0
            ? """{"op":"move","from":"/x/a/b","path":"/y"}"""
            : """{"op":"move","from":"/y","path":"/x/a/b"}""");
        var body = """[{"op":"add","path":"/x","value":{"a":{"b":""" + big + "}}}," + string.Join(",", moves) + "]";

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reply = await Emulator.SendAsync("PATCH", Web, "application/json-patch+json", body, Ignore);

        Assert.Equal(200, reply.Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task HandleAsync_UnexpectedException_InternalErrorStatusInsteadOfEscaping()
    {
        // A request object the transports never build: the failure is the emulator's, and still a Status.
        var request = new ApiRequest { Method = "GET", Path = HostileRequests.Services, Query = null! };

        var response = await Emulator.HandleAsync(request, CancellationToken.None).DefaultTimeout();

        Assert.Equal(500, response.StatusCode);
        var status = new HostileRequests.Reply(response.StatusCode, Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal("InternalError", status.Reason);
        Assert.StartsWith("Internal error occurred: ", status.Message, StringComparison.Ordinal);
    }
}
