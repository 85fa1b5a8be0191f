using System.Diagnostics;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// One running kubectl process: its output is collected whole and also handed out line by line as it arrives,
/// so a test can wait for a background <c>get -w</c> or <c>wait</c> to reach a point before acting.
/// </summary>
public sealed class KubectlProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly KubectlOutputPump _stdout;
    private readonly KubectlOutputPump _stderr;
    private int _disposed;

    private KubectlProcess(Process process)
    {
        _process = process;
        _stdout = new KubectlOutputPump(process.StandardOutput);
        _stderr = new KubectlOutputPump(process.StandardError);
    }

    /// <summary>The kubectl command line (for failure messages).</summary>
    public required string CommandLine { get; init; }

    internal static KubectlProcess Start(ProcessStartInfo startInfo, string? stdin)
    {
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("kubectl did not start");
        var started = new KubectlProcess(process) { CommandLine = string.Join(' ', startInfo.ArgumentList) };
        // Always close stdin so nothing ever waits on a terminal.
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        return started;
    }

    /// <summary>The next complete line of standard output; fails the test if none comes in time.</summary>
    public Task<string> ReadLineAsync(TimeSpan? timeout = null) => _stdout.ReadLineAsync(timeout ?? KubectlDefaults.LineTimeout, CommandLine);

    /// <summary>Waits for a standard-error line that satisfies <paramref name="match"/> (e.g. a -v=6 request log).</summary>
    public async Task<string> WaitForStderrLineAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        while (true)
        {
            var line = await _stderr.ReadLineAsync(timeout ?? KubectlDefaults.LineTimeout, CommandLine);
            if (match(line))
            {
                return line;
            }
        }
    }

    /// <summary>Waits for the process to end by itself; kills it and fails if it runs past <paramref name="timeout"/>.</summary>
    public async Task<KubectlResult> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? KubectlDefaults.CommandTimeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            var partial = await StopAsync();
            throw new TimeoutException($"kubectl {CommandLine} did not finish in time\n{partial.Describe()}");
        }
        return await CollectAsync(_process.ExitCode);
    }

    /// <summary>
    /// Kills the process (with the kubectl the dispatcher started) and returns what it printed; the exit code
    /// is -1 when it had to be killed.
    /// </summary>
    public async Task<KubectlResult> StopAsync()
    {
        var killed = false;
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                killed = true;
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
        }
        await _process.WaitForExitAsync().WaitAsync(KubectlDefaults.CommandTimeout);
        return await CollectAsync(killed ? -1 : _process.ExitCode);
    }

    private async Task<KubectlResult> CollectAsync(int exitCode)
    {
        var stdout = await _stdout.CompletedAsync().WaitAsync(KubectlDefaults.CommandTimeout);
        var stderr = await _stderr.CompletedAsync().WaitAsync(KubectlDefaults.CommandTimeout);
        return new KubectlResult(exitCode, stdout, stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        try
        {
            await StopAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
