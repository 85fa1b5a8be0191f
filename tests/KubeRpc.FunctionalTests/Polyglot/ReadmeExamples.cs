namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>Code blocks of README.md, so tests run the examples as written there.</summary>
internal static class ReadmeExamples
{
    /// <summary>
    /// The first <paramref name="language"/> block after the line that starts with <paramref name="heading"/>, with the
    /// README's default gRPC address replaced by <paramref name="grpcAddress"/> (tests run servers on free ports).
    /// </summary>
    public static string Block(string heading, string language, string grpcAddress)
    {
        var lines = File.ReadAllLines(Path.Combine(PolyglotScript.Root, "README.md"));
        var at = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(at >= 0, $"README.md has no line starting with '{heading}'");
        var open = Array.FindIndex(lines, at, l => l == "```" + language);
        Assert.True(open >= 0, $"README.md has no ```{language} block after '{heading}'");
        var close = Array.FindIndex(lines, open + 1, l => l == "```");
        return string.Join('\n', lines[(open + 1)..close]).Replace("127.0.0.1:50051", grpcAddress, StringComparison.Ordinal) + "\n";
    }
}
