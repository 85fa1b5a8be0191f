using Google.Protobuf.Reflection;
using Grpc.Core;

namespace KubeRpc.FunctionalTests.Hostile.Fuzzing;

/// <summary>Sends request bytes as they are to a method by its name (unary or server streaming), as a client with its own encoder would.</summary>
internal static class RawCaller
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(static b => b, static b => b);

    /// <summary>How long a watch may stay open and quiet before the fuzzer counts it as answered.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    public sealed record Answer(StatusCode Code, byte[]? Reply, RpcException? Error);

    public static async Task<Answer> CallAsync(CallInvoker invoker, MethodDescriptor method, byte[] request, Metadata? headers, DateTime deadline)
    {
        var type = method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var rpc = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        var options = new CallOptions(headers, deadline);
        try
        {
            if (type == MethodType.Unary)
            {
                return new Answer(StatusCode.OK, await invoker.AsyncUnaryCall(rpc, null, options, request), null);
            }
            using var call = invoker.AsyncServerStreamingCall(rpc, null, options, request);
            using var quiet = new CancellationTokenSource(Quiet);
            try
            {
                return await call.ResponseStream.MoveNext(quiet.Token)
                    ? new Answer(StatusCode.OK, call.ResponseStream.Current, null)
                    : new Answer(StatusCode.OK, null, null);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && quiet.IsCancellationRequested)
            {
                return new Answer(StatusCode.OK, null, null); // open and quiet
            }
        }
        catch (RpcException e)
        {
            return new Answer(e.StatusCode, null, e);
        }
    }
}
