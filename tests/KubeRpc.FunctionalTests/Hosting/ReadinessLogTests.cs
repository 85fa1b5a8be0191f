using System.Net;
using KubeRpc.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KubeRpc.FunctionalTests.Hosting;

/// <summary>
/// Readiness probes come every few seconds: a change of state is logged once, and a probe that finds the expected state
/// (caches syncing, host stopping) logs nothing, rather than an error line per probe.
/// </summary>
public sealed class ReadinessLogTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KubeRpcHost.StartAsync(services: s => s.AddLogging(l => l.AddProvider(_logs))).DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Probes_ReadyThenStopping_EachStateLoggedOnce_NoErrorPerProbe()
    {
        using var http = _host.CreateHttpClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz").DefaultTimeout()).StatusCode);
        }

        // The host begins to stop (what SIGTERM does first): readiness fails from then on.
        _host.ServerServices.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz").DefaultTimeout()).StatusCode);
        }

        var changes = _logs.AtOrAbove(LogLevel.Information).Where(l => l.Message.StartsWith("Readiness is now", StringComparison.Ordinal))
            .Select(l => l.Message).ToList();
        Assert.Equal(["Readiness is now Healthy: caches synced", "Readiness is now Unhealthy: process is shutting down"], changes);
        Assert.DoesNotContain(_logs.AtOrAbove(LogLevel.Warning), l => l.Category.Contains("HealthCheck", StringComparison.Ordinal));
    }
}
