using System.Globalization;

namespace KubeRpc.Server.Grpc.Errors;

/// <summary>
/// A bounded prefix of text that came from a caller or the cluster, for messages and details: an error never echoes
/// more than that, however large the input (a 100 KB name once made every error about it 100 KB, three times over).
/// </summary>
internal static class Excerpt
{
    /// <summary>How much of an input value a message quotes.</summary>
    public const int ValueLength = 64;

    /// <summary><paramref name="text"/> itself when short enough, else its first <paramref name="max"/> characters and how many were left out.</summary>
    public static string Of(string? text, int max = ValueLength)
    {
        if (text is null || text.Length <= max)
        {
            return text ?? "";
        }
        // Never split a surrogate pair: the cut text must stay valid UTF-16 (it is sent as UTF-8).
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, cut)}…({text.Length - cut} more characters)");
    }
}
