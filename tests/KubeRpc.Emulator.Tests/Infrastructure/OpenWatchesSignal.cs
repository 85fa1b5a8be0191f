namespace KubeRpc.Emulator.Tests.Infrastructure;

/// <summary>Waits on the emulator's count of open watch streams through its change event instead of polling it.</summary>
internal static class OpenWatchesSignal
{
    /// <summary>
    /// Completes once <paramref name="condition"/> holds for <see cref="KubernetesEmulator.OpenWatches"/>; past
    /// <paramref name="timeout"/>, throws a <see cref="TimeoutException"/> naming <paramref name="waitingFor"/>.
    /// </summary>
    public static async Task UntilOpenWatchesAsync(this KubernetesEmulator emulator, Func<int, bool> condition, string waitingFor, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition(emulator.OpenWatches))
            {
                reached.TrySetResult();
            }
        }
        emulator.OpenWatchesChanged += Check;
        try
        {
            // After subscribing, so a change just before cannot be missed.
            Check();
            await reached.Task.WaitAsync(timeout);
        }
        catch (TimeoutException e) when (!reached.Task.IsCompleted)
        {
            throw new TimeoutException($"waited {timeout.TotalSeconds:0.#} s for {waitingFor}; the emulator has {emulator.OpenWatches} watch streams open", e);
        }
        finally
        {
            emulator.OpenWatchesChanged -= Check;
        }
    }
}
