using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Polyglot;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>README.md's C# load-balancing example: the same text as <see cref="ReadmeClientExample"/>, and it runs.</summary>
[Collection(PodBackendsCollection.Name)]
public sealed class ReadmeClientExampleTests
{
    private const string Heading = "### Client-side load balancing (C#)";

    [Fact]
    public void ReadmeBlock_IsTheCompiledExample()
    {
        var source = File.ReadAllLines(Path.Combine(PolyglotScript.Root, "tests", "KubeRpc.FunctionalTests", "Endpoints", "ReadmeClientExample.cs"));
        var usings = source.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal));
        var begin = Array.FindIndex(source, l => l.Trim() == "// README begin");
        var end = Array.FindIndex(source, l => l.Trim() == "// README end");
        var method = source[(begin + 1)..end].Select(l => l.Length >= 4 ? l[4..] : l.TrimStart());
        var expected = string.Join('\n', [.. usings, "", .. method]) + "\n";

        Assert.Equal(expected, ReadmeExamples.Block(Heading, "csharp", "127.0.0.1:50051"));
    }

    [Fact]
    public async Task Example_CallsTheReadyPodsOfWebShop()
    {
        await using var host = await KubeRpcHost.StartOnSocketAsync(new Dictionary<string, string?> { ["Emulator:PodCidr"] = "127.0.0.0/24" })
            .DefaultTimeout();
        await using var web = await WebService.CreateAsync(host.Kubernetes);
        foreach (var pod in new[] { "web-1", "web-2", "web-3" })
        {
            await web.AddAsync(pod);
        }

        await ReadmeClientExample.CheckWebAsync(host.Address!).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(6, web.Backends.Values.Sum(b => b.Calls));
    }
}
