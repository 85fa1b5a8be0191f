using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using KubeRpc.Benchmarks.Echo;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Bare gRPC ceiling: h2c on 127.0.0.1, logging off. Echo answers with a reply built once at start whose encoded size
// matches the KubeRpc reply it is compared with (a Get, a List page), as KubeRpc answers from pre-encoded bytes.
// dotnet Echo.dll --port 50051 --reply-bytes 1194[,59856]   (the request's reply_bytes picks one; 0 picks the first)
var port = int.Parse(Arg("--port", "50051"), CultureInfo.InvariantCulture);
var sizes = Arg("--reply-bytes", "1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var builder = WebApplication.CreateBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
builder.Services.AddGrpc();
builder.Services.AddSingleton(new EchoService(sizes));
var app = builder.Build();
app.MapGrpcService<EchoService>();
app.Run();

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

/// <summary>Echo with replies built once, one per size; Stream with a shared payload.</summary>
internal sealed class EchoService : Bench.BenchBase
{
    private readonly EchoReply _first;
    private readonly FrozenDictionary<int, EchoReply> _replies;

    public EchoService(int[] sizes)
    {
        _replies = sizes.Distinct().ToFrozenDictionary(size => size, Padded);
        _first = _replies[sizes[0]];
    }

    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) =>
        request.ReplyBytes == 0 ? Task.FromResult(_first)
        : _replies.TryGetValue(request.ReplyBytes, out var reply) ? Task.FromResult(reply)
        : throw new RpcException(new Status(StatusCode.InvalidArgument, $"no reply of {request.ReplyBytes} B was built"));

    /// <summary>count replies (0: until cancelled) sharing one payload, as performance.md §2.1 describes.</summary>
    public override async Task Stream(StreamRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        var payload = ByteString.CopyFrom(new byte[Math.Max(0, request.PayloadSize)]);
        for (var i = 0; request.Count == 0 || i < request.Count; i++)
        {
            await responseStream.WriteAsync(new EchoReply { Payload = payload }, context.CancellationToken);
        }
    }

    /// <summary>A reply of exactly <paramref name="size"/> encoded bytes: one payload field (tag, length, padding).</summary>
    private static EchoReply Padded(int size)
    {
        var padding = Math.Max(0, size - 2);
        while (padding > 0 && 1 + CodedOutputStream.ComputeLengthSize(padding) + padding > size)
        {
            padding--;
        }
        var reply = new EchoReply { Payload = ByteString.CopyFrom(new byte[padding]) };
        return reply.CalculateSize() == size ? reply
            : throw new ArgumentException($"no reply encodes to exactly {size} B (the nearest is {reply.CalculateSize()} B)");
    }
}
