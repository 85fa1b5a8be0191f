using KubeRpc.Server.Caching;
using KubeRpc.Server.Mapping;
using KubeRpc.Server.Watching;
using KubeRpc.V1;

namespace KubeRpc.Server.Endpoints;

/// <summary>
/// The join of the Service and EndpointSlice informers per Service name, and the fan-out of its endpoint sets to
/// WatchServiceEndpoints streams: each informer change updates the inputs of the Service it concerns (a slice belongs to
/// the Service its <c>kubernetes.io/service-name</c> label names) and wakes that Service's streams, nothing more, so the
/// informers' locks are held only for that.
/// </summary>
/// <remarks>
/// <para><b>Versions.</b> A set carries the newest version of the changes it reflects. On resume from a version, a
/// stream gets the current set unless the index knows the client has it already: the version is the one the current
/// set was published at (and no other set was), or the Service was absent then and still is. Sending a set the client
/// may have costs one message; missing one would leave it stale, so every doubt sends.</para>
/// <para><b>No history.</b> A set is the whole state, so a resume needs no event history and never expires.</para>
/// </remarks>
internal sealed class ServiceEndpointsIndex : IEventBroadcaster, IDisposable
{
    /// <summary>The name streams, metrics and statuses use for this fan-out.</summary>
    public const string KindName = "ServiceEndpoints";

    private static readonly TimeSpan LongestTick = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, EndpointsEntry> _entries = [];
    private readonly Dictionary<ObjectKey, ObjectKey> _sliceOwners = [];
    private readonly HashSet<EndpointsEntry> _relisted = [];
    private readonly HashSet<EndpointsSubscriber> _bookmarked = [];
    private readonly List<Action>? _early = [];
    private readonly EndpointSetBuilder _builder;
    private readonly WatchOptions _options;
    private readonly TimeProvider _time;
    private readonly InformerSubscription<Service> _services;
    private readonly InformerSubscription<ServiceEndpoints> _slices;
    private readonly ITimer _bookmarkTimer;
    private readonly TimeSpan _bookmarkTick;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _servicesVersion;
    private long _slicesVersion;
    private long _forgottenAt;
    private bool _started;
    private bool _stopped;

    public ServiceEndpointsIndex(
        Func<Action<ResourceChange<Service>>, InformerSubscription<Service>> subscribeServices,
        Func<Action<ResourceChange<ServiceEndpoints>>, InformerSubscription<ServiceEndpoints>> subscribeSlices,
        EndpointSetBuilder builder, WatchOptions options, TimeProvider time)
    {
        (_builder, _options, _time) = (builder, options, time);
        _services = subscribeServices(change => OnChange(() => ApplyService(change)));
        _slices = subscribeSlices(change => OnChange(() => ApplySlice(change)));
        // Changes delivered between a registration and here were parked in _early; they follow the snapshots.
        lock (_gate)
        {
            foreach (var service in _services.Snapshot.List())
            {
                Entry(service.Key).Service = service;
            }
            foreach (var slice in _slices.Snapshot.List())
            {
                if (OwnerOf(slice) is { } owner)
                {
                    _sliceOwners[slice.Key] = owner;
                    Entry(owner).Slices[slice.Name] = slice;
                }
            }
            foreach (var entry in _entries.Values)
            {
                entry.ResourceVersion = Math.Max(entry.Service?.ResourceVersion ?? 0, entry.Slices.Values.Select(s => s.ResourceVersion).DefaultIfEmpty().Max());
            }
            (_servicesVersion, _slicesVersion) = (_services.Snapshot.ResourceVersion, _slices.Snapshot.ResourceVersion);
            _started = true;
            foreach (var apply in _early!)
            {
                apply();
            }
            _early.Clear();
        }
        _bookmarkTick = TimeSpan.FromTicks(Math.Clamp(options.BookmarkInterval.Ticks / 10, TimeSpan.TicksPerMillisecond, LongestTick.Ticks));
        _bookmarkTimer = time.CreateTimer(static self => ((ServiceEndpointsIndex)self!).QueueBookmarks(), this, _bookmarkTick, _bookmarkTick);
    }

    public string Kind => KindName;

    /// <summary>The newest version either informer has delivered.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(_servicesVersion, _slicesVersion);
            }
        }
    }

    /// <summary>The Service's current set, without joining it (ResolveServiceEndpoints).</summary>
    public PublishedEndpoints Resolve(ObjectKey key)
    {
        EndpointsEntry? entry;
        long version;
        lock (_gate)
        {
            _entries.TryGetValue(key, out entry);
            version = Math.Max(_servicesVersion, _slicesVersion);
        }
        return entry is null ? new PublishedEndpoints(_builder.Build(key, null, []), version, 0) : Current(entry);
    }

    /// <summary>Registers a stream for the Service's sets; it is notified of every change of the Service's inputs.</summary>
    public EndpointsStart Subscribe(ObjectKey key, bool bookmarks, WatchSlot slot)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                throw new WatchFailedException(WatchFailure.ShuttingDown, KindName, "");
            }
            var absent = !_entries.ContainsKey(key);
            var entry = Entry(key);
            var subscriber = new EndpointsSubscriber(entry, bookmarks, _options.QueueCapacity, slot, _time);
            entry.Subscribers.Add(subscriber);
            if (bookmarks)
            {
                _bookmarked.Add(subscriber);
            }
            return new EndpointsStart(subscriber, absent ? _forgottenAt : null);
        }
    }

    public void Unsubscribe(EndpointsSubscriber subscriber)
    {
        lock (_gate)
        {
            subscriber.Entry.Subscribers.Remove(subscriber);
            _bookmarked.Remove(subscriber);
            ForgetIfUnused(subscriber.Entry);
        }
    }

    /// <summary>
    /// Completes once the index has applied <paramref name="resourceVersion"/> for the stream's Service, or either informer
    /// has delivered it; a stream resuming from a version another replica gave waits for it this way.
    /// </summary>
    public async Task WaitForAsync(EndpointsEntry entry, long resourceVersion, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task progress;
            lock (_gate)
            {
                if (entry.ResourceVersion >= resourceVersion || Math.Max(_servicesVersion, _slicesVersion) >= resourceVersion)
                {
                    return;
                }
                progress = _progress.Task;
            }
            await progress.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The Service's current set: the last published one while the inputs have not changed since, else a new one computed
    /// now, published as a new set only when it differs from the last (a change of an unrelated field sends nothing).
    /// </summary>
    public PublishedEndpoints Current(EndpointsEntry entry)
    {
        lock (entry.Computing)
        {
            CachedObject<Service>? service;
            List<CachedObject<ServiceEndpoints>> slices;
            long version, changes;
            lock (_gate)
            {
                if (entry.Published is { } fresh && entry.PublishedAtChange == entry.Changes)
                {
                    return fresh;
                }
                (version, changes, service, slices) = (entry.ResourceVersion, entry.Changes, entry.Service, [.. entry.Slices.Values]);
            }
            // Cached objects are immutable: decoded outside the lock, so the informers' handlers never wait on it.
            var content = _builder.Build(entry.Key, service is null ? null : Service.Parser.ParseFrom(service.Encoded),
                slices.Select(s => ServiceEndpoints.Parser.ParseFrom(s.Encoded)));
            lock (_gate)
            {
                var previous = entry.Published;
                if (previous is null || !previous.Content.Equals(content))
                {
                    if (previous is not null && version <= previous.ResourceVersion)
                    {
                        entry.AmbiguousAt = previous.ResourceVersion;
                    }
                    entry.Published = new PublishedEndpoints(content, Math.Max(version, previous?.ResourceVersion ?? 0), (previous?.Sequence ?? 0) + 1);
                }
                entry.PublishedAtChange = changes;
                return entry.Published!;
            }
        }
    }

    /// <summary>
    /// Whether a stream resuming from <paramref name="resourceVersion"/> must be sent <paramref name="current"/>: unless the
    /// index knows the client holds that very set.
    /// </summary>
    public bool ResumeNeedsSet(EndpointsStart start, long resourceVersion, PublishedEndpoints current)
    {
        lock (_gate)
        {
            var entry = start.Subscriber.Entry;
            if (resourceVersion == current.ResourceVersion && resourceVersion != entry.AmbiguousAt && current.Sequence > 0)
            {
                return false;
            }
            // Absent when the stream came and no Service of this name was forgotten since the version: absent then too.
            return start.AbsentSince is not { } forgotten || resourceVersion < forgotten
                || !current.Content.Equals(_builder.Build(entry.Key, null, []));
        }
    }

    /// <summary>Ends every stream with SHUTTING_DOWN and refuses new ones.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var entry in _entries.Values)
            {
                foreach (var subscriber in entry.Subscribers)
                {
                    subscriber.End(WatchEnd.ShuttingDown);
                }
            }
        }
    }

    public void Dispose()
    {
        _bookmarkTimer.Dispose();
        _services.Dispose();
        _slices.Dispose();
        Stop();
    }

    /// <summary>The informers' handlers: they run under the informers' locks, so they only update the inputs and wake streams.</summary>
    private void OnChange(Action apply)
    {
        lock (_gate)
        {
            if (!_started)
            {
                _early!.Add(apply);
                return;
            }
            apply();
        }
        Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private void ApplyService(ResourceChange<Service> change)
    {
        _servicesVersion = Math.Max(_servicesVersion, change.ResourceVersion);
        if (change.Key is not { } key)
        {
            EndRelist(change);
            return;
        }
        var entry = Entry(key);
        entry.Service = change.Type == ResourceChangeType.Deleted ? null : change.Current;
        Changed(entry, change.ResourceVersion, change.Object?.ResourceVersion ?? 0, change.Synthetic);
    }

    private void ApplySlice(ResourceChange<ServiceEndpoints> change)
    {
        _slicesVersion = Math.Max(_slicesVersion, change.ResourceVersion);
        if (change.Key is not { } sliceKey)
        {
            EndRelist(change);
            return;
        }
        var owner = change.Type == ResourceChangeType.Deleted ? null : OwnerOf(change.Current!);
        var objectVersion = change.Object?.ResourceVersion ?? 0;
        // A relabelled slice leaves the Service it belonged to.
        if (_sliceOwners.TryGetValue(sliceKey, out var before) && before != owner && _entries.TryGetValue(before, out var left))
        {
            left.Slices.Remove(sliceKey.Name);
            Changed(left, change.ResourceVersion, objectVersion, change.Synthetic);
        }
        if (owner is { } key)
        {
            _sliceOwners[sliceKey] = key;
            var entry = Entry(key);
            entry.Slices[sliceKey.Name] = change.Current!;
            Changed(entry, change.ResourceVersion, objectVersion, change.Synthetic);
        }
        else
        {
            _sliceOwners.Remove(sliceKey);
        }
    }

    private void Changed(EndpointsEntry entry, long changeVersion, long objectVersion, bool synthetic)
    {
        entry.ResourceVersion = Math.Max(entry.ResourceVersion, Math.Max(changeVersion, objectVersion));
        entry.Changes++;
        if (synthetic)
        {
            // A relist's changes carry the version before it; the bookmark that closes it brings the list's.
            _relisted.Add(entry);
        }
        foreach (var subscriber in entry.Subscribers)
        {
            subscriber.Notify();
        }
        ForgetIfUnused(entry);
    }

    private void EndRelist<TProto>(ResourceChange<TProto> change)
        where TProto : class
    {
        if (!change.EndsRelist)
        {
            return;
        }
        foreach (var entry in _relisted)
        {
            if (_entries.TryGetValue(entry.Key, out var live) && live == entry)
            {
                Changed(entry, change.ResourceVersion, 0, synthetic: false);
            }
        }
        _relisted.Clear();
    }

    private EndpointsEntry Entry(ObjectKey key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new EndpointsEntry(key, Math.Max(_servicesVersion, _slicesVersion));
            _entries[key] = entry;
        }
        return entry;
    }

    private void ForgetIfUnused(EndpointsEntry entry)
    {
        if (entry.Unused && _entries.Remove(entry.Key))
        {
            _forgottenAt = Math.Max(_forgottenAt, entry.ResourceVersion);
        }
    }

    private static ObjectKey? OwnerOf(CachedObject<ServiceEndpoints> slice) =>
        slice.Labels.TryGetValue(EndpointSliceMapping.ServiceNameLabel, out var service) && service.Length > 0
            ? new ObjectKey(slice.Namespace, service)
            : null;

    /// <summary>The bookmark timer: wakes each stream that asked for bookmarks and will have been quiet for the interval by the next tick.</summary>
    private void QueueBookmarks()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }
            var due = _time.GetUtcNow() + _bookmarkTick - _options.BookmarkInterval;
            foreach (var subscriber in _bookmarked)
            {
                if (subscriber.LastSent <= due)
                {
                    subscriber.QueueBookmark();
                }
            }
        }
    }
}

/// <summary>A stream's registration: its subscriber and, when no entry existed for its Service, the index's forgotten-at version then.</summary>
internal sealed record EndpointsStart(EndpointsSubscriber Subscriber, long? AbsentSince);
