using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Hosting;

/// <summary>
/// Reads a request body as kube-apiserver's <c>limitedReadBody</c> does: at most one byte past
/// <see cref="ApiLimits.MaxRequestBodyBytes"/>, then no more, so a hostile body never fills memory; a declared
/// length past the limit is not read at all.
/// </summary>
internal static class BoundedBody
{
    private const int ChunkBytes = 64 * 1024;

    public static async Task<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadAsync(Stream body, long? contentLength,
        CancellationToken cancellationToken)
    {
        const int limit = ApiLimits.MaxRequestBodyBytes;
        if (contentLength > limit)
        {
            return (ReadOnlyMemory<byte>.Empty, true);
        }

        // A declared length sizes the buffer; a chunked body grows it, never past the limit and one byte.
        var buffer = new byte[(int)Math.Min(contentLength ?? ChunkBytes, limit + 1L)];
        var length = 0;
        while (length <= limit)
        {
            if (length == contentLength)
            {
                return (buffer.AsMemory(0, length), false); // the transport frames the body: nothing follows
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, ChunkBytes), limit + 1L));
            }

            var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length - length, ChunkBytes)), cancellationToken);
            if (read == 0)
            {
                return (buffer.AsMemory(0, length), false);
            }

            length += read;
        }

        return (ReadOnlyMemory<byte>.Empty, true);
    }
}
