using Google.Protobuf;
using Grpc.Core;
using KubeRpc.Benchmarks.Echo;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The two server-streaming methods the throughput benchmark reads, built by hand so one reader serves both:
/// <c>kuberpc.v1.ServiceManager/WatchServices</c> and the bare <c>bench.Bench/Stream</c>. With <c>parse</c> each
/// message is parsed as a generated client would (a real subscriber); without, it is only counted, so the client's
/// share of the shared CPU is about the same for both servers and the comparison leans on the servers.
/// </summary>
internal static class StreamMethods
{
    private static readonly object Unparsed = new();

    public static Method<WatchServicesRequest, object> WatchServices(bool parse) =>
        ServerStreaming(ServiceManager.Descriptor.FullName, "WatchServices", WatchServicesRequest.Parser, ServiceEvent.Parser, parse);

    public static Method<StreamRequest, object> BareStream(bool parse) =>
        ServerStreaming(Bench.Descriptor.FullName, "Stream", StreamRequest.Parser, EchoReply.Parser, parse);

    /// <summary>The bare stream of the watch's own message, parsed as a watch's messages are.</summary>
    public static Method<StreamRequest, object> BareEvents(bool parse) =>
        ServerStreaming(Bare.BareEvents.Descriptor.FullName, "Stream", StreamRequest.Parser, ServiceEvent.Parser, parse);

    private static Method<TRequest, object> ServerStreaming<TRequest, TReply>(string service, string name,
        MessageParser<TRequest> requestParser, MessageParser<TReply> replyParser, bool parse)
        where TRequest : class, IMessage<TRequest>
        where TReply : class, IMessage<TReply>
    {
        var request = Marshallers.Create(r => r.ToByteArray(), requestParser.ParseFrom);
        var reply = new Marshaller<object>(
            (_, _) => throw new NotSupportedException("replies are only read"),
            parse ? c => replyParser.ParseFrom(c.PayloadAsReadOnlySequence()) : _ => Unparsed);
        return new Method<TRequest, object>(MethodType.ServerStreaming, service, name, request, reply);
    }
}
