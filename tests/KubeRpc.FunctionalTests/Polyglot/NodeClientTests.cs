using System.Diagnostics;
using System.Text.Json;
using KubeRpc.Emulator.Tests.Infrastructure;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// KubeRpc from another language: Node.js (@grpc/grpc-js) loads the stubs from protos/ and runs the README's
/// worked example against the server process.
/// </summary>
public sealed class NodeClientTests
{
    private static readonly string Root = FindRoot();

    internal static string ScriptDirectory => Path.Combine(Root, "tests", "Polyglot", "node");

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

    private static async Task<Dictionary<string, JsonElement>> RunScriptAsync(string script, ServerProcess server)
    {
        var start = new ProcessStartInfo("node", [script, server.GrpcAddress, Path.Combine(Root, "protos")])
        {
            WorkingDirectory = ScriptDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync().DefaultTimeout();
        var errors = await node.StandardError.ReadToEndAsync().DefaultTimeout();
        await node.WaitForExitAsync().DefaultTimeout();
        Assert.True(node.ExitCode == 0, $"node {script} failed:\n{errors}\n{output}\nserver:\n{server.Log}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(step => step.GetProperty("step").GetString()!);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KubeRpc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("KubeRpc.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Needs node and the packages of tests/Polyglot/node; skipped with the reason outside CI when either is missing.</summary>
public sealed class RequiresNodePackagesFactAttribute : FactAttribute
{
    public RequiresNodePackagesFactAttribute()
    {
        Skip = ExternalTool.SkipUnless("node", () => Directory.Exists(Path.Combine(NodeClientTests.ScriptDirectory, "node_modules")));
        if (Skip is not null)
        {
            Skip += "; `npm ci` in tests/Polyglot/node";
        }
    }
}
