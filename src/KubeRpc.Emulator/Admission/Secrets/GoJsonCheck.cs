using System.Globalization;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Admission.Secrets;

/// <summary>
/// What Go's <c>json.Unmarshal(data, &amp;map[string]interface{}{})</c> says about a byte string: kube-apiserver puts
/// that error text, verbatim, into the cause for a malformed <c>.dockercfg</c> or <c>.dockerconfigjson</c>. Follows
/// the states of <c>encoding/json/scanner.go</c> and the type errors of <c>decode.go</c>. Nesting is bounded at
/// <see cref="ApiLimits.MaxJsonDepth"/> levels (Go: 10000), which also bounds this reader's recursion.
/// </summary>
internal static class GoJsonCheck
{
    private const string UnexpectedEnd = "unexpected end of JSON input";

    /// <summary>The error Go reports, or null when the bytes decode into a map.</summary>
    public static string? UnmarshalIntoMapError(byte[] data)
    {
        var reader = new Reader(data);
        try
        {
            reader.SkipSpace();
            var kind = reader.Value("looking for beginning of value");
            reader.SkipSpace();
            if (!reader.AtEnd)
            {
                throw reader.Invalid("after top-level value");
            }
            return kind is "object" or "null" ? null : $"json: cannot unmarshal {kind} into Go value of type map[string]interface {{}}";
        }
        catch (SyntaxException e)
        {
            return e.Message;
        }
    }

    private sealed class SyntaxException(string message) : Exception(message);

    private sealed class Reader(byte[] data)
    {
        private int pos;
        private int depth;

        public bool AtEnd => pos >= data.Length;

        public SyntaxException Invalid(string context) => new($"invalid character {QuoteChar(data[pos])} {context}");

        public void SkipSpace()
        {
            while (!AtEnd && data[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                pos++;
            }
        }

        private byte Peek() => AtEnd ? throw new SyntaxException(UnexpectedEnd) : data[pos];

        /// <summary>Scans one value and returns its JSON kind as Go's UnmarshalTypeError names it.</summary>
        public string Value(string context)
        {
            switch (Peek())
            {
                case (byte)'{': Enter(); Object(); depth--; return "object";
                case (byte)'[': Enter(); Array(); depth--; return "array";
                case (byte)'"': pos++; String(); return "string";
                case (byte)'t': Literal("true"); return "bool";
                case (byte)'f': Literal("false"); return "bool";
                case (byte)'n': Literal("null"); return "null";
                case (byte)'-' or (>= (byte)'0' and <= (byte)'9'): Number(); return "number";
                default: throw Invalid(context);
            }
        }

        /// <summary>One level deeper: Go's scanner refuses a level past its limit, here <see cref="ApiLimits.MaxJsonDepth"/>.</summary>
        private void Enter()
        {
            if (++depth > ApiLimits.MaxJsonDepth)
            {
                throw Invalid("exceeded max depth");
            }
            pos++;
        }

        private void Object()
        {
            SkipSpace();
            if (Peek() == '}') { pos++; return; }
            while (true)
            {
                if (Peek() != '"') { throw Invalid("looking for beginning of object key string"); }
                pos++;
                String();
                SkipSpace();
                if (Peek() != ':') { throw Invalid("after object key"); }
                pos++;
                SkipSpace();
                Value("looking for beginning of value");
                SkipSpace();
                var next = Peek();
                pos++;
                if (next == '}') { return; }
                if (next != ',') { pos--; throw Invalid("after object key:value pair"); }
                SkipSpace();
            }
        }

        private void Array()
        {
            SkipSpace();
            if (Peek() == ']') { pos++; return; }
            while (true)
            {
                Value("looking for beginning of value");
                SkipSpace();
                var next = Peek();
                pos++;
                if (next == ']') { return; }
                if (next != ',') { pos--; throw Invalid("after array element"); }
                SkipSpace();
            }
        }

        private void String()
        {
            while (true)
            {
                var c = Peek();
                if (c == '"') { pos++; return; }
                if (c < 0x20) { throw Invalid("in string literal"); }
                pos++;
                if (c != '\\') { continue; }
                var escape = Peek();
                if (escape == 'u')
                {
                    pos++;
                    for (var i = 0; i < 4; i++)
                    {
                        if (!Uri.IsHexDigit((char)Peek())) { throw Invalid("in \\u hexadecimal character escape"); }
                        pos++;
                    }
                    continue;
                }
                if ("bfnrt\\/\"".IndexOf((char)escape, StringComparison.Ordinal) < 0) { throw Invalid("in string escape code"); }
                pos++;
            }
        }

        private void Literal(string word)
        {
            pos++;
            foreach (var expected in word[1..])
            {
                if (Peek() != expected) { throw Invalid($"in literal {word} (expecting {QuoteChar((byte)expected)})"); }
                pos++;
            }
        }

        private void Number()
        {
            if (Peek() == '-') { pos++; if (!IsDigit(Peek())) { throw Invalid("in numeric literal"); } }
            if (Peek() == '0') { pos++; } else { Digits(); }
            if (!AtEnd && data[pos] == '.')
            {
                pos++;
                if (!IsDigit(Peek())) { throw Invalid("after decimal point in numeric literal"); }
                Digits();
            }
            if (!AtEnd && data[pos] is (byte)'e' or (byte)'E')
            {
                pos++;
                if (Peek() is (byte)'+' or (byte)'-') { pos++; }
                if (!IsDigit(Peek())) { throw Invalid("in exponent of numeric literal"); }
                Digits();
            }
        }

        private void Digits()
        {
            while (!AtEnd && IsDigit(data[pos])) { pos++; }
        }

        private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';
    }

    /// <summary>Go's <c>quoteChar</c>: the byte as a rune in single quotes, escaped as strconv.Quote does.</summary>
    private static string QuoteChar(byte c) => c switch
    {
        (byte)'\'' => @"'\''",
        (byte)'"' => "'\"'",
        (byte)'\a' => @"'\a'",
        (byte)'\b' => @"'\b'",
        (byte)'\f' => @"'\f'",
        (byte)'\n' => @"'\n'",
        (byte)'\r' => @"'\r'",
        (byte)'\t' => @"'\t'",
        (byte)'\v' => @"'\v'",
        (byte)'\\' => @"'\\'",
        < 0x20 or 0x7f => "'\\x" + c.ToString("x2", CultureInfo.InvariantCulture) + "'",
        (>= 0x80 and <= 0xa0) or 0xad => "'\\u00" + c.ToString("x2", CultureInfo.InvariantCulture) + "'",
        _ => "'" + (char)c + "'",
    };
}
