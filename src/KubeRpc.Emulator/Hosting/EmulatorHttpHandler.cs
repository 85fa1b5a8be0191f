using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Hosting;

/// <summary>
/// A terminal <see cref="DelegatingHandler"/> that answers KubernetesClient's requests in-process: no socket,
/// yet the real client's serialiser, watch framing and error path all run. Watch bodies flow through a pipe
/// and stop when the client disposes the response.
/// </summary>
internal sealed class EmulatorHttpHandler(KubernetesApi api) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (body, tooLarge) = request.Content is null
            ? (ReadOnlyMemory<byte>.Empty, false)
            : await BoundedBody.ReadAsync(await request.Content.ReadAsStreamAsync(cancellationToken), request.Content.Headers.ContentLength,
                cancellationToken);
        var uri = request.RequestUri ?? throw new InvalidOperationException("request without URI");
        var apiRequest = new ApiRequest
        {
            Method = request.Method.Method,
            Path = Uri.UnescapeDataString(uri.AbsolutePath),
            Query = QueryParser.Parse(uri.Query),
            Accept = request.Headers.Accept.Count == 0 ? null : string.Join(",", request.Headers.Accept),
            ContentType = request.Content?.Headers.ContentType?.ToString(),
            UserAgent = request.Headers.UserAgent.ToString(),
            Body = body,
            BodyTooLarge = tooLarge,
            Authorization = request.Headers.Authorization?.ToString(),
            Impersonation = [.. request.Headers.Where(h => h.Key.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase))
                .SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v)))],
        };
        var response = await api.HandleAsync(apiRequest, cancellationToken);
        var message = new HttpResponseMessage((HttpStatusCode)response.StatusCode) { RequestMessage = request };
        if (response.StreamBody is { } stream)
        {
            message.Content = new StreamContent(StartStreaming(stream));
        }
        else
        {
            message.Content = new ReadOnlyMemoryContent(response.Body);
        }
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(response.ContentType);
        foreach (var (name, value) in response.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        return message;
    }

    private static Stream StartStreaming(Func<Stream, CancellationToken, Task> write)
    {
        var pipe = new ChunkPipe();
        var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            try
            {
                await write(pipe.Writer, stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException or IOException)
            {
                // The reader went away.
            }
            finally
            {
                pipe.Complete();
            }
        });
        return new OwnedReadStream(pipe.Reader, stop);
    }

    /// <summary>Ends the producing watch when the client disposes the response stream.</summary>
    private sealed class OwnedReadStream(Stream inner, CancellationTokenSource stop) : Stream
    {
        private int _disposed;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                stop.Cancel();
                stop.Dispose();
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
