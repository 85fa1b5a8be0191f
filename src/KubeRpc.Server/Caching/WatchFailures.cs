using System.Net;
using k8s;
using k8s.Autorest;

namespace KubeRpc.Server.Caching;

/// <summary>How the reflector reads the exceptions a list or a watch throws (see <see cref="Kubernetes.ApiTransport"/>).</summary>
internal static class WatchFailures
{
    /// <summary>Why a watch ended with <paramref name="e"/> (a stall is recognised by the watchdog, not here).</summary>
    public static WatchRestartCause Classify(Exception e) => e switch
    {
        // ERROR event with a Status, rethrown from onError.
        KubernetesException { Status.Code: (int)HttpStatusCode.Gone } => WatchRestartCause.Expired,
        HttpOperationException { Response.StatusCode: HttpStatusCode.Gone } => WatchRestartCause.Expired,
        _ => WatchRestartCause.Error,
    };

    /// <summary>The Retry-After of a 429 or 503, if the server sent one in seconds.</summary>
    public static TimeSpan? RetryAfter(Exception? e)
    {
        if (e is HttpOperationException { Response: { } response }
            && response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            && response.Headers is { } headers
            && headers.TryGetValue("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return null;
    }
}
