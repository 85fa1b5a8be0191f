namespace KubeRpc.FunctionalTests.Infrastructure;

/// <summary>Every await in a test is bounded, so a hang fails the test instead of the run.</summary>
public static class TaskTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    public static Task DefaultTimeout(this Task task) => task.WaitAsync(Default);

    public static Task<T> DefaultTimeout<T>(this Task<T> task) => task.WaitAsync(Default);

    /// <summary>As <see cref="DefaultTimeout(Task)"/>, but a timeout names what was awaited.</summary>
    public static Task DefaultTimeout(this Task task, string waitingFor) => task.Within(Default, waitingFor);

    /// <summary>Bounds <paramref name="task"/> by <paramref name="timeout"/>; a timeout names what was awaited.</summary>
    public static async Task Within(this Task task, TimeSpan timeout, string waitingFor)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException e) when (!task.IsCompleted)
        {
            throw new TimeoutException($"waited {timeout.TotalSeconds:0.#} s for {waitingFor}", e);
        }
    }
}
