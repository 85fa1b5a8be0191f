using System.Net;
using System.Net.Sockets;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Hosting;

/// <summary>The embedded cluster's simulated nodes (configuration section <c>Emulator</c>), read in Embedded mode only.</summary>
public sealed class EmulatorSettings
{
    public const string SectionName = "Emulator";

    /// <summary>The IPv4 range pod IPs come from; <c>127.0.0.0/24</c> lets backends on 127.0.0.x answer at their pod IPs.</summary>
    public string PodCidr { get; set; } = "10.244.0.0/16";

    /// <summary>How long a deleted Pod stays Terminating before it is gone.</summary>
    public TimeSpan PodShutdown { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Fails with the setting named when a value cannot be used, so the start stops with one line.</summary>
    internal EmulatorSettings Validated()
    {
        if (!IPNetwork.TryParse(PodCidr, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork
            || network.PrefixLength > 30)
        {
            throw new InvalidSettingException($"{SectionName}:{nameof(PodCidr)}: \"{PodCidr}\" is not an IPv4 CIDR of at least four addresses (e.g. 10.244.0.0/16)");
        }
        if (PodShutdown < TimeSpan.Zero || PodShutdown > TimeSpan.FromMinutes(5))
        {
            throw new InvalidSettingException($"{SectionName}:{nameof(PodShutdown)}: {PodShutdown} must be between 0 and 5 minutes");
        }
        return this;
    }
}
