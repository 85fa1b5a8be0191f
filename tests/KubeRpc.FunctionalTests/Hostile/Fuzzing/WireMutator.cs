namespace KubeRpc.FunctionalTests.Hostile.Fuzzing;

/// <summary>
/// Byte-level changes to an encoded request, as a broken or hostile client would send them: flipped bits, cut short,
/// wrong wire types, unknown fields, lengths far past the end, varints too long, invalid UTF-8, groups nested past
/// the parser's limit, random bytes.
/// </summary>
internal static class WireMutator
{
    public enum Kind
    {
        FlipBit, Truncate, WrongWireType, UnknownField, HugeLength, OverlongVarint, InvalidUtf8, DeepGroups, RandomBytes, Doubled,
    }

    public static byte[] Mutate(byte[] bytes, Kind kind, Random r)
    {
        var b = new List<byte>(bytes);
        switch (kind)
        {
            case Kind.FlipBit when b.Count > 0:
                var at = r.Next(b.Count);
                b[at] ^= (byte)(1 << r.Next(8));
                break;
            case Kind.Truncate when b.Count > 0:
                var keep = r.Next(b.Count);
                b.RemoveRange(keep, b.Count - keep);
                break;
            case Kind.WrongWireType:
                // The first field's tag (or one appended) with each of the eight wire types, 3, 4, 6 and 7 included.
                if (b.Count == 0)
                {
                    b.Add(0x08);
                }
                b[0] = (byte)((b[0] & ~7) | r.Next(8));
                break;
            case Kind.UnknownField:
                Tag(b, HostileValues.Pick(r, [99, 1000, 19_000, 536_870_911, 0]), HostileValues.Pick(r, [0, 1, 2, 5]));
                b.AddRange([0x03, 0x61, 0x62, 0x63]);
                break;
            case Kind.HugeLength:
                // A known string or message field whose length runs past the end of the request.
                Tag(b, r.Next(1, 9), 2);
                Varint(b, HostileValues.Pick(r, [0x7FFF_FFFFUL, 0x1000_0000UL, 0xFFFF_FFFFUL, ulong.MaxValue, 3_145_729UL]));
                b.AddRange([0x61, 0x62]);
                break;
            case Kind.OverlongVarint:
                Tag(b, r.Next(1, 9), 0);
                b.AddRange(Enumerable.Repeat((byte)0xFF, 11));
                b.Add(0x01);
                break;
            case Kind.InvalidUtf8:
                // Appended, so it wins over any earlier value of the field: a lone surrogate, an overlong '/', bytes no UTF-8 has.
                byte[] text = HostileValues.Pick<byte[]>(r, [[0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF, 0xFE], [0xF4, 0x90, 0x80, 0x80], [0x61, 0x80], [0xE2, 0x82]]);
                Tag(b, r.Next(1, 9), 2);
                Varint(b, (ulong)text.Length);
                b.AddRange(text);
                break;
            case Kind.DeepGroups:
                var depth = HostileValues.Pick(r, [50, 101, 1000]);
                for (var i = 0; i < depth; i++)
                {
                    Tag(b, 99, 3);
                }
                for (var i = 0; i < depth; i++)
                {
                    Tag(b, 99, 4);
                }
                break;
            case Kind.RandomBytes:
                var insert = new byte[r.Next(1, 32)];
                r.NextBytes(insert);
                b.InsertRange(r.Next(b.Count + 1), insert);
                break;
            case Kind.Doubled:
                b.AddRange(bytes);
                break;
        }
        return [.. b];
    }

    private static void Tag(List<byte> b, int field, int wireType) => Varint(b, ((ulong)(uint)field << 3) | (uint)wireType);

    private static void Varint(List<byte> b, ulong value)
    {
        while (value >= 0x80)
        {
            b.Add((byte)(value | 0x80));
            value >>= 7;
        }
        b.Add((byte)value);
    }
}
