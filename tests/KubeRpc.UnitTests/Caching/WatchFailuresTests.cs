using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator;
using KubeRpc.Server.Caching;

namespace KubeRpc.UnitTests.Caching;

public sealed class WatchFailuresTests
{
    [Theory]
    [InlineData(429, 3)]
    [InlineData(503, 2)]
    public async Task RetryAfter_InjectedThrottleFromTheEmulator_IsReadFromTheClientsException(int code, int seconds)
    {
        await using var emulator = new KubernetesEmulator();
        using var client = emulator.CreateClient();
        emulator.Faults.FailNextRequests(1, code, retryAfterSeconds: seconds);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListServiceForAllNamespacesAsync());

        Assert.Equal(TimeSpan.FromSeconds(seconds), WatchFailures.RetryAfter(e));
        Assert.Equal(WatchRestartCause.Error, WatchFailures.Classify(e));
    }

    [Fact]
    public void RetryAfter_On500OrNonHttpErrors_IsNone()
    {
        Assert.Null(WatchFailures.RetryAfter(Http(HttpStatusCode.InternalServerError)));
        Assert.Null(WatchFailures.RetryAfter(new IOException("reset")));
        Assert.Null(WatchFailures.RetryAfter(null));
    }

    [Fact]
    public void Classify_410AsWatchErrorEventOrHttpStatus_IsExpired()
    {
        Assert.Equal(WatchRestartCause.Expired, WatchFailures.Classify(new KubernetesException(new V1Status { Code = 410, Reason = "Expired" })));
        Assert.Equal(WatchRestartCause.Expired, WatchFailures.Classify(Http(HttpStatusCode.Gone)));
        Assert.Equal(WatchRestartCause.Error, WatchFailures.Classify(new KubernetesException(new V1Status { Code = 500 })));
    }

    [Fact]
    public void Classify_TransportFailure_IsAnError()
    {
        Assert.Equal(WatchRestartCause.Error, WatchFailures.Classify(new HttpRequestException("Connection refused")));
        Assert.Equal(WatchRestartCause.Error, WatchFailures.Classify(new IOException("reset")));
    }

    private static HttpOperationException Http(HttpStatusCode code) =>
        new() { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), "") };
}
