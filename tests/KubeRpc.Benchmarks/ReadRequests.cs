using Google.Protobuf;
using KubeRpc.Benchmarks.Echo;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// For reads-bench.sh: the gRPC request bodies h2load sends (a 5-byte frame header, then the message): a cached
/// GetService, a cached ListServices page, and an Echo asking the bare server for its reply of each given size.
/// </summary>
internal static class ReadRequests
{
    public static void Write(string directory, string ns, string name, int pageSize, IEnumerable<int> echoReplyBytes)
    {
        Directory.CreateDirectory(directory);
        Save(Path.Combine(directory, "get.bin"), new GetServiceRequest { Namespace = ns, Name = name });
        Save(Path.Combine(directory, "list.bin"), new ListServicesRequest { Namespace = ns, PageSize = pageSize });
        foreach (var size in echoReplyBytes)
        {
            Save(Path.Combine(directory, $"echo_{size}.bin"), new EchoRequest { ReplyBytes = size });
        }
    }

    private static void Save(string path, IMessage message)
    {
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)body.Length);
        body.CopyTo(frame, 5);
        File.WriteAllBytes(path, frame);
    }
}
