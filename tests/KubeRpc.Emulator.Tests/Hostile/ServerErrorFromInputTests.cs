using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Hostile;

/// <summary>
/// Requests whose own content made the emulator answer 500 (where kube-apiserver does too, or where an exception
/// escaped): each is a 400 BadRequest now, with kube-apiserver's words where it has any.
/// </summary>
public sealed class ServerErrorFromInputTests : EmulatorTest
{
    private static void AssertBadRequest(HostileRequests.Reply reply, string? message = null)
    {
        Assert.True(reply.Code == 400, reply.ToString());
        Assert.Equal("BadRequest", reply.Reason);
        if (message is not null)
        {
            Assert.Equal(message, reply.Message);
        }
    }

    [Fact]
    public async Task Create_ResourceVersionSet_BadRequest()
    {
        var reply = await Emulator.SendAsync("POST", HostileRequests.Services, "application/json",
            """{"metadata":{"name":"web","resourceVersion":"5"},"spec":{"ports":[{"port":80}]}}""");

        AssertBadRequest(reply, "resourceVersion should not be set on objects to be created");
    }

    [Fact]
    public async Task Update_TwoPortsSharingTheirNodePort_BadRequest()
    {
        var created = await Emulator.SendAsync("POST", HostileRequests.Services, "application/json",
            """{"metadata":{"name":"web"},"spec":{"type":"NodePort","ports":[{"name":"a","port":80,"nodePort":30080}]}}""");
        Assert.Equal(201, created.Code);

        // The port is this Service's already, so the allocator meets the second use first.
        var reply = await Emulator.SendAsync("PUT", HostileRequests.Services + "/web", "application/json",
            """{"metadata":{"name":"web"},"spec":{"type":"NodePort","ports":[{"name":"a","port":80,"nodePort":30080},{"name":"b","port":81,"nodePort":30080}]}}""");

        AssertBadRequest(reply, "duplicate nodePort: {TCP 30080}");
    }

    [Fact]
    public async Task Create_HealthCheckNodePortOutOfRange_BadRequest()
    {
        var reply = await Emulator.SendAsync("POST", HostileRequests.Services, "application/json",
            """{"metadata":{"name":"web"},"spec":{"type":"LoadBalancer","externalTrafficPolicy":"Local","healthCheckNodePort":80,"ports":[{"port":80}]}}""");

        AssertBadRequest(reply, "failed to allocate requested HealthCheck NodePort 80: provided port is not in the valid range. " +
            "The range of valid ports is 30000-32767");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"reset":1}""")]
    [InlineData("""{"endWatches":"yes"}""")]
    [InlineData("""{"latencyMs":"x"}""")]
    [InlineData("""{"latencyMs":-1}""")]
    [InlineData("""{"latencyMs":86400000}""")]
    [InlineData("""{"expireNextWatches":1.5}""")]
    [InlineData("""{"fail":3}""")]
    [InlineData("""{"fail":{"count":1}}""")]
    [InlineData("""{"fail":{"count":"a","code":500}}""")]
    [InlineData("""{"fail":{"count":1,"code":500,"retryAfterSeconds":-3}}""")]
    [InlineData("""{"fail":{"count":1,"code":500,"verb":7}}""")]
    [InlineData("""{"fail":{"count":1,"code":500,"resource":""}}""")]
    [InlineData("""{"fail":{"count":1,"code":500,"verb":"listlistlistlistlistlistlistlistlistlistlistlistlistlistlistlistlist"}}""")]
    public async Task PostFaults_MalformedRequest_BadRequestAndNoFaultArmed(string body)
    {
        var reply = await Emulator.SendAsync("POST", "/emulator/faults", "application/json", body);
        var next = await Emulator.SendAsync("GET", HostileRequests.Services);

        AssertBadRequest(reply);
        Assert.Equal(200, next.Code);
        Assert.Equal(TimeSpan.Zero, Emulator.Faults.Latency);
    }
}
