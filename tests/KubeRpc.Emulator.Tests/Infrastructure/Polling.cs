namespace KubeRpc.Emulator.Tests.Infrastructure;

/// <summary>Waits for something the emulator's controllers do in the background, within a generous bound.</summary>
public static class Polling
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    /// <summary>Calls <paramref name="probe"/> until it returns a value that satisfies <paramref name="done"/>; fails after the bound.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string waitingFor, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {waitingFor}");
            }
            await Task.Delay(20);
        }
    }
}
