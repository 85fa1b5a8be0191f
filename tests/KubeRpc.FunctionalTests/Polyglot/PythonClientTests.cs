using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// KubeRpc from Python (Debian's python3-grpcio) with stubs generated in the test by Debian's protoc and
/// grpc_python_plugin, google/rpc included from the Google.Api.CommonProtos package: the whole flow as a service
/// account with a token from kubectl, and the README's Python examples as written.
/// </summary>
public sealed class PythonClientTests : IDisposable
{
    private readonly DirectoryInfo _stubs = Directory.CreateTempSubdirectory("kuberpc-python-stubs-");

    private static string ScriptDirectory => PolyglotScript.Directory("python");

    public void Dispose() => _stubs.Delete(recursive: true);

    [RequiresPythonGrpcFact(kubectl: true)]
    public async Task AuthenticatedFlow_TokenFromKubectl_CrudWatchResumeAndErrorDetails()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["Auth__Mode"] = "Kubernetes" });
        var account = await ClientAccount.CreateAsync(server);
        await GenerateStubsAsync();

        var steps = await PolyglotScript.RunAsync(PolyglotTools.Python,
            ["authenticated_flow.py", server.GrpcAddress, account.Namespace, ClientAccount.ForbiddenNamespace],
            ScriptDirectory, server, Environment(account.Token));

        AuthenticatedFlowSteps.Verify(steps, account);
    }

    [RequiresPythonGrpcFact(kubectl: true)]
    public async Task ReadmeTokenExample_ListsAsTheServiceAccount()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["Auth__Mode"] = "Kubernetes" });
        var account = await ClientAccount.CreateAsync(server);
        await GenerateStubsAsync();

        var output = await RunReadmeBlockAsync("### Calling with a token", server, account.Token);

        Assert.Equal("[]", output.Trim());
    }

    [RequiresPythonGrpcFact]
    public async Task ReadmeWorkedExample_NodePortServiceGetsClusterIpAndNodePort()
    {
        await using var server = await ServerProcess.StartAsync();
        await GenerateStubsAsync();

        var output = await RunReadmeBlockAsync("### A worked example", server, token: null);

        var printed = output.Trim().Split(' ');
        Assert.True(printed.Length == 2, output);
        Assert.StartsWith("10.", printed[0], StringComparison.Ordinal);
        Assert.InRange(int.Parse(printed[1], System.Globalization.CultureInfo.InvariantCulture), 30000, 32767);
    }

    [Fact]
    public void Readme_CommonProtosPath_NamesTheRestoredVersion()
    {
        // .../google.api.commonprotos/<version>/content/protos
        var version = Directory.GetParent(PolyglotScript.CommonProtos.TrimEnd('/'))!.Parent!.Name;
        var readme = File.ReadAllText(Path.Combine(PolyglotScript.Root, "README.md"));

        Assert.Contains($"~/.nuget/packages/google.api.commonprotos/{version}/content/protos", readme, StringComparison.Ordinal);
    }

    /// <summary>tests/Polyglot/python/generate-stubs.sh into a folder of this test's own.</summary>
    private Task GenerateStubsAsync() => PolyglotScript.RunToEndAsync("bash",
        [Path.Combine(ScriptDirectory, "generate-stubs.sh"), _stubs.FullName, PolyglotScript.CommonProtos, PolyglotScript.Protos],
        ScriptDirectory, server: null);

    private async Task<string> RunReadmeBlockAsync(string heading, ServerProcess server, string? token)
    {
        var script = Path.Combine(_stubs.FullName, "readme_example.py");
        await File.WriteAllTextAsync(script, ReadmeExamples.Block(heading, "python", server.GrpcAddress));
        return await PolyglotScript.RunToEndAsync(PolyglotTools.Python, [script], _stubs.FullName, server, Environment(token));
    }

    private Dictionary<string, string?> Environment(string? token) => new()
    {
        ["PYTHONPATH"] = _stubs.FullName,
        ["PYTHONDONTWRITEBYTECODE"] = "1",
        ["KUBERPC_TOKEN"] = token,
    };
}
