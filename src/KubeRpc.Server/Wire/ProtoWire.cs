using System.Text;
using Google.Protobuf;

namespace KubeRpc.Server.Wire;

/// <summary>
/// The few pieces of the protobuf wire format the pre-encoded replies need
/// (https://protobuf.dev/programming-guides/encoding/): varints, tags, and length-delimited fields written into a
/// span (Google.Protobuf's writers take streams and buffer writers); sizes come from <see cref="CodedOutputStream"/>.
/// </summary>
internal static class ProtoWire
{
    private const int VarintType = 0;
    private const int LengthDelimitedType = 2;

    /// <summary>The size of a length-delimited field (tag, length, payload); field numbers here are below 16, so the tag is one byte.</summary>
    public static int LengthDelimitedSize(int payloadLength) => 1 + CodedOutputStream.ComputeLengthSize(payloadLength) + payloadLength;

    /// <summary>The size of a string field as proto3 writes it: nothing when empty.</summary>
    public static int StringFieldSize(string value) => value.Length == 0 ? 0 : 1 + CodedOutputStream.ComputeStringSize(value);

    public static int WriteVarint(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    public static int WriteVarintField(Span<byte> destination, int field, ulong value)
    {
        destination[0] = Tag(field, VarintType);
        return 1 + WriteVarint(destination[1..], value);
    }

    /// <summary>Writes the tag and length of a length-delimited field; the caller writes the payload after them.</summary>
    public static int WriteLengthPrefix(Span<byte> destination, int field, int payloadLength)
    {
        destination[0] = Tag(field, LengthDelimitedType);
        return 1 + WriteVarint(destination[1..], (ulong)payloadLength);
    }

    /// <summary>Writes an embedded message field: tag, length, then the message's own encoding.</summary>
    public static int WriteMessageField(Span<byte> destination, int field, EncodedMessage message)
    {
        var length = message.Length;
        var written = WriteLengthPrefix(destination, field, length);
        message.WriteTo(destination.Slice(written, length));
        return written + length;
    }

    /// <summary>Writes a string field as proto3 does (nothing when empty).</summary>
    public static int WriteStringField(Span<byte> destination, int field, string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }
        var written = WriteLengthPrefix(destination, field, Encoding.UTF8.GetByteCount(value));
        return written + Encoding.UTF8.GetBytes(value, destination[written..]);
    }

    private static byte Tag(int field, int wireType)
    {
        if (field is < 1 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "only one-byte tags (fields 1-15) are supported");
        }
        return (byte)((field << 3) | wireType);
    }
}
