using Grpc.Core;

namespace KubeRpc.Server.Watching;

/// <summary>
/// Writes a stream's messages so that a run of them costs one network write: each is held back until the next one
/// comes, then written with the buffer hint; <see cref="FlushAsync"/> writes the last of the run without it (a flush),
/// as does every <see cref="MaxUnflushed"/>th. Holding one back is what lets the writer skip changes its filter hides
/// and still flush after the last message it sends.
/// </summary>
internal sealed class RunWriter<TEvent>(IServerStreamWriter<TEvent> stream, string lastResourceVersion, CancellationToken cancellationToken)
    where TEvent : class
{
    private const int MaxUnflushed = 64;
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    private WatchItem<TEvent>? _pending;
    private int _unflushed;
    private int _written;

    /// <summary>The version of the last message written (or the version the stream started from).</summary>
    public string Last { get; private set; } = lastResourceVersion;

    public async ValueTask AddAsync(WatchItem<TEvent> item)
    {
        if (_pending is { } previous)
        {
            await WriteAsync(previous, buffer: true);
        }
        _pending = item;
    }

    public async ValueTask FlushAsync()
    {
        if (_pending is { } last)
        {
            _pending = null;
            await WriteAsync(last, buffer: false);
        }
    }

    /// <summary>Messages written since the last call.</summary>
    public int TakeCount()
    {
        var count = _written;
        _written = 0;
        return count;
    }

    private async ValueTask WriteAsync(WatchItem<TEvent> item, bool buffer)
    {
        buffer = buffer && ++_unflushed < MaxUnflushed;
        if (!buffer)
        {
            _unflushed = 0;
        }
        stream.WriteOptions = buffer ? Buffered : null;
        await stream.WriteAsync(item.Message, cancellationToken);
        Last = item.ResourceVersion;
        _written++;
    }
}
