using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator.Http;

/// <summary>
/// One watch connection: optional initial ADDED events from a snapshot, then the resource's change log from a
/// node onwards, filtered per watcher with ADDED/DELETED on selector transitions, with bookmarks and a
/// server-side timeout. It follows the log at its own pace, so it never holds a lock or slows a writer.
/// </summary>
internal sealed class WatchSession
{
    public required ResourceType Type { get; init; }

    public required ObjectFilter Filter { get; init; }

    /// <summary>The log node after which live events are sent.</summary>
    public required HistoryNode Start { get; init; }

    /// <summary>Send every matching object of <see cref="Start"/>'s snapshot as ADDED first.</summary>
    public bool SendInitial { get; init; }

    /// <summary>After the initial events, send the <c>k8s.io/initial-events-end</c> bookmark.</summary>
    public bool SendInitialEventsEnd { get; init; }

    /// <summary>Skip live events at or below this version (a resume from a version above the log's tail).</summary>
    public long SkipThrough { get; init; }

    public bool Bookmarks { get; init; }

    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan Timeout { get; init; }

    public required Func<long> CurrentResourceVersion { get; init; }

    /// <summary>The oldest version the log still holds; a watcher that falls behind it is ended, as kube-apiserver ends slow watchers.</summary>
    public required Func<long> HistoryFloor { get; init; }

    /// <summary>A stored object's content re-stamped with another resourceVersion.</summary>
    public required Func<StoredObject, long, StoredObject> WithResourceVersion { get; init; }

    /// <summary>The emulator's count of open watch streams.</summary>
    public required WatchCounter OpenWatches { get; init; }

    /// <summary>How often a watcher's lag is checked.</summary>
    public TimeSpan LagCheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    private const int FlushThreshold = 32 * 1024;


    private HistoryNode? _position;

    /// <summary>Renders a watch line; the default is plain JSON, kubectl get -w asks for Table rows.</summary>
    public required IWatchEncoder Encoder { get; init; }

    public async Task RunAsync(Stream output, CancellationToken cancellationToken)
    {
        OpenWatches.Increment();
        try
        {
            await StreamAsync(output, cancellationToken);
        }
        finally
        {
            OpenWatches.Decrement();
        }
    }

    private async Task StreamAsync(Stream output, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var token = linked.Token;
        // A watcher stuck on a slow client would pin every event since its position; once it is behind the
        // history it could not resume anyway, so end it and let the client re-watch (and get 410).
        await using var lagCheck = new Timer(_ =>
        {
            if (_position is { } p && p.ResourceVersion < HistoryFloor())
            {
                linked.Cancel();
            }
        }, null, LagCheckInterval, LagCheckInterval);
        var lastSent = Start.ResourceVersion;
        try
        {
            if (SendInitial)
            {
                foreach (var item in Start.Items.Values)
                {
                    if (Filter.InNamespace(item) && Filter.Matches(item))
                    {
                        await output.WriteAsync(Encoder.Encode("ADDED", item), token);
                    }
                }
                if (SendInitialEventsEnd)
                {
                    await output.WriteAsync(Encoder.Bookmark(Start.ResourceVersion, initialEventsEnd: true), token);
                }
            }
            await output.FlushAsync(token);
            var node = _position = Start;
            var unflushed = 0;
            var nextBookmark = DateTime.UtcNow + BookmarkInterval;
            while (!token.IsCancellationRequested)
            {
                var wrote = false;
                // Read before draining: every event of this resource at or below it is in the log by now, so the
                // drain below sends it, and a bookmark at this version never runs ahead of an unsent event.
                var committed = CurrentResourceVersion();
                while (node.Next is { } next)
                {
                    node = _position = next;
                    if (node.ResourceVersion <= SkipThrough || Render(node.Event!) is not { } line)
                    {
                        continue;
                    }
                    await output.WriteAsync(line, token);
                    lastSent = node.ResourceVersion;
                    wrote = true;
                    unflushed += line.Length;
                    if (unflushed >= FlushThreshold)
                    {
                        // Flush within a long batch too, so a slow reader pushes back here rather than in memory.
                        await output.FlushAsync(token);
                        unflushed = 0;
                    }
                }
                if (Bookmarks && DateTime.UtcNow >= nextBookmark)
                {
                    var progress = Math.Max(lastSent, Math.Max(node.ResourceVersion, committed));
                    await output.WriteAsync(Encoder.Bookmark(progress, initialEventsEnd: false), token);
                    nextBookmark = DateTime.UtcNow + BookmarkInterval;
                    wrote = true;
                }
                if (wrote)
                {
                    await output.FlushAsync(token);
                    unflushed = 0;
                }
                var waitFor = Bookmarks ? nextBookmark - DateTime.UtcNow : System.Threading.Timeout.InfiniteTimeSpan;
                if (Bookmarks && waitFor <= TimeSpan.Zero)
                {
                    continue;
                }
                await WaitAsync(node.NextLinked, waitFor, token);
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout, client gone, or the emulator ending watches: the stream just closes, as the real one does.
        }
        catch (IOException)
        {
            // The client went away mid-write.
        }
    }

    /// <summary>
    /// The line for one change as this watcher sees it, or null when it does not concern the watcher
    /// (cache_watcher.go convertToWatchEvent): an object that stops matching is DELETED with its previous
    /// content at the event's resourceVersion; one that starts matching is ADDED.
    /// </summary>
    private byte[]? Render(StoreEvent e)
    {
        var current = e.Current;
        if (!Filter.InNamespace(current))
        {
            return null;
        }
        var nowMatches = e.Type != WatchEventType.Deleted && Filter.Matches(current);
        var wasMatching = e.Previous is { } previous && Filter.Matches(previous);
        switch (nowMatches, wasMatching)
        {
            case (true, true):
            case (true, false):
                var type = wasMatching ? "MODIFIED" : "ADDED";
                return Encoder.IsPlain && type == WatchLines.Name(e.Type) ? e.Line : Encoder.Encode(type, current);
            case (false, true) when e.Type == WatchEventType.Deleted:
                return Encoder.IsPlain ? e.Line : Encoder.Encode("DELETED", current);
            case (false, true):
                return Encoder.Encode("DELETED", WithResourceVersion(e.Previous!, e.ResourceVersion));
            default:
                return null;
        }
    }

    private static async Task WaitAsync(Task signal, TimeSpan timeout, CancellationToken token)
    {
        if (signal.IsCompleted)
        {
            return;
        }
        await signal.WaitAsync(timeout, token).ContinueWith(static _ => { }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        token.ThrowIfCancellationRequested();
    }
}
