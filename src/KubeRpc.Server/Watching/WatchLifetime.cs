using Microsoft.Extensions.Options;

namespace KubeRpc.Server.Watching;

/// <summary>
/// Starts the broadcasters with the host, so their history covers the time before the first watch, and, when the host
/// stops, keeps every stream delivering for <see cref="WatchOptions.ShutdownGracePeriod"/> before it ends them with
/// UNAVAILABLE (SHUTTING_DOWN), so clients resume on another replica without a gap.
/// </summary>
/// <remarks>
/// <para>The host stops in this order: every <see cref="IHostedLifecycleService.StoppingAsync"/>, then
/// <see cref="IHostApplicationLifetime.ApplicationStopping"/>, then every <see cref="IHostedService.StopAsync"/> in
/// reverse registration order, the web server's drain first (it is registered last). A stop that begins with
/// SIGTERM or <see cref="IHostApplicationLifetime.StopApplication"/> has fired ApplicationStopping already; a direct
/// <c>StopAsync</c> has not, so <see cref="StoppingAsync"/> fires it itself (a no-op when it has fired): either way
/// readiness reports NOT_SERVING from the start of the grace period (Hosting/CacheSyncHealthCheck.cs).
/// StoppingAsync then waits out the grace period, and no StopAsync runs before it returns: Kestrel keeps serving
/// and the informers keep feeding the streams meanwhile, and the drain finds the streams already ended instead of
/// waiting on them.</para>
/// <para>The host's token is cancelled at its shutdown timeout; the wait gives up then, and the streams still end
/// with UNAVAILABLE rather than being cut, so the stop is never held beyond that timeout.</para>
/// </remarks>
internal sealed partial class WatchLifetime(
    IEnumerable<IEventBroadcaster> broadcasters,
    IOptions<WatchOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<WatchLifetime> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var grace = options.Value.ShutdownGracePeriod;
        lifetime.StopApplication();
        try
        {
            if (grace > TimeSpan.Zero)
            {
                GraceStarted(logger, grace);
                await Task.Delay(grace, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            GraceCut(logger, grace);
        }
        finally
        {
            EndStreams();
        }
    }

    /// <summary>Ends whatever is still open: nothing once <see cref="StoppingAsync"/> has run, so only a safety net.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        EndStreams();
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void EndStreams()
    {
        foreach (var broadcaster in broadcasters)
        {
            broadcaster.Stop();
        }
    }

    [LoggerMessage(EventId = 200, EventName = "WatchShutdownGraceStarted", Level = LogLevel.Information,
        Message = "Stopping: readiness reports NOT_SERVING; open watch streams end in {Grace}")]
    private static partial void GraceStarted(ILogger logger, TimeSpan grace);

    [LoggerMessage(EventId = 201, EventName = "WatchShutdownGraceCut", Level = LogLevel.Warning,
        Message = "The host's shutdown timeout ended the watch grace period ({Grace}) early; ending the streams now")]
    private static partial void GraceCut(ILogger logger, TimeSpan grace);
}
