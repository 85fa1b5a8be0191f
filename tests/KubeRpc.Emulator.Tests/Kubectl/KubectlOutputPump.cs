using System.Text;
using System.Threading.Channels;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>Reads one stream to its end, keeping all text and queueing each finished line.</summary>
internal sealed class KubectlOutputPump
{
    private readonly StringBuilder _all = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Task _pump;

    public KubectlOutputPump(StreamReader reader) => _pump = Task.Run(() => PumpAsync(reader));

    public async Task<string> ReadLineAsync(TimeSpan timeout, string commandLine)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"kubectl {commandLine}: no further line (so far: «{Snapshot()}»)", e);
        }
    }

    public async Task<string> CompletedAsync()
    {
        await _pump;
        return Snapshot();
    }

    private string Snapshot()
    {
        lock (_all)
        {
            return _all.ToString();
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        var line = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_all)
            {
                _all.Append(buffer, 0, read);
            }
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '\n')
                {
                    _lines.Writer.TryWrite(line.ToString());
                    line.Clear();
                }
                else
                {
                    line.Append(buffer[i]);
                }
            }
        }
        if (line.Length > 0)
        {
            _lines.Writer.TryWrite(line.ToString());
        }
        _lines.Writer.TryComplete();
    }
}
