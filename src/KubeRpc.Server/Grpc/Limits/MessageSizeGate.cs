using System.Buffers;
using System.Buffers.Binary;
using Grpc.Core;
using KubeRpc.Server.Grpc.Errors;

namespace KubeRpc.Server.Grpc.Limits;

/// <summary>
/// Refuses a gRPC request message above <see cref="RequestLimits.MaxRequestBytes"/> from its 5-byte frame header,
/// before any of it is read, with RESOURCE_EXHAUSTED and details. Grpc.AspNetCore would refuse it too (the same limit
/// is its maximum receive size), but with a bare status and an information-level log line per request.
/// </summary>
internal sealed class MessageSizeGate(RequestDelegate next, Microsoft.Extensions.Options.IOptions<RequestLimits> limits)
{
    private const int HeaderSize = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true
            && await DeclaredLengthAsync(context) is { } length
            && length > limits.Value.MaxRequestBytes)
        {
            await RefuseAsync(context, RequestStatuses.TooLarge(limits.Value.MaxRequestBytes, "request message", length));
            return;
        }
        await next(context);
    }

    /// <summary>The first message's length from its header, looked at without consuming anything.</summary>
    private static async Task<long?> DeclaredLengthAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        var result = await reader.ReadAtLeastAsync(HeaderSize, context.RequestAborted);
        var buffer = result.Buffer;
        long? length = null;
        if (buffer.Length >= HeaderSize)
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            buffer.Slice(0, HeaderSize).CopyTo(header);
            length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        }
        reader.AdvanceTo(buffer.Start);
        return length;
    }

    /// <summary>A trailers-only gRPC response: the status in the headers, no body.</summary>
    private static Task RefuseAsync(HttpContext context, RpcException error)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(error.Status.Detail);
        var details = error.Trailers.GetValueBytes("grpc-status-details-bin");
        if (details is not null)
        {
            response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(details);
        }
        return response.CompleteAsync();
    }
}
