namespace KubeRpc.Server.Wire;

/// <summary>
/// A reply whose protobuf encoding is known before it is sent: the pass-through marshaller
/// (<see cref="EncodedMarshaller"/>) copies it to the wire instead of walking a message object graph. Cached
/// objects and watch events are encoded once and then written to every caller and subscriber as they are.
/// </summary>
internal abstract class EncodedMessage
{
    /// <summary>The size of the encoding in bytes.</summary>
    public abstract int Length { get; }

    /// <summary>Writes the encoding into <paramref name="destination"/>, which is exactly <see cref="Length"/> bytes long.</summary>
    public abstract void WriteTo(Span<byte> destination);

    /// <summary>The encoding as a new array (for tests and the rare reader that needs the message object).</summary>
    public byte[] ToByteArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }
}
