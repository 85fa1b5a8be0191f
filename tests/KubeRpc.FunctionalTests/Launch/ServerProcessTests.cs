using System.Diagnostics;
using System.Text.Json;
using Grpc.Net.Client;
using KubeRpc.Emulator.Tests.Infrastructure;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Launch;

/// <summary>
/// The server as users start it (the built KubeRpc.Server.dll, its default embedded cluster), reached over real
/// sockets: a Service created over gRPC is what kubectl sees through the embedded cluster's API.
/// </summary>
public sealed class ServerProcessTests
{
    [RequiresToolFact("kubectl")]
    public async Task ServerProcess_CreateServiceOverGrpc_KubectlSeesSameFields()
    {
        await using var server = await ServerProcess.StartAsync();
        var (grpcPort, apiPort) = (server.GrpcPort, server.ApiPort);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        var client = new ServiceManager.ServiceManagerClient(channel);
        var created = await client.CreateServiceAsync(new CreateServiceRequest
        {
            Service = new Service
            {
                Metadata = new ObjectMeta { Name = "web", Namespace = "default", Labels = { ["tier"] = "fe" } },
                Spec = new ServiceSpec
                {
                    Type = ServiceType.NodePort,
                    Selector = { ["app"] = "web" },
                    Ports = { new ServicePort { Name = "http", Port = 80, TargetPort = new IntOrString { StringValue = "http" } } },
                },
            },
        }).ResponseAsync.DefaultTimeout();

        var home = Directory.CreateTempSubdirectory("kuberpc-kubectl-");
        var kubectl = new ProcessStartInfo("kubectl", ["--server", $"http://127.0.0.1:{apiPort}", "get", "svc", "web", "-n", "default", "-o", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["HOME"] = home.FullName, ["KUBECONFIG"] = Path.Combine(home.FullName, "none") },
        };
        using var get = System.Diagnostics.Process.Start(kubectl)!;
        var json = await get.StandardOutput.ReadToEndAsync().DefaultTimeout();
        await get.WaitForExitAsync().DefaultTimeout();
        Assert.True(get.ExitCode == 0, await get.StandardError.ReadToEndAsync());

        using var seen = JsonDocument.Parse(json);
        var root = seen.RootElement;
        Assert.Equal(created.Metadata.Uid, root.GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal(created.Metadata.ResourceVersion, root.GetProperty("metadata").GetProperty("resourceVersion").GetString());
        Assert.Equal("fe", root.GetProperty("metadata").GetProperty("labels").GetProperty("tier").GetString());
        var spec = root.GetProperty("spec");
        Assert.Equal("NodePort", spec.GetProperty("type").GetString());
        Assert.Equal(created.Spec.ClusterIp, spec.GetProperty("clusterIP").GetString());
        var port = spec.GetProperty("ports")[0];
        Assert.Equal("http", port.GetProperty("targetPort").GetString());
        Assert.Equal(created.Spec.Ports[0].NodePort, port.GetProperty("nodePort").GetInt32());
        home.Delete(recursive: true);
    }
}
