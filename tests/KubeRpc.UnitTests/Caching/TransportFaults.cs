using System.Net;

namespace KubeRpc.UnitTests.Caching;

/// <summary>
/// Faults the emulator cannot inject because they live between client and server: hold the informer's
/// requests (a network partition that lets the test write meanwhile) and watches whose connection goes
/// silent without closing (a dead peer behind a NAT).
/// </summary>
internal sealed class TransportFaults : DelegatingHandler
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _partition;
    private TaskCompletionSource _held = NewSignal();
    private int _silentWatches;

    /// <summary>From now on requests wait until <see cref="Heal"/>.</summary>
    public void Partition()
    {
        lock (_lock)
        {
            _partition ??= NewSignal();
            _held = NewSignal();
        }
    }

    public void Heal()
    {
        lock (_lock)
        {
            _partition?.TrySetResult();
            _partition = null;
        }
    }

    /// <summary>Completes when a request has been held by the partition.</summary>
    public Task RequestHeld
    {
        get { lock (_lock) { return _held.Task; } }
    }

    /// <summary>The next <paramref name="count"/> watches get 200 and then nothing at all, until the client gives up.</summary>
    public void SilenceNextWatches(int count) => Interlocked.Exchange(ref _silentWatches, count);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Task? wait;
        lock (_lock)
        {
            wait = _partition?.Task;
            if (wait is not null)
            {
                _held.TrySetResult();
            }
        }
        if (wait is not null)
        {
            await wait.WaitAsync(cancellationToken);
        }
        if (IsWatch(request) && TakeSilentWatch())
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StreamContent(new SilentStream()) };
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private bool TakeSilentWatch()
    {
        while (true)
        {
            var n = Volatile.Read(ref _silentWatches);
            if (n <= 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _silentWatches, n - 1, n) == n)
            {
                return true;
            }
        }
    }

    private static bool IsWatch(HttpRequestMessage request) =>
        request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A response body that never yields a byte; reads end only when the reader cancels or disposes it, as an aborted socket would.</summary>
    private sealed class SilentStream : Stream
    {
        private readonly TaskCompletionSource _closed = NewSignal();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _closed.Task.WaitAsync(cancellationToken);
            throw new IOException("connection aborted");
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _closed.TrySetResult();
            base.Dispose(disposing);
        }
    }
}
