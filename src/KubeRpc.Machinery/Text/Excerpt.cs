using System.Globalization;

namespace KubeRpc.Machinery.Text;

/// <summary>
/// A bounded prefix of text that came from a caller or the cluster, for messages and details: an error never echoes
/// more than that, however large the input (a 100 KB name once made every error about it 100 KB, three times over).
/// </summary>
public static class Excerpt
{
    /// <summary>How much of an input value a message quotes.</summary>
    public const int ValueLength = 64;

    /// <summary><paramref name="text"/> itself when short enough, else its first <paramref name="max"/> characters and how many were left out.</summary>
    /// <param name="marker">How the cut shows; <see cref="ExcerptMarker.Ellipsis"/> leaves the count out.</param>
    public static string Of(string? text, int max = ValueLength, ExcerptMarker marker = ExcerptMarker.OmittedCount)
    {
        if (text is null || text.Length <= max)
        {
            return text ?? "";
        }
        // Never split a surrogate pair: the cut text must stay valid UTF-16 (it is sent as UTF-8).
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        if (marker == ExcerptMarker.Ellipsis)
        {
            return string.Concat(text.AsSpan(0, cut), " ...");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, cut)}…({text.Length - cut} more characters)");
    }
}
