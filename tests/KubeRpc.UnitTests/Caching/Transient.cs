using k8s.Autorest;

namespace KubeRpc.UnitTests.Caching;

/// <summary>Test writers retry what the emulator's fault injection throws at them (it fails requests before handling them).</summary>
internal static class Transient
{
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (HttpOperationException e) when ((int)e.Response.StatusCode is 429 or 500 or 503 && attempt < 100)
            {
            }
        }
    }

    public static Task RetryAsync(Func<Task> call) => RetryAsync(async () =>
    {
        await call();
        return true;
    });
}
