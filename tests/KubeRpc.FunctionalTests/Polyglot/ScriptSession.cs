using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// A client script of tests/Polyglot that runs beside the test, for flows where the test changes the cluster while the
/// client lives: lines go to its stdin, the JSON step lines it prints are read as they come. Disposing ends its stdin
/// and kills it if it has not exited shortly after.
/// </summary>
internal sealed class ScriptSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _steps = Channel.CreateUnbounded<JsonElement>();
    private readonly ConcurrentQueue<string> _output = new();

    private ScriptSession(Process process)
    {
        _process = process;
    }

    public static ScriptSession Start(string program, IEnumerable<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var session = new ScriptSession(process);
        process.OutputDataReceived += (_, e) => session.OnLine(e.Data, parse: true);
        process.ErrorDataReceived += (_, e) => session.OnLine(e.Data, parse: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return session;
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>
    /// The next step named <paramref name="step"/> for which <paramref name="until"/> holds (earlier ones are passed over);
    /// fails with everything the script printed when it does not come within <paramref name="timeout"/> or the script ends.
    /// </summary>
    public async Task<JsonElement> NextAsync(string step, Func<JsonElement, bool> until, TimeSpan timeout, string waitingFor)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _steps.Reader.ReadAllAsync(limit.Token))
            {
                if (line.GetProperty("step").GetString() == step && until(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            Assert.Fail($"waited {timeout.TotalSeconds:0.#} s for {waitingFor}; the script printed:\n{Output}");
        }
        Assert.Fail($"the script ended (exit code {(_process.HasExited ? _process.ExitCode : "?")}) before {waitingFor}:\n{Output}");
        return default;
    }

    /// <summary>Everything printed so far, stdout and stderr in the order read.</summary>
    public string Output => string.Join('\n', _output);

    private void OnLine(string? line, bool parse)
    {
        if (line is null)
        {
            if (parse)
            {
                _steps.Writer.TryComplete();
            }
            return;
        }
        _output.Enqueue(line);
        if (parse && line.StartsWith('{'))
        {
            _steps.Writer.TryWrite(JsonDocument.Parse(line).RootElement);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
