using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.FunctionalTests.Watching;

/// <summary>
/// Server shutdown through a real GrpcChannel (issue 5): readiness fails as soon as stopping begins, open watch streams
/// keep delivering for Watch:ShutdownGracePeriod, then end with UNAVAILABLE (SHUTTING_DOWN) at the last version they
/// sent. The grace period runs on a <see cref="FakeTimeProvider"/>, so the tests cross it without sleeping.
/// </summary>
public sealed class ShutdownGraceTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly GraceClock _clock = new();

    [Fact]
    public async Task Stop_WithinGracePeriod_StreamDeliversNewEventsWhileReadinessFails()
    {
        await using var host = await StartAsync(Grace);
        using var watch = ServiceWatch.Start(host, new WatchServicesRequest { Namespace = "default" });
        await watch.UntilAsync(w => w.InitialEventsEnded);

        var stopping = host.StopAsync();
        await _clock.FirstTimer.DefaultTimeout("the server to begin waiting out the grace period");
        _clock.Advance(Grace - TimeSpan.FromSeconds(1));
        using var http = host.CreateHttpClient();
        async Task<(HealthCheckResponse.Types.ServingStatus, HttpStatusCode, HttpStatusCode, string?, ServiceEvent, bool)> WithinGraceAsync()
        {
            var health = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest()).ResponseAsync.DefaultTimeout();
            using var ready = await http.GetAsync("/readyz").DefaultTimeout();
            using var live = await http.GetAsync("/healthz").DefaultTimeout();
            var report = await host.ServerServices.GetRequiredService<HealthCheckService>().CheckHealthAsync().DefaultTimeout();
            await host.Kubernetes.CreateAsync("late");
            var late = await watch.NextAsync();
            return (health.Status, ready.StatusCode, live.StatusCode, report.Entries["caches"].Description, late, stopping.IsCompleted);
        }
        var (health, ready, live, why, late, stoppedEarly) = await EndGraceAfterAsync(TimeSpan.FromSeconds(1), WithinGraceAsync);
        await stopping.DefaultTimeout();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, health);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("process is shutting down", why);
        Assert.Equal(HttpStatusCode.OK, live); // liveness holds while the replica drains
        Assert.Equal("ADDED default/late", $"{late.Type.ToString().ToUpperInvariant()} {ServiceWatch.Key(late.Service)}");
        Assert.False(stoppedEarly, "the host finished stopping inside the grace period");
    }

    [Fact]
    public async Task Stop_GracePeriodElapsed_StreamsEndUnavailableShuttingDownAtLastVersion()
    {
        await using var host = await StartAsync(Grace);
        using var services = ServiceWatch.Start(host, new WatchServicesRequest { Namespace = "default" });
        using var ingresses = host.Ingresses.WatchIngresses(new WatchIngressesRequest());
        await services.UntilAsync(w => w.InitialEventsEnded);
        await host.Kubernetes.CreateAsync("seen");
        await services.UntilAsync(w => w.State.ContainsKey("default/seen"));
        Assert.True(await ingresses.ResponseStream.MoveNext(CancellationToken.None).DefaultTimeout()); // the stream is open

        var stopping = host.StopAsync();
        await _clock.FirstTimer.DefaultTimeout("the server to begin waiting out the grace period");
        _clock.Advance(Grace);
        var serviceEnd = await RpcErrors.FailsWith(StatusCode.Unavailable, () => services.UntilAsync(_ => false));
        var ingressEnd = await RpcErrors.FailsWith(StatusCode.Unavailable, () => ReadToEndAsync(ingresses.ResponseStream));
        await stopping.DefaultTimeout();

        var info = serviceEnd.Info();
        Assert.Equal("SHUTTING_DOWN", info.Reason);
        Assert.Equal("Service", info.Metadata["kind"]);
        Assert.Equal(services.ResourceVersion, info.Metadata["resource_version"]);
        Assert.Equal("SHUTTING_DOWN", ingressEnd.Info().Reason);
        Assert.Empty(services.Violations);
    }

    [Fact]
    public async Task Stop_GracePeriodZero_StreamsEndAtOnce()
    {
        await using var host = await StartAsync(TimeSpan.Zero);
        using var watch = ServiceWatch.Start(host, new WatchServicesRequest { Namespace = "default" });
        await watch.UntilAsync(w => w.InitialEventsEnded);

        // The clock never moves: a stream that waited for it would outlive the read's timeout.
        var stopping = host.StopAsync();
        var end = await RpcErrors.FailsWith(StatusCode.Unavailable, () => watch.NextAsync());
        await stopping.DefaultTimeout();

        Assert.Equal("SHUTTING_DOWN", end.Info().Reason);
        Assert.Equal(watch.ResourceVersion, end.Info().Metadata["resource_version"]);
        Assert.False(_clock.FirstTimer.IsCompleted, "a grace period of 0 must not wait at all");
    }

    [Fact]
    public async Task Stop_HostShutdownTimeoutBeforeGraceEnds_StreamsEndAndHostStops()
    {
        await using var host = await StartAsync(TimeSpan.FromMilliseconds(900), shutdownTimeoutSeconds: "1");
        using var watch = ServiceWatch.Start(host, new WatchServicesRequest { Namespace = "default" });
        await watch.UntilAsync(w => w.InitialEventsEnded);

        // The clock never moves: only the host's shutdown timeout (1 s of real time) can end the wait.
        var stopping = host.StopAsync();
        var end = await RpcErrors.FailsWith(StatusCode.Unavailable, () => watch.NextAsync());
        await stopping.DefaultTimeout();

        Assert.True(_clock.FirstTimer.IsCompleted, "the grace period never began");
        Assert.Equal("SHUTTING_DOWN", end.Info().Reason);
    }

    [Theory]
    [InlineData("-00:00:01", null, "Watch:ShutdownGracePeriod must not be negative, got -00:00:01")]
    [InlineData("00:00:30", null, "Watch:ShutdownGracePeriod (00:00:30) must be less than the host's shutdown timeout (00:00:30,")]
    [InlineData("00:00:10", "10", "Watch:ShutdownGracePeriod (00:00:10) must be less than the host's shutdown timeout (00:00:10,")]
    public async Task Start_InvalidShutdownGracePeriod_FailsNamingTheSetting(string grace, string? shutdownTimeoutSeconds, string expected)
    {
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync(TimeSpan.Parse(grace, System.Globalization.CultureInfo.InvariantCulture), shutdownTimeoutSeconds));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private Task<KubeRpcHost> StartAsync(TimeSpan grace, string? shutdownTimeoutSeconds = null)
    {
        var settings = new Dictionary<string, string?> { ["Watch:ShutdownGracePeriod"] = grace.ToString("c", System.Globalization.CultureInfo.InvariantCulture) };
        if (shutdownTimeoutSeconds is not null)
        {
            settings["shutdownTimeoutSeconds"] = shutdownTimeoutSeconds;
        }
        return KubeRpcHost.StartAsync(settings, services => services.AddSingleton<TimeProvider>(_clock)).DefaultTimeout();
    }

    /// <summary>Runs <paramref name="steps"/>, then moves the clock by <paramref name="rest"/> even when a step failed, so
    /// a failing test's host stops at once instead of at its shutdown timeout.</summary>
    private async Task<T> EndGraceAfterAsync<T>(TimeSpan rest, Func<Task<T>> steps)
    {
        try
        {
            return await steps();
        }
        finally
        {
            _clock.Advance(rest);
        }
    }

    private static async Task ReadToEndAsync<T>(IAsyncStreamReader<T> stream)
    {
        while (await stream.MoveNext(CancellationToken.None))
        {
        }
    }

    /// <summary>A <see cref="FakeTimeProvider"/> that tells when the first timer is set on it: the server has begun to
    /// wait out the grace period, so advancing the clock now crosses it (before, the wait would start after the move).</summary>
    private sealed class GraceClock : FakeTimeProvider
    {
        private readonly TaskCompletionSource _firstTimer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstTimer => _firstTimer.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _firstTimer.TrySetResult();
            return timer;
        }
    }
}
