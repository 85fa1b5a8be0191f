using Google.Protobuf;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>Builds request bodies the way client-go's protobuf serializer frames them.</summary>
internal static class WireBody
{
    public static byte[] Magic => [0x6b, 0x38, 0x73, 0x00];

    /// <summary>"k8s\0" + runtime.Unknown{typeMeta, raw = the object's message}.</summary>
    public static byte[] Envelope(string apiVersion, string kind, IMessage obj) =>
        Envelope(new Unknown { TypeMeta = new TypeMeta { ApiVersion = apiVersion, Kind = kind }, Raw = obj.ToByteString() });

    public static byte[] Envelope(Unknown unknown) => [.. Magic, .. unknown.ToByteArray()];

    /// <summary>Go's <c>metav1.Time</c> on the wire (seconds and nanos both written, as gogo does).</summary>
    public static Time Time(DateTimeOffset at, int nanos = 0) => new() { Seconds = at.ToUnixTimeSeconds(), Nanos = nanos };
}
