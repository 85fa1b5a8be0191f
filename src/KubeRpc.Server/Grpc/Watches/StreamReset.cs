using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace KubeRpc.Server.Grpc.Watches;

/// <summary>Ends a stream whose write is stuck (a client that stopped reading holds it in flow control).</summary>
internal static class StreamReset
{
    private const int HttpCancel = 0x8;

    /// <summary>Resets the HTTP/2 stream (RST_STREAM CANCEL); without the feature (not HTTP/2), aborts the request.</summary>
    public static void Reset(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        if (http.Features.Get<IHttpResetFeature>() is { } reset)
        {
            reset.Reset(HttpCancel);
        }
        else
        {
            http.Abort();
        }
    }
}
