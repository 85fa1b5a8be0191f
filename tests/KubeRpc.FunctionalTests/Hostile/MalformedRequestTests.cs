using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// Request bytes that are not a valid message are the caller's mistake: INVALID_ARGUMENT with details (it was UNKNOWN),
/// and nothing is logged above debug level, so a hostile client cannot flood the operator's log.
/// </summary>
public sealed class MalformedRequestTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KubeRpcHost.StartAsync(services: s => s.AddLogging(l => l.AddProvider(_logs))).DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> Payloads() => new()
    {
        // Field 1 (namespace) claims 2^28 bytes; field 2 with the reserved wire type 7; a truncated varint; field number 0.
        { "GetService", "0affffff7f" },
        { "ListServices", "0f" },
        { "DeleteService", "08ffffffffffffffffff" },
        { "WatchServices", "0000" },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task GarbageBytes_InvalidArgumentWithDetails_NotLogged(string method, string hex)
    {
        var rpc = new Method<byte[], byte[]>(method == "WatchServices" ? MethodType.ServerStreaming : MethodType.Unary,
            "kuberpc.v1.ServiceManager", method, Marshallers.Create(static b => b, static b => b), Marshallers.Create(static b => b, static b => b));
        var invoker = _host.Channel.CreateCallInvoker();
        var bytes = Convert.FromHexString(hex);

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, async () =>
        {
            if (rpc.Type == MethodType.Unary)
            {
                await invoker.AsyncUnaryCall(rpc, null, new CallOptions(), bytes);
            }
            else
            {
                using var call = invoker.AsyncServerStreamingCall(rpc, null, new CallOptions(), bytes);
                await call.ResponseStream.MoveNext(CancellationToken.None);
            }
        });

        e.AssertInfo("MALFORMED_REQUEST");
        Assert.Contains("is not a valid", e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.AtOrAbove(LogLevel.Information), l => l.Category.StartsWith("Grpc", StringComparison.Ordinal));
    }
}
