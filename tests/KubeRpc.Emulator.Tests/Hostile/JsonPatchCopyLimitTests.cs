using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Hostile;

/// <summary>
/// The bytes a JSON patch's <c>copy</c> operations may add, bounded as kube-apiserver bounds them
/// (<c>JSONPatchMaxCopyBytes</c>, 3 MiB): past it the patch fails like any failed operation, with 422.
/// </summary>
public sealed class JsonPatchCopyLimitTests : EmulatorTest
{
    private const string Web = HostileRequests.Services + "/web";
    private const string Rejected = "the server rejected our request due to an error in our request";

    public override async Task InitializeAsync()
    {
        // One 200,000-byte annotation: its JSON encoding (quotes included) is 200,002 bytes.
        var created = await Emulator.SendAsync("POST", HostileRequests.Services, "application/json",
            $$$"""{"metadata":{"name":"web","annotations":{"big":"{{{new string('x', 200_000)}}}"}},"spec":{"ports":[{"port":80}]}}""");
        Assert.Equal(201, created.Code);
    }

    private Task<HostileRequests.Reply> CopyBigAsync(int copies) =>
        Emulator.SendAsync("PATCH", Web, "application/json-patch+json",
            "[" + string.Join(",", Enumerable.Range(0, copies).Select(i =>
                $$"""{"op":"copy","from":"/metadata/annotations/big","path":"/x{{i}}"}""")) + "]");

    [Fact]
    public async Task Patch_CopiesAddingMoreThanThreeMebibytes_RejectedAs422()
    {
        // 15 copies add 3,000,030 bytes, under 3,145,728 (they land in unknown fields, which decoding drops); 16 add 3,200,032.
        var under = await CopyBigAsync(15);
        var over = await CopyBigAsync(16);

        Assert.Equal(200, under.Code);
        Assert.Equal(422, over.Code);
        Assert.Equal("Invalid", over.Reason);
        Assert.Equal(Rejected, over.Message);
    }

    [Fact]
    public async Task Patch_TwentyFiveCopiesOfA200KBAnnotation_RejectedBeforeTheDocumentDoubles()
    {
        var copies = Enumerable.Range(0, 25).Select(i =>
            $$"""{"op":"copy","from":"/metadata/annotations/big","path":"/metadata/annotations/c{{i}}"}""");

        var reply = await Emulator.SendAsync("PATCH", Web, "application/json-patch+json", "[" + string.Join(",", copies) + "]");

        // Without the limit the copies succeed and validation then finds the annotations too long, a different 422.
        Assert.Equal(422, reply.Code);
        Assert.Equal(Rejected, reply.Message);
    }

    [Fact]
    public async Task Patch_CopiesOfASubtreeIntoItself_StopAtTheLimitInsteadOfDoubling()
    {
        // Each copy of spec into a new member of spec doubles spec: 17 copies would make it 2^17 times its size.
        var copies = Enumerable.Range(0, 17).Select(i => $$"""{"op":"copy","from":"/spec","path":"/spec/c{{i}}"}""");

        var reply = await Emulator.SendAsync("PATCH", Web, "application/json-patch+json", "[" + string.Join(",", copies) + "]");

        Assert.Equal(422, reply.Code);
        Assert.Equal(Rejected, reply.Message);
    }
}
