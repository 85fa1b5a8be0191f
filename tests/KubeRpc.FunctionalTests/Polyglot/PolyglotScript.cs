using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// Runs a client script of tests/Polyglot to its end and reads the JSON line it prints per step. A script that
/// fails or outlives its bound fails the test with its output and the server's log.
/// </summary>
internal static class PolyglotScript
{
    /// <summary>Bound on a whole script; each of its calls has a 30 s deadline of its own.</summary>
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    public static string Root { get; } = FindRoot();

    public static string Protos => Path.Combine(Root, "protos");

    /// <summary>The google/rpc protos of the Google.Api.CommonProtos package this project restores (see the .csproj).</summary>
    public static string CommonProtos { get; } = typeof(PolyglotScript).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GoogleApiCommonProtos").Value!;

    public static string Directory(string language) => Path.Combine(Root, "tests", "Polyglot", language);

    /// <summary>Runs <paramref name="program"/> to completion; the steps by name.</summary>
    public static async Task<Dictionary<string, JsonElement>> RunAsync(string program, IEnumerable<string> args, string workingDirectory,
        ServerProcess? server, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var output = await RunToEndAsync(program, args, workingDirectory, server, environment);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(step => step.GetProperty("step").GetString()!);
    }

    /// <summary>Runs <paramref name="program"/> to completion (a null in <paramref name="environment"/> unsets that variable); what it printed.</summary>
    public static async Task<string> RunToEndAsync(string program, IEnumerable<string> args, string workingDirectory,
        ServerProcess? server, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ScriptTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().DefaultTimeout();
            Assert.Fail($"{program} {string.Join(' ', start.ArgumentList)} ran over {ScriptTimeout.TotalSeconds} s:\n" +
                $"{await errors}\n{await output}{ServerLog(server)}");
        }
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', start.ArgumentList)} failed:\n{await errors}\n{await output}" +
            ServerLog(server));
        return await output;
    }

    private static string ServerLog(ServerProcess? server) => server is null ? "" : "\nserver:\n" + server.Log;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KubeRpc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("KubeRpc.sln not found above " + AppContext.BaseDirectory);
    }
}
