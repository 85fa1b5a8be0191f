using System.Diagnostics;
using System.Text.RegularExpressions;
using KubeRpc.FunctionalTests.Polyglot;

namespace KubeRpc.FunctionalTests.Benchmarks;

/// <summary>
/// The dotnet sections of README "Performance"'s command (tests/KubeRpc.Benchmarks/growth.sh) run, at sizes that take
/// seconds, and print rows of the table's seven columns: the command keeps working as the code moves. The figures
/// themselves mean nothing at these sizes; the reads section needs h2load and is not run here.
/// </summary>
public sealed partial class GrowthSectionsTests
{
    private static readonly TimeSpan SectionTimeout = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("cache", "--mode", "cache-growth", "--sizes", "2000", "--namespaces", "5")]
    [InlineData("writes", "--mode", "writes", "--rounds", "1", "--seconds", "1", "--callers", "2")]
    [InlineData("watches", "--mode", "watch-growth", "--subscribers", "1,20", "--seconds", "1", "--warmup-seconds", "0")]
    public async Task Section_AtSmallSizes_PrintsTableRows(string area, params string[] arguments)
    {
        var (exitCode, output) = await RunAsync(arguments);

        Assert.True(exitCode == 0, $"the {area} section exited with {exitCode}:\n{output}");
        var rows = output.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Matches(RowPattern(), row));
        Assert.All(rows, row => Assert.StartsWith($"| {area} | ", row, StringComparison.Ordinal));
    }

    // Seven cells, the last "yes", "no" or "-".
    [GeneratedRegex(@"^\|( [^|]+ \|){6} (yes|no|-) \|$")]
    private static partial Regex RowPattern();

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments)
    {
        var project = Path.Combine(PolyglotScript.Root, "tests", "KubeRpc.Benchmarks");
        // Built by the solution's build in this test run's configuration (bin/Debug or bin/Release, as this assembly).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "KubeRpc.Benchmarks.dll");
        if (!File.Exists(dll))
        {
            var build = await Run(["build", project, "-c", configuration, "-v", "q", "-nologo"]);
            Assert.True(build.ExitCode == 0, $"building the benchmarks failed:\n{build.Output}");
        }
        return await Run([dll, .. arguments]);
    }

    private static async Task<(int ExitCode, string Output)> Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(SectionTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran longer than {SectionTimeout}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
