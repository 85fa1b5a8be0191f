using System.Globalization;
using System.Text;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Checks JSON syntax byte by byte the way Go's <c>encoding/json</c> scanner does (which sigs.k8s.io/json
/// inherits), so that an undecodable body is reported with Go's words, e.g.
/// <c>invalid character 'x' looking for beginning of value</c> or <c>unexpected end of JSON input</c>.
/// </summary>
/// <remarks>
/// Nesting is limited as Go's scanner limits it (<c>invalid character '[' exceeded max depth</c>), but at
/// <see cref="ApiLimits.MaxJsonDepth"/> levels instead of Go's 10000.
/// </remarks>
internal static class GoJsonSyntax
{
    private enum State
    {
        BeginValue, BeginValueOrEmpty, BeginStringOrEmpty, BeginString, EndValue, EndTop,
        InString, InStringEsc, EscU, EscU1, EscU12, EscU123,
        Neg, Zero, One, Dot, Dot0, E, ESign, E0,
        T, Tr, Tru, F, Fa, Fal, Fals, N, Nu, Nul,
    }

    private enum Scope { ObjectKey, ObjectValue, ArrayValue }

    /// <summary>The end of Go's message for a value nested too deeply.</summary>
    public const string ExceededMaxDepth = "exceeded max depth";

    /// <summary>Returns null when the text is valid JSON, else the Go error message.</summary>
    public static string? Check(ReadOnlySpan<byte> data, int maxDepth = ApiLimits.MaxJsonDepth) => Check(data, maxDepth, out _);

    /// <summary>As <see cref="Check(ReadOnlySpan{byte}, int)"/>; <paramref name="offset"/> is where the error was found.</summary>
    public static string? Check(ReadOnlySpan<byte> data, int maxDepth, out int offset)
    {
        var scanner = new Scanner(maxDepth);
        for (offset = 0; offset < data.Length; offset++)
        {
            if (scanner.Step(data[offset]) is { } error)
            {
                return error;
            }
        }

        if (scanner.EndTop)
        {
            return null;
        }

        // Go feeds a space at EOF: "1" completes, "tru" fails on that space, "{" runs out of input.
        return scanner.Step((byte)' ') ?? (scanner.EndTop ? null : "unexpected end of JSON input");
    }

    private sealed class Scanner(int maxDepth)
    {
        private readonly Stack<Scope> _scopes = new();
        private State _state = State.BeginValue;

        public bool EndTop { get; private set; }

        public string? Step(byte c) => _state switch
        {
            State.BeginValueOrEmpty => IsSpace(c) ? null : c == ']' ? EndValue(c) : BeginValue(c),
            State.BeginValue => BeginValue(c),
            State.BeginStringOrEmpty => IsSpace(c) ? null : c == '}' ? CloseEmptyObject(c) : BeginString(c),
            State.BeginString => BeginString(c),
            State.EndValue => EndValue(c),
            State.EndTop => IsSpace(c) ? null : Error(c, "after top-level value"),
            State.InString => c switch
            {
                (byte)'"' => Go(State.EndValue),
                (byte)'\\' => Go(State.InStringEsc),
                < 0x20 => Error(c, "in string literal"),
                _ => null,
            },
            State.InStringEsc => "bfnrt\\/\"".Contains((char)c, StringComparison.Ordinal) ? Go(State.InString)
                : c == 'u' ? Go(State.EscU) : Error(c, "in string escape code"),
            State.EscU or State.EscU1 or State.EscU12 or State.EscU123 => IsHex(c)
                ? Go(_state == State.EscU123 ? State.InString : _state + 1)
                : Error(c, "in \\u hexadecimal character escape"),
            State.Neg => c == '0' ? Go(State.Zero) : c is >= (byte)'1' and <= (byte)'9' ? Go(State.One)
                : Error(c, "in numeric literal"),
            State.One => IsDigit(c) ? null : Zero(c),
            State.Zero => Zero(c),
            State.Dot => IsDigit(c) ? Go(State.Dot0) : Error(c, "after decimal point in numeric literal"),
            State.Dot0 => IsDigit(c) ? null : c is (byte)'e' or (byte)'E' ? Go(State.E) : EndValue(c),
            State.E => c is (byte)'+' or (byte)'-' ? Go(State.ESign) : ESign(c),
            State.ESign => ESign(c),
            State.E0 => IsDigit(c) ? null : EndValue(c),
            State.T => Expect(c, 'r', State.Tr, "true"),
            State.Tr => Expect(c, 'u', State.Tru, "true"),
            State.Tru => Expect(c, 'e', State.EndValue, "true"),
            State.F => Expect(c, 'a', State.Fa, "false"),
            State.Fa => Expect(c, 'l', State.Fal, "false"),
            State.Fal => Expect(c, 's', State.Fals, "false"),
            State.Fals => Expect(c, 'e', State.EndValue, "false"),
            State.N => Expect(c, 'u', State.Nu, "null"),
            State.Nu => Expect(c, 'l', State.Nul, "null"),
            _ => Expect(c, 'l', State.EndValue, "null"),
        };

        private string? BeginValue(byte c)
        {
            if (IsSpace(c))
            {
                return null;
            }

            switch (c)
            {
                case (byte)'{':
                    return Push(c, Scope.ObjectKey, State.BeginStringOrEmpty);
                case (byte)'[':
                    return Push(c, Scope.ArrayValue, State.BeginValueOrEmpty);
                case (byte)'"': return Go(State.InString);
                case (byte)'-': return Go(State.Neg);
                case (byte)'0': return Go(State.Zero);
                case (byte)'t': return Go(State.T);
                case (byte)'f': return Go(State.F);
                case (byte)'n': return Go(State.N);
                case >= (byte)'1' and <= (byte)'9': return Go(State.One);
                default: return Error(c, "looking for beginning of value");
            }
        }

        /// <summary><c>pushParseState</c>: one level deeper, or Go's depth error past the limit.</summary>
        private string? Push(byte c, Scope scope, State next)
        {
            _scopes.Push(scope);
            return _scopes.Count <= maxDepth ? Go(next) : Error(c, ExceededMaxDepth);
        }

        private string? BeginString(byte c) =>
            IsSpace(c) ? null : c == '"' ? Go(State.InString) : Error(c, "looking for beginning of object key string");

        private string? CloseEmptyObject(byte c)
        {
            _scopes.Pop();
            _scopes.Push(Scope.ObjectValue);
            return EndValue(c);
        }

        private string? EndValue(byte c)
        {
            if (_scopes.Count == 0)
            {
                _state = State.EndTop;
                EndTop = true;
                return IsSpace(c) ? null : Error(c, "after top-level value");
            }

            _state = State.EndValue;
            if (IsSpace(c))
            {
                return null;
            }

            switch (_scopes.Peek())
            {
                case Scope.ObjectKey:
                    if (c == ':')
                    {
                        _scopes.Pop();
                        _scopes.Push(Scope.ObjectValue);
                        return Go(State.BeginValue);
                    }

                    return Error(c, "after object key");
                case Scope.ObjectValue:
                    if (c == ',')
                    {
                        _scopes.Pop();
                        _scopes.Push(Scope.ObjectKey);
                        return Go(State.BeginString);
                    }

                    return c == '}' ? Close() : Error(c, "after object key:value pair");
                default:
                    return c == ',' ? Go(State.BeginValue) : c == ']' ? Close() : Error(c, "after array element");
            }
        }

        private string? Close()
        {
            _scopes.Pop();
            if (_scopes.Count == 0)
            {
                _state = State.EndTop;
                EndTop = true;
            }

            return null;
        }

        private string? Zero(byte c) =>
            c == '.' ? Go(State.Dot) : c is (byte)'e' or (byte)'E' ? Go(State.E) : EndValue(c);

        private string? ESign(byte c) => IsDigit(c) ? Go(State.E0) : Error(c, "in exponent of numeric literal");

        private string? Expect(byte c, char expected, State next, string literal) =>
            c == expected ? Go(next) : Error(c, $"in literal {literal} (expecting '{expected}')");

        private string? Go(State next)
        {
            _state = next;
            return null;
        }

        private static string Error(byte c, string context) => "invalid character " + QuoteChar(c) + " " + context;
    }

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static bool IsHex(byte c) => IsDigit(c) || c is >= (byte)'a' and <= (byte)'f' || c is >= (byte)'A' and <= (byte)'F';

    /// <summary>Go's <c>quoteChar</c>: the byte taken as rune U+00XX, quoted by strconv.Quote between single quotes.</summary>
    internal static string QuoteChar(byte c)
    {
        if (c == '\'')
        {
            return @"'\''";
        }

        if (c == '"')
        {
            return "'\"'";
        }

        var body = c switch
        {
            7 => @"\a",
            8 => @"\b",
            12 => @"\f",
            (byte)'\n' => @"\n",
            (byte)'\r' => @"\r",
            (byte)'\t' => @"\t",
            11 => @"\v",
            (byte)'\\' => @"\\",
            < 0x20 or 0x7f => @"\x" + c.ToString("x2", CultureInfo.InvariantCulture),
            // U+0080..U+00A0 and the soft hyphen are not printable for strconv.IsPrint.
            (>= 0x80 and <= 0xa0) or 0xad => @"\u00" + c.ToString("x2", CultureInfo.InvariantCulture),
            _ => ((char)c).ToString(),
        };
        return "'" + body + "'";
    }

    /// <summary>Decodes bytes as UTF-8 for messages that quote them.</summary>
    internal static string Text(ReadOnlySpan<byte> data) => Encoding.UTF8.GetString(data);
}
