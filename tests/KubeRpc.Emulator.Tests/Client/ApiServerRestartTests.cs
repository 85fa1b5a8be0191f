using System.Globalization;
using k8s;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>
/// <see cref="Faults.FaultInjector.RestartApiServer"/>: open watches end, resuming from before the restart is 410, the
/// objects and a watch from the current version are untouched, and <see cref="KubernetesEmulator.ReadChanges"/> still
/// reads every change.
/// </summary>
public sealed class ApiServerRestartTests : EmulatorTest
{
    [Fact]
    public async Task RestartApiServer_EndsWatches_ResumeFromBeforeIs410_CurrentVersionWatches()
    {
        var changes = Emulator.ReadChanges("services");
        var before = await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("a"), "default").DefaultTimeout();
        var watching = Watch(before.Metadata.ResourceVersion, stopAfter: 2);
        await Emulator.UntilOpenWatchesAsync(n => n >= 1, "the watch", TaskTimeouts.Default);
        await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("b"), "default").DefaultTimeout();

        Emulator.Faults.RestartApiServer();

        // It ends (before it saw two events: there was only one), closed rather than answered with an error.
        var (events, error) = await watching.DefaultTimeout();
        Assert.Null(error);
        Assert.True(events.Count < 2);
        var (_, expired) = await Watch(before.Metadata.ResourceVersion, stopAfter: 1).DefaultTimeout();
        Assert.Equal(410, Assert.IsType<KubernetesException>(expired).Status.Code);
        var stored = await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout();
        Assert.Equal(["a", "b"], stored.Items.Select(s => s.Metadata.Name).Where(n => n != "kubernetes").Order());

        // From the current version a watch runs on and sees what comes next.
        var current = Watch(Emulator.ResourceVersion.ToString(CultureInfo.InvariantCulture), stopAfter: 1);
        await Emulator.UntilOpenWatchesAsync(n => n >= 1, "the watch from the current version", TaskTimeouts.Default);
        await Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("c"), "default").DefaultTimeout();
        Assert.Equal(["c"], (await current.DefaultTimeout()).Events);
        Assert.Equal(["a", "b", "c"], changes.Read().Select(c => c.Name));
    }

    /// <summary>The names a watch from <paramref name="resourceVersion"/> sees until it ends or has seen <paramref name="stopAfter"/>, and its error.</summary>
    private async Task<(List<string> Events, Exception? Error)> Watch(string resourceVersion, int stopAfter)
    {
        var names = new List<string>();
        Exception? error = null;
        try
        {
            await foreach (var (_, service) in Client.CoreV1.WatchListNamespacedServiceAsync("default", resourceVersion: resourceVersion,
                onError: e => error = e))
            {
                names.Add(service.Metadata.Name);
                if (names.Count == stopAfter)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The stream was closed under the client (the restart): its end, not an error event.
        }
        return (names, error);
    }
}
