namespace KubeRpc.Emulator.Api;

/// <summary>Bounds how much of a caller's input a message repeats: a short prefix, marked as cut.</summary>
internal static class Excerpt
{
    /// <summary>Characters of one input value a message may repeat.</summary>
    public const int MaxLength = 256;

    /// <summary>Characters of a whole message built from input (several values, or a list of errors about them).</summary>
    public const int MaxMessageLength = 1024;

    /// <summary><paramref name="text"/> itself when short, else its first <paramref name="maxLength"/> characters and " ...".</summary>
    public static string Of(string text, int maxLength = MaxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Never split a surrogate pair.
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut] + " ...";
    }
}
