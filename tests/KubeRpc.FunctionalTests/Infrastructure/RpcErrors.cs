using Google.Rpc;
using Grpc.Core;

namespace KubeRpc.FunctionalTests.Infrastructure;

/// <summary>Reads the rich error details (google.rpc.Status) of a failed call.</summary>
public static class RpcErrors
{
    public static T? Detail<T>(this RpcException e) where T : class, Google.Protobuf.IMessage<T>, new() =>
        e.GetRpcStatus()?.GetDetail<T>();

    public static ErrorInfo Info(this RpcException e) =>
        e.Detail<ErrorInfo>() ?? throw new Xunit.Sdk.XunitException($"no ErrorInfo on {e.Status}");

    /// <summary>Awaits a call that must fail with <paramref name="code"/>.</summary>
    public static async Task<RpcException> FailsWith(StatusCode code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => call().WaitAsync(TaskTimeouts.Default));
        Assert.True(e.StatusCode == code, $"expected {code}, got {e.StatusCode}: {e.Status.Detail}");
        return e;
    }
}
