using System.Net;
using Google.Protobuf;
using Grpc.Core;
using KubeRpc.Benchmarks.Echo;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Bare gRPC echo and server stream for the ceiling: h2c on 127.0.0.1, logging off. Every reply carries a fixed payload so
// its size matches the KubeRpc reply it is compared with.
// dotnet Echo.dll --port 50051 --reply-bytes 1000
var port = int.Parse(Arg("--port", "50051"), System.Globalization.CultureInfo.InvariantCulture);
var replyBytes = int.Parse(Arg("--reply-bytes", "1000"), System.Globalization.CultureInfo.InvariantCulture);
var builder = WebApplication.CreateBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
builder.Services.AddGrpc();
builder.Services.AddSingleton(new EchoService(replyBytes));
var app = builder.Build();
app.MapGrpcService<EchoService>();
app.Run();

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

/// <summary>Echo with a shared padding payload: the reply is <c>name</c> plus that many bytes (minus framing).</summary>
internal sealed class EchoService(int replyBytes) : Bench.BenchBase
{
    // Reply = name field + payload field (tag + length varint + bytes); the padding is sized so the whole
    // encoded reply is replyBytes for the 5-char name used by grpc-bench.sh.
    private readonly ByteString _payload = ByteString.CopyFrom(new byte[Math.Max(0, replyBytes - 7 - 3)]);

    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoReply { Name = request.Name, Payload = _payload });

    /// <summary>count replies (0: until cancelled) sharing one payload, as performance.md §2.1 describes.</summary>
    public override async Task Stream(StreamRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        var payload = ByteString.CopyFrom(new byte[Math.Max(0, request.PayloadSize)]);
        for (var i = 0; request.Count == 0 || i < request.Count; i++)
        {
            await responseStream.WriteAsync(new EchoReply { Payload = payload }, context.CancellationToken);
        }
    }
}
