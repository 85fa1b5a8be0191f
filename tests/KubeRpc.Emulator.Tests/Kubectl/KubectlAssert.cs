using System.Text.RegularExpressions;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>Exact comparisons of kubectl output; expected texts are written without their final newline.</summary>
public static partial class KubectlAssert
{
    /// <summary>Asserts the exit code and both streams exactly (empty expected text = the stream printed nothing).</summary>
    public static void Output(KubectlResult actual, int exitCode, string stdout, string stderr = "")
    {
        var expected = new KubectlResult(exitCode, Text(stdout), Text(stderr)).Describe();
        if (expected != actual.Describe())
        {
            // Whole texts, not xunit's clipped diff: tables are compared column by column by eye.
            Assert.Fail($"kubectl output differs.\n=== expected\n{expected}\n=== actual\n{actual.Describe()}");
        }
    }

    /// <summary>Asserts a successful run that printed exactly <paramref name="stdout"/> and nothing on stderr.</summary>
    public static void Success(KubectlResult actual, string stdout) => Output(actual, 0, stdout);

    /// <summary>Asserts a failed run (kubectl exits 1 for every error it reports) that printed exactly <paramref name="stderr"/>.</summary>
    public static void Failure(KubectlResult actual, string stderr, string stdout = "") => Output(actual, 1, stdout, stderr);

    /// <summary>Masks what a real API server makes up on every run: uids and resourceVersions.</summary>
    public static string MaskIds(string text)
    {
        text = Uid().Replace(text, "<uid>");
        return ResourceVersion().Replace(text, "${key}<rv>\"");
    }

    /// <summary>The lines a run printed on stderr minus klog lines (those that <c>-v=6</c> asked for).</summary>
    public static string WithoutKlog(string stderr) =>
        string.Concat(KubectlResult.SplitLines(stderr).Where(l => !Klog().IsMatch(l)).Select(l => l + "\n"));

    private static string Text(string expected) => expected.Length == 0 || expected.EndsWith('\n') ? expected : expected + "\n";

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uid();

    [GeneratedRegex("(?<key>\"?resourceVersion\"?: \")[0-9]+\"")]
    private static partial Regex ResourceVersion();

    [GeneratedRegex(@"^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6} ")]
    private static partial Regex Klog();
}
