using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Launch;

/// <summary>
/// HTTP/2 keepalive on the real server (Kestrel on loopback): a watch whose client went silent is closed by the
/// unanswered PING and its subscriber slot freed, while an idle watch with a live client stays open.
/// </summary>
public sealed partial class KeepAliveTests
{
    [Fact]
    public async Task SilentClient_WatchClosedAndFreed_IdleLiveClientKeepsItsWatch()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["Server__KeepAlivePingDelay"] = "00:00:01",
            ["Server__KeepAlivePingTimeout"] = "00:00:01",
        });
        using var vanishing = new BlackholeProxy(server.GrpcPort);
        // Never silenced: there only to count the PINGs the live client answers.
        using var steady = new BlackholeProxy(server.GrpcPort);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.ManagementPort}") };
        using var lostChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{vanishing.Port}");
        using var liveChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{steady.Port}");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var lost = new ServiceManager.ServiceManagerClient(lostChannel).WatchServices(new WatchServicesRequest(), cancellationToken: stop.Token);
        using var live = new ServiceManager.ServiceManagerClient(liveChannel).WatchServices(new WatchServicesRequest(), cancellationToken: stop.Token);
        await UntilInitialEventsEndAsync(lost, stop.Token);
        await UntilInitialEventsEndAsync(live, stop.Token);
        Assert.Equal(2, await OpenWatchesAsync(http));

        vanishing.Blackhole();
        // Delay 1 s + timeout 1 s, on Kestrel's 1 s heartbeat: a few seconds.
        try
        {
            await vanishing.ServerClosed.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"the server kept the silent client's connection open for 20 s; server log:\n{server.Log}", e);
        }
        // The gauge lives in the server process: no signal reaches the test when the stream lets go of its slot.
        var open = 2L;
        await Polling.UntilAsync(async () => (open = await OpenWatchesAsync(http)) == 1,
            () => $"the silent client's watch to be freed: {open} Service watches open");
        // The live watch idles through more PINGs, each sent only once the one before was answered.
        var pings = steady.ServerPings;
        await steady.UntilServerPingsAsync(pings + 3).DefaultTimeout($"3 more keepalive PINGs to the live client (it had {pings})");

        Assert.Equal(1, await OpenWatchesAsync(http));
        using var writer = GrpcChannel.ForAddress($"http://{server.GrpcAddress}");
        await new ServiceManager.ServiceManagerClient(writer).CreateServiceAsync(new CreateServiceRequest
        {
            Service = new Service
            {
                Metadata = new ObjectMeta { Name = "after-silence", Namespace = "default" },
                Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } } },
            },
        }, cancellationToken: stop.Token);
        Assert.True(await live.ResponseStream.MoveNext(stop.Token));
        Assert.Equal(("after-silence", EventType.Added), (live.ResponseStream.Current.Service.Metadata.Name, live.ResponseStream.Current.Type));
    }

    private static async Task UntilInitialEventsEndAsync(AsyncServerStreamingCall<ServiceEvent> call, CancellationToken cancellationToken)
    {
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            if (call.ResponseStream.Current.InitialEventsEnd)
            {
                return;
            }
        }
        throw new InvalidOperationException("the watch ended before its initial events did");
    }

    /// <summary>Open WatchServices streams, from the server's kuberpc.watch.subscribers gauge.</summary>
    private static async Task<long> OpenWatchesAsync(HttpClient http)
    {
        var match = OpenServiceWatches().Match(await http.GetStringAsync("/metrics"));
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""^kuberpc_watch_subscribers\{[^}]*kind="Service"[^}]*\} (\d+)""", RegexOptions.Multiline)]
    private static partial Regex OpenServiceWatches();
}
