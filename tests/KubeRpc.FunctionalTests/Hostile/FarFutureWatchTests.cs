using Google.Rpc;
using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.Server.Watching;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// A watch from a version the cache has not reached waits a bounded time for it (another replica may have seen it
/// first), then ends with UNAVAILABLE, RESOURCE_VERSION_TOO_LARGE and RetryInfo: a far-future version never holds a
/// subscription slot silently (it used to, forever).
/// </summary>
public sealed class FarFutureWatchTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Watch:ResourceVersionWait"] = "00:00:00.300" }).DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("9223372036854775807", false)]
    [InlineData("9223372036854775807", true)]
    [InlineData("1000000", false)]
    public async Task VersionAheadOfTheCache_UnavailableWithRetryInfo_SlotFreed(string version, bool initialEvents)
    {
        var limiter = _host.ServerServices.GetRequiredService<WatchLimiter>();
        using var call = _host.Services.WatchServices(new WatchServicesRequest { ResourceVersion = version, SendInitialEvents = initialEvents });

        var e = await RpcErrors.FailsWith(StatusCode.Unavailable, () => call.ResponseStream.MoveNext(CancellationToken.None));

        var info = e.Info();
        Assert.Equal("RESOURCE_VERSION_TOO_LARGE", info.Reason);
        Assert.Equal(version, info.Metadata["resource_version"]);
        Assert.StartsWith($"Too large resource version: {version}, current: ", e.Status.Detail, StringComparison.Ordinal);
        Assert.NotNull(e.Detail<RetryInfo>());
        Assert.Equal(0, limiter.Open);
    }

    [Fact]
    public async Task VersionTheCacheReachesWithinTheWait_StreamsFromIt()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Watch:ResourceVersionWait"] = "00:00:15" });
        // The next version the cluster will hand out: the watch waits for it, then continues after it.
        var next = host.Emulator.ResourceVersion + 1;
        using var call = host.Services.WatchServices(new WatchServicesRequest { ResourceVersion = next.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var moved = call.ResponseStream.MoveNext(CancellationToken.None);

        var first = await host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Services.ServiceTestKit.ClusterIp("first") }).ResponseAsync.DefaultTimeout();
        await host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Services.ServiceTestKit.ClusterIp("second") }).ResponseAsync.DefaultTimeout();

        Assert.Equal(next.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Metadata.ResourceVersion);
        Assert.True(await moved.DefaultTimeout());
        Assert.Equal("second", call.ResponseStream.Current.Service.Metadata.Name);
    }
}
