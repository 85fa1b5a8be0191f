using System.Text.Json;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// KubeRpc from another language: Node.js (@grpc/grpc-js) loads the stubs from protos/ and runs the README's
/// worked example, a watch resume, and the whole flow as a service account with a token from kubectl against the
/// server process.
/// </summary>
public sealed class NodeClientTests
{
    private static string ScriptDirectory => PolyglotScript.Directory("node");

    [RequiresNodePackagesFact]
    public async Task WorkedExample_NodePortServiceAndTlsIngress_CreatedReadAndValidated()
    {
        await using var server = await ServerProcess.StartAsync();
        var steps = await RunScriptAsync("worked-example.mjs", server);
        var service = steps["service-created"];
        Assert.Equal("SERVICE_TYPE_NODE_PORT", service.GetProperty("type").GetString());
        Assert.StartsWith("10.", service.GetProperty("clusterIp").GetString(), StringComparison.Ordinal);
        Assert.InRange(service.GetProperty("nodePort").GetInt32(), 30000, 32767);
        Assert.Equal("PROTOCOL_TCP", service.GetProperty("protocol").GetString());
        var ingress = steps["ingress-created"];
        Assert.Equal("1", ingress.GetProperty("generation").GetString());
        Assert.Equal("shop-tls", ingress.GetProperty("tlsSecret").GetString());
        var read = steps["service-read"];
        Assert.True(read.GetProperty("uid").GetBoolean());
        Assert.Equal(service.GetProperty("nodePort").GetInt32(), read.GetProperty("nodePort").GetInt32());
        var invalid = steps["invalid-rejected"];
        Assert.Equal(3, invalid.GetProperty("code").GetInt32()); // INVALID_ARGUMENT
        Assert.Contains("spec.ports[0].port", invalid.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [RequiresNodePackagesFact]
    public async Task Watch_DisconnectAndResume_ReconstructedStateEqualsList()
    {
        await using var server = await ServerProcess.StartAsync();
        var steps = await RunScriptAsync("watch-resume.mjs", server);

        Assert.Equal(0, steps["snapshot"].GetProperty("objects").GetInt32());
        Assert.Equal(["a"], steps["live"].GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.False(string.IsNullOrEmpty(steps["away"].GetProperty("resumeFrom").GetString()));
        var converged = steps["converged"];
        Assert.True(converged.GetProperty("equal").GetBoolean(), converged.ToString());
        Assert.Equal(["b"], converged.GetProperty("list").EnumerateArray().Select(n => n.GetString()));
    }

    [RequiresNodePackagesFact(kubectl: true)]
    public async Task AuthenticatedFlow_TokenFromKubectl_CrudWatchResumeAndErrorDetails()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["Auth__Mode"] = "Kubernetes" });
        var account = await ClientAccount.CreateAsync(server);

        var steps = await PolyglotScript.RunAsync("node",
            ["authenticated-flow.mjs", server.GrpcAddress, PolyglotScript.Protos, PolyglotScript.CommonProtos, account.Namespace,
                ClientAccount.ForbiddenNamespace],
            ScriptDirectory, server, new Dictionary<string, string?> { ["KUBERPC_TOKEN"] = account.Token });

        AuthenticatedFlowSteps.Verify(steps, account);
    }

    private static Task<Dictionary<string, JsonElement>> RunScriptAsync(string script, ServerProcess server) =>
        PolyglotScript.RunAsync("node", [script, server.GrpcAddress, PolyglotScript.Protos], ScriptDirectory, server);
}
