using Grpc.Core;
using k8s.Models;
using KubeRpc.Emulator.Selection;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Grpc.Errors;
using KubeRpc.Server.Grpc.Validation;

namespace KubeRpc.Server.Watching;

/// <summary>
/// Serves one kind's Watch RPC: judges the request, joins the kind's <see cref="EventBroadcaster{TProto,TEvent}"/>,
/// then writes the initial events or the replay, then the live events and periodic bookmarks until the client leaves
/// or the broadcaster ends the stream.
/// </summary>
internal sealed class WatchRpc<TProto, TEvent>(
    EventBroadcaster<TProto, TEvent> broadcaster,
    WatchLimiter limiter,
    WatchOptions options,
    ResourceTarget kind,
    string groupResource,
    SelectableFields fields,
    Func<long, CancellationToken, Task> waitForVersion)
    where TProto : class
    where TEvent : class
{
    private const int MaxUnflushed = 64;
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    public async Task RunAsync(WatchRequest request, IServerStreamWriter<TEvent> stream, CancellationToken cancellationToken)
    {
        var filter = Judge(request, out var resumeFrom);
        var initial = resumeFrom == 0 || request.SendInitialEvents;
        if (!limiter.TryAcquire())
        {
            WatchMetrics.EndedBy(kind.Kind, "too_many");
            throw WatchErrors.TooManyWatches(kind.Kind, limiter.Limit);
        }
        WatchMetrics.Opened(kind.Kind, 1);
        try
        {
            // The cache must have synced (readiness waits for it too), and a snapshot asked for at a version must
            // be at least that new; kube-apiserver waits 3 s for that before it gives up.
            await WaitForCacheAsync(initial ? resumeFrom : 0, cancellationToken);
            var subscriber = new WatchSubscriber<TEvent>(filter, options.QueueCapacity, initial ? 0 : resumeFrom);
            var prefix = broadcaster.Subscribe(subscriber, initial, resumeFrom);
            try
            {
                await StreamAsync(subscriber, prefix, request.ResourceVersion, stream, cancellationToken);
            }
            finally
            {
                broadcaster.Unsubscribe(subscriber);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left (or its deadline passed): nothing to report to anyone.
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.OutOfRange)
        {
            WatchMetrics.EndedBy(kind.Kind, "expired");
            throw;
        }
        finally
        {
            limiter.Release();
            WatchMetrics.Opened(kind.Kind, -1);
        }
    }

    private async Task StreamAsync(WatchSubscriber<TEvent> subscriber, IReadOnlyList<WatchItem<TEvent>> prefix,
        string requestedVersion, IServerStreamWriter<TEvent> stream, CancellationToken cancellationToken)
    {
        var last = string.IsNullOrEmpty(requestedVersion) ? "0" : requestedVersion;
        var unflushed = 0;
        for (var i = 0; i < prefix.Count; i++)
        {
            await WriteAsync(stream, prefix[i].Message, more: i < prefix.Count - 1, ref unflushed, cancellationToken);
            last = prefix[i].ResourceVersion;
        }
        WatchMetrics.EventsSent(kind.Kind, prefix.Count);
        // Events and periodic bookmarks alike come through the queue, so the loop only ever waits on it.
        var reader = subscriber.Reader;
        while (true)
        {
            var wrote = 0;
            while (subscriber.Ended == WatchEnd.None && reader.TryRead(out var item))
            {
                await WriteAsync(stream, item.Message, more: reader.TryPeek(out _), ref unflushed, cancellationToken);
                last = item.ResourceVersion;
                wrote++;
            }
            WatchMetrics.EventsSent(kind.Kind, wrote);
            switch (subscriber.Ended)
            {
                case WatchEnd.TooSlow:
                    WatchMetrics.EndedBy(kind.Kind, "too_slow");
                    throw WatchErrors.TooSlow(kind.Kind, last);
                case WatchEnd.ShuttingDown:
                    WatchMetrics.EndedBy(kind.Kind, "shutting_down");
                    throw WatchErrors.ShuttingDown(kind.Kind, last);
            }
            if (!await reader.WaitToReadAsync(cancellationToken) && subscriber.Ended == WatchEnd.None)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Writes one message, flushing only after the last of a run of queued messages (or every
    /// <see cref="MaxUnflushed"/>), so a snapshot or a burst costs one network write per run instead of one per event.
    /// </summary>
    private static ValueTask WriteAsync(IServerStreamWriter<TEvent> stream, TEvent message, bool more, ref int unflushed,
        CancellationToken cancellationToken)
    {
        var buffer = more && ++unflushed < MaxUnflushed;
        if (!buffer)
        {
            unflushed = 0;
        }
        stream.WriteOptions = buffer ? Buffered : null;
        return new ValueTask(stream.WriteAsync(message, cancellationToken));
    }

    private async Task WaitForCacheAsync(long resourceVersion, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(resourceVersion > 0 ? TimeSpan.FromSeconds(3) : Timeout.InfiniteTimeSpan);
        try
        {
            await waitForVersion(resourceVersion, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw KubernetesErrorTranslator.FromStatus(504, new V1Status
            {
                Code = 504,
                Reason = "Timeout",
                Message = $"Too large resource version: {resourceVersion}, current: {broadcaster.ResourceVersion}",
            }, TimeSpan.FromSeconds(1), kind);
        }
    }

    /// <summary>INVALID_ARGUMENT for what the server can judge alone, before the stream starts.</summary>
    private WatchFilter Judge(WatchRequest request, out long resumeFrom)
    {
        var validator = new RequestValidator()
            .LabelSelectorSyntax("label_selector", request.LabelSelector)
            .FieldSelectorSyntax("field_selector", request.FieldSelector);
        resumeFrom = 0;
        if (!string.IsNullOrEmpty(request.ResourceVersion) && !ResourceVersions.TryParse(request.ResourceVersion, out resumeFrom))
        {
            validator.Add("resource_version", $"must be a resource_version returned by KubeRpc, got \"{request.ResourceVersion}\"");
        }
        validator.ThrowIfInvalid();
        return WatchFilter.ForRequest(request.Namespace, request.LabelSelector, request.FieldSelector, request.AllowBookmarks, fields,
            groupResource, kind with { Namespace = request.Namespace });
    }
}
