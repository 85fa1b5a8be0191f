using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Deploy;

/// <summary>The calls of a suite, each bounded; a failed one (PERMISSION_DENIED above all) fails the test naming its step.</summary>
internal static class Steps
{
    public static async Task<T> CallAsync<T>(string step, Func<AsyncUnaryCall<T>> call)
    {
        try
        {
            using var unary = call();
            return await unary.ResponseAsync.WaitAsync(TaskTimeouts.Default);
        }
        catch (RpcException e)
        {
            throw new InvalidOperationException($"{step}: {e.StatusCode} {e.Status.Detail}", e);
        }
    }

    /// <summary>The stream's next message that <paramref name="skip"/> does not match (bookmarks, say).</summary>
    public static async Task<T> NextAsync<T>(string step, IAsyncStreamReader<T> stream, Func<T, bool>? skip = null)
    {
        using var timeout = new CancellationTokenSource(TaskTimeouts.Default);
        try
        {
            do
            {
                if (!await stream.MoveNext(timeout.Token))
                {
                    throw new InvalidOperationException($"{step}: the stream ended");
                }
            }
            while (skip?.Invoke(stream.Current) == true);
            return stream.Current;
        }
        catch (RpcException e)
        {
            throw new InvalidOperationException($"{step}: {e.StatusCode} {e.Status.Detail}", e);
        }
    }
}
