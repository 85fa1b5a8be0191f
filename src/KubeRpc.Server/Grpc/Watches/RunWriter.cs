using Grpc.Core;
using KubeRpc.Server.Watching;

namespace KubeRpc.Server.Grpc.Watches;

/// <summary>
/// Writes a stream's messages so that a run of them costs one network write: each is held back until the next one
/// comes, then written with the buffer hint; <see cref="FlushAsync"/> writes the last of the run without it (a flush),
/// as does every <see cref="MaxUnflushed"/>th. Holding one back is what lets the writer skip changes its filter hides
/// and still flush after the last message it sends.
/// </summary>
/// <remarks>
/// <paramref name="stopped"/> tells the writer its stream was ended: no write starts after that, and a write in progress
/// then is the transport's problem (see <see cref="Writing"/>).
/// </remarks>
internal sealed class RunWriter<TEvent>(IServerStreamWriter<TEvent> stream, string lastResourceVersion, Func<bool> stopped,
    CancellationToken cancellationToken)
    where TEvent : class
{
    private const int MaxUnflushed = 64;
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    private WatchItem<TEvent>? _pending;
    private int _unflushed;
    private int _written;
    private int _writing;

    /// <summary>A write has started and not finished: one that blocks on a client that does not read, as a rule.</summary>
    public bool Writing => Volatile.Read(ref _writing) != 0;

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
        // Marked before the check, so whoever ends the stream either sees the write or the writer sees the end.
        Volatile.Write(ref _writing, 1);
        try
        {
            if (stopped())
            {
                throw new StreamEndedException();
            }
            await stream.WriteAsync(item.Message, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
        Last = item.ResourceVersion;
        _written++;
    }
}

/// <summary>The stream was ended before a write began: the writer reports why instead of writing.</summary>
internal sealed class StreamEndedException() : Exception("the stream was ended before the write");
