using Grpc.Core;
using Grpc.Net.Client.Balancer;
using KubeRpc.V1;
using Microsoft.Extensions.Logging;

namespace KubeRpc.Client;

/// <summary>
/// Resolves one <c>kuberpc</c> target: a WatchServiceEndpoints stream through KubeRpc, each set it sends turned into the
/// channel's addresses (<see cref="EndpointSelection"/>). A broken stream is opened again from the last resource_version
/// it sent, after a backoff; while it is down the channel keeps the addresses it has.
/// </summary>
/// <remarks>
/// Failures the channel is told of: a watch KubeRpc refuses at its start (PERMISSION_DENIED, UNAUTHENTICATED, NOT_FOUND,
/// INVALID_ARGUMENT, UNIMPLEMENTED, FAILED_PRECONDITION), and, before any set has arrived, KubeRpc being out of reach
/// (so calls fail with the reason rather than wait out their deadline). Calls see these as UNAVAILABLE with KubeRpc's
/// code and message in the detail, since the backends never saw them. A stream that ends with such a code after it had
/// delivered (an expired token, revoked access) is opened again at once, and reported only if that attempt is refused.
/// </remarks>
internal sealed partial class KubeRpcResolver(
    KubeRpcTarget target,
    ServiceManager.ServiceManagerClient kubeRpc,
    KubeRpcResolverOptions options,
    ILogger logger) : Resolver
{
    private readonly CancellationTokenSource _stop = new();
    private BalancerFeed? _feed;
    private Task? _watching;

    public override void Start(Action<ResolverResult> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        if (_feed is not null)
        {
            throw new InvalidOperationException("the resolver is already started");
        }
        _feed = new BalancerFeed(listener);
        _watching = Task.Run(() => WatchAsync(_feed, _stop.Token));
    }

    /// <summary>Nothing to do: the watch pushes every change as it happens, and reconnects by itself.</summary>
    public override void Refresh()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _feed?.Close();
            _stop.Cancel();
            _stop.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>The stream's loop, until the resolver is disposed: watch, and after a failure wait and watch again.</summary>
    private async Task WatchAsync(BalancerFeed feed, CancellationToken stop)
    {
        var backoff = new ReconnectBackoff(options.InitialReconnectDelay, options.MaxReconnectDelay);
        var resumeFrom = "";
        while (!stop.IsCancellationRequested)
        {
            var delivered = false;
            try
            {
                using var call = kubeRpc.WatchServiceEndpoints(
                    new WatchServiceEndpointsRequest { Namespace = target.Namespace, Name = target.Service, ResourceVersion = resumeFrom, AllowBookmarks = true },
                    await CallOptionsAsync(stop).ConfigureAwait(false));
                while (await call.ResponseStream.MoveNext(stop).ConfigureAwait(false))
                {
                    var change = call.ResponseStream.Current;
                    delivered = true;
                    backoff.Reset();
                    if (change.ResourceVersion.Length > 0)
                    {
                        resumeFrom = change.ResourceVersion;
                    }
                    if (change.Type is ServiceEndpointsEventType.Initial or ServiceEndpointsEventType.Changed && change.Endpoints is { } set)
                    {
                        var choice = EndpointSelection.Choose(set, target);
                        LogSet(logger, target, set.Endpoints.Count, choice.Addresses.Count, choice.IsFallback, change.ResourceVersion);
                        feed.Publish(choice, target.ToString());
                    }
                }
                LogEnded(logger, target, resumeFrom);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.OutOfRange)
            {
                // KubeRpc cannot resume from this version: start over with the whole set.
                LogRestart(logger, target, resumeFrom, e.Status.Detail);
                resumeFrom = "";
            }
            catch (RpcException e) when (IsRefusal(e.StatusCode))
            {
                LogRefused(logger, target, e.StatusCode, e.Status.Detail);
                if (delivered)
                {
                    // A working stream ended (a token expired, access was revoked): ask again at once, fresh token.
                    continue;
                }
                feed.Fail(Reported(e));
            }
            catch (Exception e)
            {
                // UNAVAILABLE (KubeRpc restarting, RESOURCE_VERSION_TOO_LARGE, SHUTTING_DOWN), ABORTED (WATCH_TOO_SLOW),
                // CANCELLED (a reset stream), a broken connection: resume from the last version.
                LogBroken(logger, target, e is RpcException r ? r.StatusCode.ToString() : e.GetType().Name, e.Message);
                if (!feed.HasPublished)
                {
                    feed.Fail(Reported(e));
                }
            }
            try
            {
                await Task.Delay(backoff.Next(), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async ValueTask<CallOptions> CallOptionsAsync(CancellationToken stop)
    {
        Metadata? headers = null;
        if (options.BearerToken is { } token)
        {
            headers = new Metadata { { "authorization", "Bearer " + await token(stop).ConfigureAwait(false) } };
        }
        return new CallOptions(headers: headers, cancellationToken: stop, credentials: options.CallCredentials);
    }

    private static bool IsRefusal(StatusCode code) => code is StatusCode.PermissionDenied or StatusCode.Unauthenticated
        or StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.Unimplemented or StatusCode.FailedPrecondition;

    private Status Reported(Exception e) => new(StatusCode.Unavailable,
        e is RpcException r
            ? $"{target}: KubeRpc's WatchServiceEndpoints failed with {r.StatusCode}: {r.Status.Detail}"
            : $"{target}: KubeRpc's WatchServiceEndpoints failed: {e.Message}",
        e);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Target}: {Endpoints} endpoint(s), {Chosen} chosen (fallback to serving: {Fallback}) at resource version {ResourceVersion}")]
    private static partial void LogSet(ILogger logger, KubeRpcTarget target, int endpoints, int chosen, bool fallback, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Target}: the endpoints watch ended; resuming from {ResourceVersion}")]
    private static partial void LogEnded(ILogger logger, KubeRpcTarget target, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Target}: cannot resume the endpoints watch from {ResourceVersion} ({Detail}); watching from the current set")]
    private static partial void LogRestart(ILogger logger, KubeRpcTarget target, string resourceVersion, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Target}: KubeRpc refused the endpoints watch: {Code}: {Detail}")]
    private static partial void LogRefused(ILogger logger, KubeRpcTarget target, StatusCode code, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Target}: the endpoints watch broke ({Code}: {Detail}); watching again after a backoff")]
    private static partial void LogBroken(ILogger logger, KubeRpcTarget target, string code, string detail);
}
