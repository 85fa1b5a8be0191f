namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>What one kubectl run printed and how it exited.</summary>
/// <param name="ExitCode">The process exit code (-1 when the test killed it).</param>
/// <param name="Stdout">Everything written to standard output, exactly as printed.</param>
/// <param name="Stderr">Everything written to standard error, exactly as printed.</param>
public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Standard output split into lines (no trailing empty line).</summary>
    public IReadOnlyList<string> StdoutLines => SplitLines(Stdout);

    /// <summary>Standard error split into lines (no trailing empty line).</summary>
    public IReadOnlyList<string> StderrLines => SplitLines(Stderr);

    /// <summary>The same result with <paramref name="mask"/> applied to both streams.</summary>
    public KubectlResult Masked(Func<string, string> mask) => this with { Stdout = mask(Stdout), Stderr = mask(Stderr) };

    /// <summary>One block with the exit code and both streams, so a failed comparison shows everything.</summary>
    public string Describe() => $"exit code {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}--- end";

    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}
