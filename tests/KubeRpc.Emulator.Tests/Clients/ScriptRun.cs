using System.Text;
using System.Text.Json;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Clients;

/// <summary>
/// A client script running against the emulator: the test reads its JSON lines step by step, in order, and
/// writes commands to it. Any surprise (another step, an error step, the end, a timeout) fails the test with the
/// whole transcript and the script's stderr.
/// </summary>
internal sealed class ScriptRun : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly StringBuilder _transcript = new();

    private ScriptRun(ChildProcess process) => _process = process;

    /// <summary>Runs <c>Clients/python/<paramref name="script"/></c> with Debian's python3.</summary>
    public static ScriptRun Python(string script, string url, string ns) => new(ChildProcess.Start(
        ClientTools.Python, [TestSources.PathOf($"Clients/python/{script}"), url, ns],
        TestSources.PathOf("Clients/python"),
        new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1", ["PYTHONUNBUFFERED"] = "1" }));

    /// <summary>Runs <c>Clients/node/<paramref name="script"/></c> with node.</summary>
    public static ScriptRun Node(string script, string url, string ns) => new(ChildProcess.Start(
        "node", [script, url, ns], ClientTools.NodeDirectory));

    /// <summary>The next line, which must be the step <paramref name="step"/>.</summary>
    public async Task<ScriptStep> ExpectAsync(string step)
    {
        var next = await NextAsync();
        if (next.Name != step)
        {
            Fail($"expected step '{step}', got '{next.Name}'");
        }
        return next;
    }

    /// <summary>The next line, whatever step it is.</summary>
    public async Task<ScriptStep> NextAsync()
    {
        string? line;
        try
        {
            line = await _process.ReadLineAsync(TaskTimeouts.DefaultToken());
        }
        catch (OperationCanceledException)
        {
            Fail($"no output within {TaskTimeouts.Default.TotalSeconds} s");
            throw;
        }
        if (line is null)
        {
            // Let stderr drain so the message shows why it ended.
            var code = await _process.WaitForExitAsync(TaskTimeouts.DefaultToken());
            Fail($"the script ended with exit code {code}");
        }
        _transcript.AppendLine(line);
        ScriptStep step;
        try
        {
            step = new ScriptStep(JsonDocument.Parse(line!).RootElement.Clone());
        }
        catch (JsonException)
        {
            Fail("the script printed a line that is not JSON");
            throw;
        }
        if (step.Name == "error")
        {
            Fail($"the script failed: {step.At("type")}: {step.At("message")}");
        }
        return step;
    }

    /// <summary>Writes a command line to the script's stdin.</summary>
    public Task SendAsync(string command) => _process.WriteLineAsync(command).DefaultTimeout();

    /// <summary>Expects the final <c>done</c> step and a clean exit.</summary>
    public async Task ExpectDoneAsync()
    {
        await ExpectAsync("done");
        var code = await _process.WaitForExitAsync(TaskTimeouts.DefaultToken());
        if (code != 0)
        {
            Fail($"the script exited with {code}");
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private void Fail(string what) => Assert.Fail(
        $"{what}\ncommand: {_process.CommandLine}\n--- stdout so far ---\n{_transcript}--- stderr ---\n{_process.StandardError}");
}
