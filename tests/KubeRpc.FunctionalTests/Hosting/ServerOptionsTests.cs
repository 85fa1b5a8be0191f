using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Hosting;

/// <summary>Server settings Kestrel would reject fail the start at once, naming the setting.</summary>
public sealed class ServerOptionsTests
{
    [Theory]
    [InlineData("Server:KeepAlivePingDelay", "00:00:00.500", "Server:KeepAlivePingDelay must be 0 (no pings) or at least 1 s, got 00:00:00.5000000")]
    [InlineData("Server:KeepAlivePingDelay", "-00:00:05", "Server:KeepAlivePingDelay must be 0 (no pings) or at least 1 s, got -00:00:05")]
    [InlineData("Server:KeepAlivePingTimeout", "00:00:00", "Server:KeepAlivePingTimeout must be at least 1 s, got 00:00:00")]
    public async Task Start_KeepAliveOutOfKestrelsBounds_FailsNamingTheSetting(string key, string value, string expected)
    {
        var e = await Assert.ThrowsAsync<KubeRpc.Server.Kubernetes.InvalidSettingException>(() => KubeRpcHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Equal(expected, e.Message);
    }
}
