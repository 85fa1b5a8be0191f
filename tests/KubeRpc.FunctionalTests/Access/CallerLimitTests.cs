using Google.Rpc;
using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Access.ClusterAccess;

namespace KubeRpc.FunctionalTests.Access;

/// <summary>
/// Limits per caller (Limits:CallsPerSecond, Limits:CallBurst, Limits:WatchesPerCaller): one caller over them gets
/// RESOURCE_EXHAUSTED, with the limiter's RetryInfo for calls, while another caller goes on unaffected.
/// </summary>
public sealed class CallerLimitTests
{
    [Fact]
    public async Task CallerOverItsRateLimit_ResourceExhaustedWithRetryInfo_AnotherCallerUnaffected()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Kubernetes",
            ["Limits:CallsPerSecond"] = "1",
            ["Limits:CallBurst"] = "3",
        }).DefaultTimeout();
        var (noisy, quiet) = await TwoReadersAsync(host);

        for (var i = 0; i < 3; i++)
        {
            await ListAsync(host, noisy);
        }
        var e = await RpcErrors.FailsWith(StatusCode.ResourceExhausted, () => ListAsync(host, noisy));
        var other = await ListAsync(host, quiet);

        Assert.Equal("RATE_LIMITED", e.Info().Reason);
        var retry = e.Detail<RetryInfo>()?.RetryDelay.ToTimeSpan();
        Assert.NotNull(retry);
        // One token a second: the limiter knows the next comes within that second (not a fixed figure).
        Assert.InRange(retry!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        Assert.Contains("over its limit of 1 calls per second", e.Status.Detail);
        Assert.NotNull(other);
    }

    [Fact]
    public async Task WatchCap_PerCaller_AnotherCallerStillWatches_AndASlotFreesWhenAStreamEnds()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Kubernetes",
            ["Limits:WatchesPerCaller"] = "2",
        }).DefaultTimeout();
        var (noisy, quiet) = await TwoReadersAsync(host);

        var first = await OpenWatchAsync(host, noisy);
        using var second = await OpenWatchAsync(host, noisy);
        var e = await RpcErrors.FailsWith(StatusCode.ResourceExhausted, async () => (await OpenWatchAsync(host, noisy)).Dispose());
        using var others = await OpenWatchAsync(host, quiet);
        first.Dispose();
        using var again = await Eventually(() => OpenWatchAsync(host, noisy));

        Assert.Equal("TOO_MANY_WATCHES", e.Info().Reason);
        Assert.Equal("caller", e.Info().Metadata["scope"]);
        Assert.Null(e.Detail<RetryInfo>());
    }

    private static async Task<(string Noisy, string Quiet)> TwoReadersAsync(KubeRpcHost host)
    {
        var access = new ClusterAccess(host.Kubernetes);
        var noisy = await access.ServiceAccountTokenAsync("noisy");
        var quiet = await access.ServiceAccountTokenAsync("quiet");
        await access.GrantAsync("noisy", "default", ["list", "watch"], ["services"]);
        await access.GrantAsync("quiet", "default", ["list", "watch"], ["services"]);
        return (noisy, quiet);
    }

    private static Task<ListServicesResponse> ListAsync(KubeRpcHost host, string token) =>
        host.Services.ListServicesAsync(new ListServicesRequest { Namespace = "default" }, Bearer(token)).ResponseAsync.DefaultTimeout();

    /// <summary>A watch that has sent its first event (the <c>kubernetes</c> Service), so it holds its slot.</summary>
    private static async Task<AsyncServerStreamingCall<ServiceEvent>> OpenWatchAsync(KubeRpcHost host, string token)
    {
        var watch = host.Services.WatchServices(new WatchServicesRequest { Namespace = "default" }, Bearer(token));
        try
        {
            Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None).DefaultTimeout());
            return watch;
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    /// <summary>The server frees a cancelled stream's slot once its handler has ended, a moment after the client cancels.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> open)
    {
        T? result = default;
        await Polling.UntilAsync(async () =>
        {
            try
            {
                result = await open();
                return true;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                return false;
            }
        }, () => "the ended stream's slot to be freed");
        return result!;
    }
}
