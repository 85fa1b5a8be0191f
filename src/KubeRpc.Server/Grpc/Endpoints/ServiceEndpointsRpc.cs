using Grpc.Core;
using KubeRpc.Machinery;
using KubeRpc.Machinery.Text;
using KubeRpc.Server.Access;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Endpoints;
using KubeRpc.Server.Grpc.Access;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Grpc.Validation;
using KubeRpc.Server.Grpc.Watches;
using KubeRpc.Server.Watching;
using KubeRpc.Server.Wire;
using KubeRpc.V1;

namespace KubeRpc.Server.Grpc.Endpoints;

/// <summary>
/// ResolveServiceEndpoints and WatchServiceEndpoints: a Service's endpoint set from <see cref="ServiceEndpointsIndex"/>,
/// once or as a stream of whole sets. A stream ends as the kinds' watches do (too slow, shutting down, access revoked)
/// with the last resource_version sent, from which the client resumes.
/// </summary>
internal sealed class ServiceEndpointsRpc(
    ServiceEndpointsIndex index,
    IReadOnlyList<IInformerStatus> sources,
    WatchLimiter limiter,
    WatchOptions options,
    RequestLimits limits)
{
    private const string Kind = ServiceEndpointsIndex.KindName;

    public async Task<EncodedMessage> ResolveAsync(ResolveServiceEndpointsRequest request, ServerCallContext context)
    {
        new RequestValidator(limits).Namespace("namespace", request.Namespace).Name("name", request.Name).ThrowIfInvalid();
        RequireCovered(request.Namespace);
        // Synced once, synced for good: the common case costs no timer.
        if (!sources.All(s => s.HasSynced))
        {
            await WaitForSyncAsync(context.CancellationToken);
        }
        return new MessageReply(index.Resolve(new ObjectKey(request.Namespace, request.Name)).Message);
    }

    /// <summary>Waits for the caches' first sync, at most <see cref="WatchOptions.ResourceVersionWait"/>, then UNAVAILABLE.</summary>
    private async Task WaitForSyncAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ResourceVersionWait);
        try
        {
            await Task.WhenAll(sources.Select(s => s.WaitForSyncAsync(timeout.Token)));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw NotSynced();
        }
    }

    public async Task WatchAsync(WatchServiceEndpointsRequest request, IServerStreamWriter<EncodedMessage> stream, ServerCallContext context)
    {
        var validator = new RequestValidator(limits).Namespace("namespace", request.Namespace).Name("name", request.Name);
        long resumeFrom = 0;
        if (!string.IsNullOrEmpty(request.ResourceVersion) && !ResourceVersions.TryParse(request.ResourceVersion, out resumeFrom))
        {
            validator.Add("resource_version", $"must be a resource_version returned by KubeRpc, got \"{Excerpt.Of(request.ResourceVersion)}\"");
        }
        validator.ThrowIfInvalid();
        RequireCovered(request.Namespace);
        var cancellationToken = context.CancellationToken;
        await WatchSlots.RunAsync(limiter, Kind, async slot =>
        {
            var start = index.Subscribe(new ObjectKey(request.Namespace, request.Name), request.AllowBookmarks, slot);
            using var subscriber = start.Subscriber;
            var access = AccessInterceptor.StreamAccessOf(context);
            using var onRevoked = access?.Revoked.Register(() => subscriber.End(WatchEnd.AccessRevoked));
            var writer = new RunWriter<EncodedMessage>(stream, resumeFrom == 0 ? "0" : request.ResourceVersion,
                () => subscriber.Ended != WatchEnd.None, cancellationToken);
            using var onEnd = subscriber.Aborted.Register(() =>
            {
                if (writer.Writing)
                {
                    StreamReset.Reset(context);
                }
            });
            try
            {
                await StreamAsync(start, resumeFrom, writer, access, cancellationToken);
            }
            catch (Exception e) when (e is not RpcException && subscriber.Ended != WatchEnd.None && !cancellationToken.IsCancellationRequested)
            {
                // Ended during a write (the stream was reset, which failed it) or before one: report why, if the transport still can.
                throw Ended(subscriber.Ended, writer.Last, access);
            }
            finally
            {
                index.Unsubscribe(subscriber);
            }
        }, cancellationToken);
    }

    private async Task StreamAsync(EndpointsStart start, long resumeFrom, RunWriter<EncodedMessage> writer, StreamAccess? access,
        CancellationToken cancellationToken)
    {
        var subscriber = start.Subscriber;
        await WaitForCacheAsync(start, resumeFrom, cancellationToken);
        subscriber.CaughtUp();
        var sent = index.Current(subscriber.Entry);
        if (resumeFrom == 0)
        {
            await SendAsync(writer, sent.Event(ServiceEndpointsEventType.Initial), sent, subscriber);
        }
        else if (index.ResumeNeedsSet(start, resumeFrom, sent))
        {
            await SendAsync(writer, sent.Event(ServiceEndpointsEventType.Changed), sent, subscriber);
        }
        while (true)
        {
            if (!await subscriber.WaitAsync(cancellationToken) || subscriber.Ended != WatchEnd.None)
            {
                throw Ended(subscriber.Ended, writer.Last, access);
            }
            subscriber.CaughtUp();
            var current = index.Current(subscriber.Entry);
            if (current.Sequence != sent.Sequence)
            {
                subscriber.TakeBookmark(); // the set is news enough: a bookmark due now would say less
                sent = current;
                await SendAsync(writer, current.Event(ServiceEndpointsEventType.Changed), current, subscriber);
            }
            else if (subscriber.TakeBookmark())
            {
                await SendAsync(writer, current.Bookmark(), current, subscriber);
            }
        }
    }

    private static async Task SendAsync(RunWriter<EncodedMessage> writer, EncodedMessage message, PublishedEndpoints set, EndpointsSubscriber subscriber)
    {
        await writer.AddAsync(new WatchItem<EncodedMessage>(message, set.Message.ResourceVersion));
        await writer.FlushAsync();
        subscriber.Sent();
        WatchMetrics.EventsSent(Kind, writer.TakeCount());
    }

    /// <summary>
    /// Waits for the cache's first sync and, on a resume, for the version asked (another replica may be ahead), as the
    /// kinds' watches do: a version not reached within <see cref="WatchOptions.ResourceVersionWait"/> ends the call with
    /// UNAVAILABLE, so a far-future version never holds a slot.
    /// </summary>
    private async Task WaitForCacheAsync(EndpointsStart start, long resumeFrom, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A stream without a version waits for the first sync as long as its caller does, as the kinds' watches do.
        timeout.CancelAfter(resumeFrom > 0 ? options.ResourceVersionWait : Timeout.InfiniteTimeSpan);
        try
        {
            await Task.WhenAll(sources.Select(s => s.WaitForSyncAsync(timeout.Token)));
            if (resumeFrom > 0)
            {
                await index.WaitForAsync(start.Subscriber.Entry, resumeFrom, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WatchFailedException(WatchFailure.TooLargeResourceVersion, Kind, ResourceVersions.Format(resumeFrom))
            {
                Current = index.ResourceVersion,
            };
        }
    }

    /// <summary>FAILED_PRECONDITION for a namespace the informers do not cache (Cache:Namespaces): its endpoints are unknown here.</summary>
    private void RequireCovered(string ns)
    {
        if (!sources.All(s => s.Covers(ns)))
        {
            throw RichStatus.Create(StatusCode.FailedPrecondition,
                $"this KubeRpc caches only some namespaces (Cache:Namespaces), not \"{ns}\": its Service endpoints cannot be resolved here",
                RichStatus.Info(ErrorReasons.NamespaceNotCached, ("kind", Kind), ("namespace", ns)));
        }
    }

    private static RpcException NotSynced() =>
        RichStatus.Create(StatusCode.Unavailable, "the endpoint cache has not synced with the cluster yet; retry shortly",
            RichStatus.Info(ErrorReasons.Unavailable, ("kind", Kind)));

    private static Exception Ended(WatchEnd why, string lastResourceVersion, StreamAccess? access) => why switch
    {
        WatchEnd.AccessRevoked => AccessStatuses.Revoked(access?.Loss ?? AccessLoss.PermissionDenied, Kind, lastResourceVersion),
        WatchEnd.TooSlow => new WatchFailedException(WatchFailure.TooSlow, Kind, lastResourceVersion),
        _ => new WatchFailedException(WatchFailure.ShuttingDown, Kind, lastResourceVersion),
    };
}
