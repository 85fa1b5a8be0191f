using Grpc.Core;
using KubeRpc.Machinery;
using KubeRpc.Machinery.Text;
using KubeRpc.Server.Access;
using KubeRpc.Server.Grpc.Access;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Grpc.Resources;
using KubeRpc.Server.Grpc.Validation;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;
using KubeRpc.Server.Watching;

namespace KubeRpc.Server.Grpc.Watches;

/// <summary>
/// Serves one kind's Watch RPC: judges the request, waits (bounded) for the cache to reach the version asked for,
/// joins the kind's <see cref="EventBroadcaster{TProto,TEvent}"/>, then writes the initial events or the replay, then
/// the live events and periodic bookmarks until the client leaves or the broadcaster ends the stream.
/// </summary>
/// <remarks>
/// A stream the broadcaster ends (too slow, shutting down) ends with its status and last version when the transport
/// can still carry them. When a write is in progress then (blocked on a client that stopped reading, as a rule), the
/// HTTP/2 stream is reset (RST_STREAM CANCEL, which a gRPC client reports as CANCELLED); the slot was freed already.
/// </remarks>
internal sealed class WatchRpc<TProto, TEvent>(
    EventBroadcaster<TProto, TEvent> broadcaster,
    WatchLimiter limiter,
    WatchOptions options,
    ApiResource resource,
    SelectableFields fields,
    Func<long, CancellationToken, Task> waitForVersion,
    ILogger logger,
    RequestLimits? limits = null)
    where TProto : class
    where TEvent : class
{
    private readonly CallBoundary _boundary = new(resource.Kind, resource.ResourceType, logger);

    public async Task RunAsync(WatchRequest request, IServerStreamWriter<TEvent> stream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        WatchFilter filter;
        long resumeFrom;
        try
        {
            filter = Judge(request, out resumeFrom);
        }
        catch (FieldNotSelectableException e)
        {
            throw _boundary.Translate(e, request.Namespace, null);
        }
        var initial = resumeFrom == 0 || request.SendInitialEvents;
        await WatchSlots.RunAsync(limiter, resource.Kind, async slot =>
        {
            await WaitForCacheAsync(resumeFrom, cancellationToken);
            using var subscriber = new WatchSubscriber<TProto, TEvent>(filter, options.QueueCapacity, slot);
            var start = broadcaster.Subscribe(subscriber, initial, resumeFrom);
            // A caller that loses access (AccessInterceptor watches over it) ends like a subscriber the broadcaster ends.
            var access = AccessInterceptor.StreamAccessOf(context);
            using var onRevoked = access?.Revoked.Register(() => subscriber.End(WatchEnd.AccessRevoked));
            try
            {
                await StreamAsync(subscriber, start, request.ResourceVersion, stream, context, access);
            }
            catch (Exception e) when (e is not (RpcException or WatchFailedException) && subscriber.Ended != WatchEnd.None && !cancellationToken.IsCancellationRequested)
            {
                // Ended while a write was in progress: the stream was reset (see StreamAsync), which failed the write.
            }
            finally
            {
                broadcaster.Unsubscribe(subscriber);
            }
        }, cancellationToken);
    }

    private async Task StreamAsync(WatchSubscriber<TProto, TEvent> subscriber, WatchStart<TProto, TEvent> start,
        string requestedVersion, IServerStreamWriter<TEvent> stream, ServerCallContext context, StreamAccess? access)
    {
        var cancellationToken = context.CancellationToken;
        var writer = new RunWriter<TEvent>(stream, string.IsNullOrEmpty(requestedVersion) ? "0" : requestedVersion,
            () => subscriber.Ended != WatchEnd.None, cancellationToken);
        // Ended while a write is in progress, most likely blocked by flow control on a client that stopped reading: no
        // status can get through behind it, so the stream is reset (RST_STREAM CANCEL), which also ends the write.
        // Otherwise the loop below sees the end and sends the status.
        using var onEnd = subscriber.Aborted.Register(() =>
        {
            if (writer.Writing)
            {
                StreamReset.Reset(context);
            }
        });
        try
        {
            foreach (var item in start.Items())
            {
                await writer.AddAsync(item);
            }
            await writer.FlushAsync();
            subscriber.Sent();
            WatchMetrics.EventsSent(resource.Kind, writer.TakeCount());
            // Changes and periodic bookmarks alike come through the queue, so the loop only ever waits on it.
            while (true)
            {
                while (subscriber.TryRead(out var item))
                {
                    await writer.AddAsync(item);
                }
                if (subscriber.Ended == WatchEnd.None)
                {
                    await writer.FlushAsync();
                }
                WatchMetrics.EventsSent(resource.Kind, writer.TakeCount());
                if (subscriber.Ended != WatchEnd.None)
                {
                    throw Ended(subscriber.Ended, writer.Last, access);
                }
                if (!await subscriber.WaitToReadAsync(cancellationToken) && subscriber.Ended == WatchEnd.None)
                {
                    return;
                }
            }
        }
        catch (StreamEndedException)
        {
            // Ended between writes (during the initial events, say): the status can still get through.
            throw Ended(subscriber.Ended, writer.Last, access);
        }
    }

    private Exception Ended(WatchEnd why, string lastResourceVersion, StreamAccess? access) => why switch
    {
        WatchEnd.AccessRevoked => AccessStatuses.Revoked(access?.Loss ?? AccessLoss.PermissionDenied, resource.Kind, lastResourceVersion),
        WatchEnd.TooSlow => new WatchFailedException(WatchFailure.TooSlow, resource.Kind, lastResourceVersion),
        _ => new WatchFailedException(WatchFailure.ShuttingDown, resource.Kind, lastResourceVersion),
    };

    /// <summary>
    /// Waits until the cache has synced and reached <paramref name="resourceVersion"/>, as kube-apiserver's cacher waits
    /// for a version it has not seen; a version it does not reach in time ends the call with UNAVAILABLE, so a far-future
    /// version never holds a slot.
    /// </summary>
    private async Task WaitForCacheAsync(long resourceVersion, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(resourceVersion > 0 ? options.ResourceVersionWait : Timeout.InfiniteTimeSpan);
        try
        {
            await waitForVersion(resourceVersion, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WatchFailedException(WatchFailure.TooLargeResourceVersion, resource.Kind, ResourceVersions.Format(resourceVersion))
            {
                Current = broadcaster.ResourceVersion,
            };
        }
    }


    /// <summary>INVALID_ARGUMENT for what the server can judge alone, before the stream starts.</summary>
    private WatchFilter Judge(WatchRequest request, out long resumeFrom)
    {
        var validator = new RequestValidator(limits)
            .Namespace("namespace", request.Namespace, optional: true)
            .LabelSelectorSyntax("label_selector", request.LabelSelector)
            .FieldSelectorSyntax("field_selector", request.FieldSelector);
        resumeFrom = 0;
        if (!string.IsNullOrEmpty(request.ResourceVersion) && !ResourceVersions.TryParse(request.ResourceVersion, out resumeFrom))
        {
            validator.Add("resource_version", $"must be a resource_version returned by KubeRpc, got \"{Excerpt.Of(request.ResourceVersion)}\"");
        }
        validator.ThrowIfInvalid();
        return WatchFilter.ForRequest(request.Namespace, request.LabelSelector, request.FieldSelector, request.AllowBookmarks, fields,
            resource.GroupResource);
    }
}
