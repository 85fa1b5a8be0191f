using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KubeRpc.Benchmarks;

/// <summary>
/// One h2c connection carrying many server-streaming gRPC calls, read as cheaply as a client can while still reading
/// every byte: one read loop per connection, HTTP/2 frames split by hand, each DATA payload cut at the gRPC 5-byte
/// length prefixes, and each complete message stamped with the time of the socket read that completed it. No
/// protobuf parse: the caller matches the k-th message of a stream to what it knows was sent k-th.
/// </summary>
/// <remarks>
/// It answers SETTINGS and PING, and returns flow-control credit as it consumes data (per stream and for the
/// connection), so a stream is never held back by a window this client forgot to open. A stream that the server
/// ends (trailers with END_STREAM, RST_STREAM, GOAWAY) counts as ended; no HPACK decoding is needed for that.
/// </remarks>
internal sealed class RawWatchConnection : IDisposable
{
    private const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, Ping = 0x6, GoAway = 0x7, WindowUpdate = 0x8;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4, Padded = 0x8;
    private const int StreamWindow = 1 << 20;
    private const int ConnectionWindow = 64 << 20;

    private readonly Socket _socket;
    private readonly Lock _send = new();
    private readonly StreamState[] _streams;
    private long _connectionConsumed;
    private volatile bool _closing;

    private RawWatchConnection(Socket socket, int streams, int capacity)
    {
        _socket = socket;
        _streams = new StreamState[streams];
        for (var i = 0; i < streams; i++)
        {
            _streams[i] = new StreamState(capacity);
        }
    }

    public IReadOnlyList<StreamState> Streams => _streams;

    /// <summary>Connects and opens <paramref name="streams"/> calls of <paramref name="path"/>, each sent <paramref name="request"/> (a serialized message).</summary>
    public static async Task<RawWatchConnection> OpenAsync(int port, string path, byte[] request, int streams, int capacity)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        var connection = new RawWatchConnection(socket, streams, capacity);
        var output = new MemoryStream();
        output.Write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8);
        // SETTINGS: no push, a 1 MiB window per stream; then a 64 MiB window for the connection.
        var settings = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(settings, 0x2);
        BinaryPrimitives.WriteUInt32BigEndian(settings.AsSpan(2), 0);
        BinaryPrimitives.WriteUInt16BigEndian(settings.AsSpan(6), 0x4);
        BinaryPrimitives.WriteUInt32BigEndian(settings.AsSpan(8), StreamWindow);
        WriteFrame(output, Settings, 0, 0, settings);
        WriteFrame(output, WindowUpdate, 0, 0, Increment(ConnectionWindow - 65_535));
        var headers = HeaderBlock(port, path);
        var body = new byte[5 + request.Length];
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), (uint)request.Length);
        request.CopyTo(body, 5);
        for (var i = 0; i < streams; i++)
        {
            var id = 2 * i + 1;
            WriteFrame(output, Headers, EndHeaders, id, headers);
            WriteFrame(output, Data, EndStream, id, body);
        }
        await socket.SendAsync(output.ToArray());
        return connection;
    }

    /// <summary>Reads until the connection closes or <see cref="Dispose"/>; the only reader of the socket.</summary>
    public async Task ReadAsync()
    {
        var buffer = new byte[256 * 1024];
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None);
                if (read == 0)
                {
                    break;
                }
                var now = Stopwatch.GetTimestamp();
                end += read;
                while (end - start >= 9)
                {
                    var length = (buffer[start] << 16) | (buffer[start + 1] << 8) | buffer[start + 2];
                    if (end - start < 9 + length)
                    {
                        break;
                    }
                    var type = buffer[start + 3];
                    var flags = buffer[start + 4];
                    var id = (int)(BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(start + 5)) & 0x7fff_ffff);
                    OnFrame(type, flags, id, buffer.AsSpan(start + 9, length), now);
                    start += 9 + length;
                }
                // Keep the partial frame at the front.
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
        }
        catch (SocketException) when (_closing)
        {
        }
        catch (ObjectDisposedException) when (_closing)
        {
        }
        if (!_closing)
        {
            EndAll();
        }
    }

    private void OnFrame(byte type, byte flags, int id, ReadOnlySpan<byte> payload, long now)
    {
        switch (type)
        {
            case Data:
                var consumed = payload.Length;
                if ((flags & Padded) != 0)
                {
                    payload = payload[1..^payload[0]];
                }
                var stream = StreamOf(id);
                stream?.Consume(payload, now);
                if (stream is not null && (stream.Unacknowledged += consumed) >= StreamWindow / 2)
                {
                    Send(WindowUpdate, 0, id, Increment(stream.Unacknowledged));
                    stream.Unacknowledged = 0;
                }
                if ((_connectionConsumed += consumed) >= ConnectionWindow / 2)
                {
                    Send(WindowUpdate, 0, 0, Increment((int)_connectionConsumed));
                    _connectionConsumed = 0;
                }
                if ((flags & EndStream) != 0 && stream is not null)
                {
                    stream.End();
                }
                break;
            case Headers when (flags & EndStream) != 0:
            case RstStream:
                StreamOf(id)?.End();
                break;
            case Settings when (flags & Ack) == 0:
                Send(Settings, Ack, 0, []);
                break;
            case Ping when (flags & Ack) == 0:
                Send(Ping, Ack, 0, payload.ToArray());
                break;
            case GoAway:
                EndAll();
                break;
        }
    }

    private StreamState? StreamOf(int id) => id % 2 == 1 && (id - 1) / 2 < _streams.Length ? _streams[(id - 1) / 2] : null;

    private void EndAll()
    {
        foreach (var stream in _streams)
        {
            stream.End();
        }
    }

    private void Send(byte type, byte flags, int id, byte[] payload)
    {
        var frame = new MemoryStream(9 + payload.Length);
        WriteFrame(frame, type, flags, id, payload);
        lock (_send)
        {
            _socket.Send(frame.GetBuffer().AsSpan(0, (int)frame.Length));
        }
    }

    private static void WriteFrame(Stream output, byte type, byte flags, int id, byte[] payload)
    {
        Span<byte> header = stackalloc byte[9];
        header[0] = (byte)(payload.Length >> 16);
        header[1] = (byte)(payload.Length >> 8);
        header[2] = (byte)payload.Length;
        header[3] = type;
        header[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(header[5..], (uint)id);
        output.Write(header);
        output.Write(payload);
    }

    private static byte[] Increment(int by)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)by);
        return payload;
    }

    /// <summary>The request headers as HPACK literals without indexing (so the block is the same for every stream).</summary>
    private static byte[] HeaderBlock(int port, string path)
    {
        var block = new MemoryStream();
        foreach (var (name, value) in new[]
                 {
                     (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", $"127.0.0.1:{port}"),
                     ("content-type", "application/grpc"), ("te", "trailers"),
                 })
        {
            block.WriteByte(0x00);
            WriteString(block, name);
            WriteString(block, value);
        }
        return block.ToArray();
    }

    private static void WriteString(MemoryStream block, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        if (bytes.Length >= 127)
        {
            throw new ArgumentException("header too long for a one-byte HPACK length", nameof(text));
        }
        block.WriteByte((byte)bytes.Length);
        block.Write(bytes);
    }

    public void Dispose()
    {
        _closing = true;
        _socket.Dispose();
    }

    /// <summary>One call's receipts: the time of each complete gRPC message, in order; whether the server ended it.</summary>
    internal sealed class StreamState(int capacity)
    {
        private int _prefixRead;
        private uint _length;
        private long _remaining = -1;
        private int _ended;
        private int _count;

        public long[] Times { get; } = new long[capacity];

        /// <summary>Messages completed (may exceed the capacity; only the first <c>capacity</c> are timed).</summary>
        public int Count => Volatile.Read(ref _count);

        public bool Ended => Volatile.Read(ref _ended) != 0;

        internal int Unacknowledged { get; set; }

        internal void End() => Volatile.Write(ref _ended, 1);

        /// <summary>Cuts <paramref name="data"/> at the gRPC length prefixes; each message completed here is stamped <paramref name="now"/>.</summary>
        internal void Consume(ReadOnlySpan<byte> data, long now)
        {
            while (!data.IsEmpty)
            {
                if (_remaining < 0)
                {
                    // In the 5-byte prefix: a flag byte, then the big-endian length.
                    if (_prefixRead > 0)
                    {
                        _length = (_length << 8) | data[0];
                    }
                    data = data[1..];
                    if (++_prefixRead == 5)
                    {
                        _remaining = _length;
                        _prefixRead = 0;
                        _length = 0;
                    }
                }
                else
                {
                    var take = (int)Math.Min(_remaining, data.Length);
                    data = data[take..];
                    _remaining -= take;
                }
                if (_remaining == 0)
                {
                    if (_count < Times.Length)
                    {
                        Times[_count] = now;
                    }
                    Volatile.Write(ref _count, _count + 1);
                    _remaining = -1;
                }
            }
        }
    }
}
