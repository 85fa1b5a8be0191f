using System.IO.Compression;
using Grpc.Net.Compression;
using KubeRpc.Server.Grpc.Errors;

namespace KubeRpc.Server.Grpc.Limits;

/// <summary>
/// gzip for gRPC messages whose decompressed size is bounded. Grpc.AspNetCore checks the maximum receive size on the
/// compressed bytes only, so a small message of zeros could inflate to gigabytes in memory; this one stops at the limit
/// and answers RESOURCE_EXHAUSTED, as an oversized uncompressed message is answered.
/// </summary>
internal sealed class BoundedGzipCompressionProvider(int maxDecompressedBytes) : ICompressionProvider
{
    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new GZipStream(stream, compressionLevel ?? CompressionLevel.Fastest, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream stream) =>
        new LimitedReadStream(new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true), maxDecompressedBytes);

    /// <summary>Reads through until <c>limit</c> bytes have come out, then fails instead of reading more.</summary>
    private sealed class LimitedReadStream(Stream inner, int limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            _read += read;
            return _read <= limit ? read : throw RequestStatuses.TooLarge(limit, "decompressed request message");
        }
    }
}
