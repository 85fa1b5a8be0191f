using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// A listing stays on the path its first page took. When the cache could not answer the first page in time, the API
/// server did, and the following pages continue there: they used to restart in the cache from the beginning and repeat
/// objects. A page token is also bound to its kind.
/// </summary>
public sealed class PagingPathTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Cache:ReadWait"] = "00:00:00.050" }).DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task FirstPageFromTheApiServer_LaterPagesContinueThere_NoRepeats()
    {
        for (var i = 0; i < 7; i++)
        {
            await _host.CreateAsync(ServiceTestKit.ClusterIp($"p{i}", "default"));
        }
        // A version the cache has not reached: the first page is read through after the short wait.
        var ahead = new ReadOptions { MinResourceVersion = (_host.Emulator.ResourceVersion + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var names = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await _host.Services.ListServicesAsync(new ListServicesRequest
            {
                Namespace = "default",
                PageSize = 3,
                PageToken = token,
                ReadOptions = pages == 0 ? ahead : null,
            }).ResponseAsync.DefaultTimeout();
            names.AddRange(page.Services.Select(s => s.Metadata.Name));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0 && pages < 10);

        Assert.Equal(["kubernetes", "p0", "p1", "p2", "p3", "p4", "p5", "p6"], names);
    }

    [Fact]
    public async Task ServicesTokenOnIngresses_InvalidArgument()
    {
        await _host.CreateAsync(ServiceTestKit.ClusterIp("a"));
        var page = await _host.Services.ListServicesAsync(new ListServicesRequest { Namespace = "default", PageSize = 1 }).ResponseAsync.DefaultTimeout();

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => _host.Ingresses.ListIngressesAsync(
            new ListIngressesRequest { Namespace = "default", PageSize = 1, PageToken = page.NextPageToken }).ResponseAsync);

        Assert.Contains("other filters", e.Violations().FieldViolations.Single().Description, StringComparison.Ordinal);
    }
}
