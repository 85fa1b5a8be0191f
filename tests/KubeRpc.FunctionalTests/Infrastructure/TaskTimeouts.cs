namespace KubeRpc.FunctionalTests.Infrastructure;

/// <summary>Every await in a test is bounded, so a hang fails the test instead of the run.</summary>
public static class TaskTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    public static Task DefaultTimeout(this Task task) => task.WaitAsync(Default);

    public static Task<T> DefaultTimeout<T>(this Task<T> task) => task.WaitAsync(Default);
}
