using k8s;

namespace KubeRpc.Emulator.Tests.Infrastructure;

/// <summary>Base for tests that talk to a fresh in-process emulator through the real KubernetesClient.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected EmulatorTest(EmulatorOptions? options = null)
    {
        Emulator = new KubernetesEmulator(options);
        Client = Emulator.CreateClient();
    }

    protected KubernetesEmulator Emulator { get; }

    protected IKubernetes Client { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
