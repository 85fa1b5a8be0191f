using System.Diagnostics;
using k8s;
using k8s.Autorest;
using KubeRpc.Emulator.Tests.Hostile;
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
    public async Task FailNext_AimedAtListsOfServices_OtherVerbsAndResourcesUntouched()
    {
        Emulator.Faults.FailNextRequests(2, 429, retryAfterSeconds: 0, verb: "list", resource: "services");

        // Not a target: a create, a get, a watch, and a list of another resource.
        await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("aimed"), "default").DefaultTimeout();
        await Client.CoreV1.ReadNamespacedServiceAsync("aimed", "default").DefaultTimeout();
        await Client.CoreV1.ListNamespaceAsync().DefaultTimeout();
        using var watch = await Client.CoreV1.ListNamespacedServiceWithHttpMessagesAsync("default", watch: true, timeoutSeconds: 1).DefaultTimeout();
        // The targets: the next two lists of services, in any namespace.
        var first = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedServiceAsync("default"));
        var second = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListServiceForAllNamespacesAsync());

        Assert.Equal(429, (int)first.Response.StatusCode);
        Assert.Equal(429, (int)second.Response.StatusCode);
        Assert.Single((await Client.CoreV1.ListNamespacedServiceAsync("default", fieldSelector: "metadata.name=aimed").DefaultTimeout()).Items);
    }

    [Fact]
    public async Task FailNext_AimedThroughTheAdminEndpoint_OnlyThatVerbFails()
    {
        var armed = await Emulator.SendAsync("POST", "/emulator/faults", "application/json",
            """{"fail":{"count":1,"code":503,"retryAfterSeconds":2,"verb":"get","resource":"services"}}""");
        Assert.Equal(200, armed.Code);

        Assert.Equal(200, (await Emulator.SendAsync("GET", "/api/v1/namespaces/default/services")).Code);
        var failed = await Emulator.SendAsync("GET", "/api/v1/namespaces/default/services/anything");
        Assert.Equal(503, failed.Code);
        Assert.Equal(404, (await Emulator.SendAsync("GET", "/api/v1/namespaces/default/services/anything")).Code);
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
