using System.Diagnostics;
using k8s;
using k8s.Autorest;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>The faults reliability tests rely on: injected status codes, Retry-After and latency.</summary>
public sealed class FaultInjectionTests : EmulatorTest
{
    [Theory]
    [InlineData(429, "TooManyRequests")]
    [InlineData(503, "ServiceUnavailable")]
    public async Task FailNext_Throttling_CarriesRetryAfter(int code, string reason)
    {
        Emulator.Faults.FailNextRequests(2, code, retryAfterSeconds: 3);
        for (var i = 0; i < 2; i++)
        {
            var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespaceAsync());
            Assert.Equal(code, (int)e.Response.StatusCode);
            Assert.Equal(["3"], e.Response.Headers["Retry-After"]);
            var status = e.Status();
            Assert.Equal(reason, status.Reason);
            Assert.Equal(3, status.Details.RetryAfterSeconds);
        }
        var ok = await Client.CoreV1.ListNamespaceAsync().DefaultTimeout();
        Assert.NotEmpty(ok.Items);
    }

    [Fact]
    public async Task FailNext_InternalError_Is500()
    {
        Emulator.Faults.FailNextRequests(1, 500);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespaceAsync("default"));
        Assert.Equal(500, (int)e.Response.StatusCode);
        Assert.Equal("InternalError", e.Status().Reason);
    }

    [Fact]
    public void FailNext_UnsupportedCode_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.Faults.FailNextRequests(1, 404));

    [Fact]
    public async Task Latency_DelaysEveryRequest()
    {
        Emulator.Faults.Latency = TimeSpan.FromMilliseconds(150);
        var sw = Stopwatch.StartNew();
        await Client.CoreV1.ReadNamespaceAsync("default").DefaultTimeout();
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(140), $"took {sw.Elapsed}");
        Emulator.Faults.Reset();
        Assert.Equal(TimeSpan.Zero, Emulator.Faults.Latency);
    }
}
