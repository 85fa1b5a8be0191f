using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using KubeRpc.Client;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// The C# block of README.md's "Client-side load balancing (C#)": its usings and the method between the markers are
/// that block, line for line (<see cref="ReadmeClientExampleTests"/> compares them), so the README's code compiles here.
/// </summary>
internal static class ReadmeClientExample
{
    // README begin
    public static async Task CheckWebAsync(string kubeRpc = "http://127.0.0.1:50051")
    {
        // Resolves kuberpc:// targets through KubeRpc; in an app with a container: services.AddKubeRpcResolver(...).
        await using var resolver = KubeRpcResolverServices.Create(options => options.Address = new Uri(kubeRpc));
        // Service web in namespace shop, its port named grpc: every ready Pod, one call each in turn.
        using var channel = GrpcChannel.ForAddress("kuberpc:///web.shop:grpc", new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Insecure, // h2c to the Pods; ChannelCredentials.SecureSsl for TLS
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } },
            ServiceProvider = resolver,
        });
        var health = new Health.HealthClient(channel);
        for (var i = 0; i < 6; i++)
        {
            var reply = await health.CheckAsync(new HealthCheckRequest());
            Console.WriteLine(reply.Status);
        }
    }
    // README end
}
