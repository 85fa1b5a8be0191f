namespace KubeRpc.Emulator.Registry;

/// <summary>generateName: the prefix cut to 58 characters plus 5 random characters (as storage/names/generate.go).</summary>
internal static class NameGenerator
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int MaxPrefixLength = 63 - 5;

    public static string Generate(string prefix)
    {
        if (prefix.Length > MaxPrefixLength)
        {
            prefix = prefix[..MaxPrefixLength];
        }
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        }
        return prefix + new string(suffix);
    }
}
