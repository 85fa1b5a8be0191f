using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// A Grpc.Net.Client load of cached GetService calls on one HTTP/2 connection, for auth-bench.sh: as a .NET caller sends
/// them (HttpClient's HPACK sends every header as a plain literal, neither indexed nor Huffman-coded), where h2load
/// sends `authorization` Huffman-coded on every request. Prints the calls per second.
/// </summary>
internal static class GrpcLoad
{
    public static async Task RunAsync(string url, string? token, int concurrency, TimeSpan duration, string ns, string name)
    {
        using var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
        });
        var client = new ServiceManager.ServiceManagerClient(channel);
        var headers = token is null ? null : new Metadata { { "authorization", "Bearer " + token } };
        var request = new GetServiceRequest { Namespace = ns, Name = name };
        // Fails here, before anything is timed, unless the call succeeds.
        await client.GetServiceAsync(request, headers);
        long calls = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                await client.GetServiceAsync(request, headers);
                Interlocked.Increment(ref calls);
            }
        }));
        Console.WriteLine($"{calls / stop.Elapsed.TotalSeconds:0.0}");
    }
}
