namespace KubeRpc.Machinery.Selection;

/// <summary>The tokens of the label selector syntax (apimachinery labels <c>Token</c>).</summary>
internal enum LabelToken
{
    Error,
    EndOfString,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
}

/// <summary>One token and its literal text.</summary>
internal readonly record struct ScannedItem(LabelToken Token, string Literal);

/// <summary>
/// A port of apimachinery's label selector <c>Lexer</c>. It keeps the original's quirks, since they decide
/// which error a malformed selector gets: a NUL character ends the input like the end of the string does,
/// and identifiers run until whitespace or one of <c>= ! ( ) , &gt; &lt;</c>.
/// </summary>
internal sealed class LabelSelectorLexer(string text)
{
    private static readonly Dictionary<string, LabelToken> Literals = new(StringComparer.Ordinal)
    {
        [")"] = LabelToken.ClosedPar,
        [","] = LabelToken.Comma,
        ["!"] = LabelToken.DoesNotExist,
        ["=="] = LabelToken.DoubleEquals,
        ["="] = LabelToken.Equals,
        [">"] = LabelToken.GreaterThan,
        ["in"] = LabelToken.In,
        ["<"] = LabelToken.LessThan,
        ["!="] = LabelToken.NotEquals,
        ["notin"] = LabelToken.NotIn,
        ["("] = LabelToken.OpenPar,
    };

    private int _pos;

    /// <summary>Tokenises the whole input, ending with <see cref="LabelToken.EndOfString"/>.</summary>
    public static List<ScannedItem> Scan(string text)
    {
        var lexer = new LabelSelectorLexer(text);
        var items = new List<ScannedItem>();
        while (true)
        {
            var item = lexer.Lex();
            items.Add(item);
            if (item.Token == LabelToken.EndOfString)
            {
                return items;
            }
        }
    }

    private ScannedItem Lex()
    {
        var ch = SkipWhiteSpaces(Read());
        if (ch == '\0')
        {
            return new ScannedItem(LabelToken.EndOfString, "");
        }
        Unread();
        return IsSpecialSymbol(ch) ? ScanSpecialSymbol() : ScanIdOrKeyword();
    }

    private ScannedItem ScanIdOrKeyword()
    {
        var start = _pos;
        var end = _pos;
        while (true)
        {
            var ch = Read();
            if (ch == '\0')
            {
                break;
            }
            if (IsSpecialSymbol(ch) || IsWhitespace(ch))
            {
                Unread();
                break;
            }
            end = _pos;
        }
        var literal = text[start..end];
        return Literals.TryGetValue(literal, out var token) ? new ScannedItem(token, literal) : new ScannedItem(LabelToken.Identifier, literal);
    }

    // Longest run of operator characters that still forms a known operator: "!=" over "!", "==" over "=".
    private ScannedItem ScanSpecialSymbol()
    {
        var last = new ScannedItem(LabelToken.Error, "");
        var buffer = "";
        while (true)
        {
            var ch = Read();
            if (ch == '\0')
            {
                break;
            }
            if (!IsSpecialSymbol(ch))
            {
                Unread();
                break;
            }
            buffer += ch;
            if (Literals.TryGetValue(buffer, out var token))
            {
                last = new ScannedItem(token, buffer);
            }
            else if (last.Token != LabelToken.Error)
            {
                Unread();
                break;
            }
        }
        return last.Token == LabelToken.Error
            ? new ScannedItem(LabelToken.Error, $"error expected: keyword found '{buffer}'")
            : last;
    }

    private char SkipWhiteSpaces(char ch)
    {
        while (IsWhitespace(ch))
        {
            ch = Read();
        }
        return ch;
    }

    // Like Go's read(): NUL at the end, without moving past it.
    private char Read() => _pos < text.Length ? text[_pos++] : '\0';

    private void Unread() => _pos--;

    private static bool IsWhitespace(char ch) => ch is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecialSymbol(char ch) => ch is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
