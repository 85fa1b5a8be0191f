using CsCheck;
using KubeRpc.FunctionalTests.Hostile.Fuzzing;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using Xunit.Abstractions;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// The fuzzer (<see cref="Fuzzer"/>) over every RPC of both managers with Auth:Mode=None: seed requests with random
/// fields changed (names, ports, selectors, page tokens, versions, patches, unicode, sizes) and their bytes changed
/// (bits, lengths, wire types, unknown fields). Every answer is OK or a status a client can act on with details, in
/// bounded time, changing only what it wrote; the server still serves. Long form: see <see cref="FuzzSettings"/>.
/// </summary>
public sealed class RandomInputPropertyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
        {
            // Versions ahead of the cache are waited for: keep those waits short so the run stays quick.
            ["Cache:ReadWait"] = "00:00:00.100",
            ["Watch:ResourceVersionWait"] = "00:00:00.200",
        }).DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnyRequest_AnswersAClientCanActOn_PromptlyWithDetails_ChangingOnlyWhatItWrote()
    {
        var fuzzer = new Fuzzer(_host, null, output, Fuzzer.Acceptable);
        await fuzzer.SeedClusterAsync();

        await fuzzer.RunAsync(Fuzzer.Cases(Gen.Const((string?)null)), shortFormIterations: 4000);
    }

    [Fact]
    public void Fuzzer_CoversEveryRpcOfTheProtos()
    {
        var inProtos = new[] { ServiceManager.Descriptor, IngressManager.Descriptor }
            .SelectMany(s => s.Methods).Select(m => $"{m.Service.FullName}/{m.Name}").Order(StringComparer.Ordinal);

        Assert.Equal(inProtos, FuzzedRpcs.All.Select(r => r.FullName).Order(StringComparer.Ordinal));
        Assert.All(FuzzedRpcs.All, r => Assert.All(r.Seeds, seed => Assert.Same(r.Method.InputType, seed().Descriptor)));
    }
}
