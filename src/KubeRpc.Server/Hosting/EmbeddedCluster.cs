using KubeRpc.Emulator;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Hosting;

/// <summary>
/// The in-process cluster of Embedded mode, created only in that mode and disposed with the host. With
/// <see cref="EmbeddedApiServer"/>, the only part of the Server that knows the emulator.
/// </summary>
/// <param name="time">The cluster's clock (token lifetimes, pod shutdowns among others): the host's, so a test can move both.</param>
/// <param name="settings">Its simulated nodes' pod range and shutdown.</param>
internal sealed class EmbeddedCluster(ClusterPlan plan, TimeProvider time, EmulatorSettings settings) : IAsyncDisposable
{
    /// <summary>The emulator in Embedded mode; null when KubeRpc talks to a real cluster.</summary>
    public KubernetesEmulator? Emulator { get; } = plan.Mode == ClusterMode.Embedded
        ? new KubernetesEmulator(new EmulatorOptions { TimeProvider = time, PodCidr = settings.PodCidr, PodShutdown = settings.PodShutdown })
        : null;

    /// <summary>The handler through which a client reaches the emulator without sockets; null outside Embedded mode.</summary>
    public DelegatingHandler? CreateHandler() => Emulator?.CreateHandler();

    public ValueTask DisposeAsync() => Emulator?.DisposeAsync() ?? ValueTask.CompletedTask;
}
