using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Google.Protobuf;
using KubeRpc.Benchmarks.Echo;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The watch subscribers of <see cref="WatchGrowthBenchmark"/> in a process of their own (this program with
/// <c>--mode watch-client</c>), so the server's latency and CPU are not shared with the clients' decoding. The child
/// opens N WatchServices streams from a known resource_version (or N <see cref="BareFanoutServer"/> streams from a
/// known publish) over <see cref="RawWatchConnection"/>s, says
/// <c>ready</c> once every stream has its first message, and on <c>collect K</c> waits for K messages per stream and
/// writes every receipt time (Stopwatch ticks: CLOCK_MONOTONIC on Linux, so comparable with the parent's) to a file.
/// </summary>
internal sealed class WatchClientProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _file;

    private WatchClientProcess(Process process, string file)
    {
        _process = process;
        _file = file;
    }

    public TimeSpan Cpu => _process.TotalProcessorTime;

    /// <summary>Starts the child and returns once its streams are opened (not yet subscribed: see <see cref="ReadyAsync"/>).</summary>
    /// <param name="ns">The namespace watched, or "" for the bare server's stream.</param>
    /// <param name="from">The resource_version the watch starts from, or the bare server's publish number.</param>
    public static async Task<WatchClientProcess> StartAsync(int port, string ns, int subscribers, string from,
        int streamsPerConnection, int capacity)
    {
        var file = Path.Combine(Path.GetTempPath(), $"watch-client-{Environment.ProcessId}-{port}-{ns}.bin");
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }
        foreach (var arg in new[]
                 {
                     "--mode", "watch-client", "--port", $"{port}", "--namespace", ns, "--subscribers", $"{subscribers}",
                     "--from", from, "--streams-per-connection", $"{streamsPerConnection}",
                     "--capacity", $"{capacity}", "--out", file,
                 })
        {
            info.ArgumentList.Add(arg);
        }
        // A light client: workstation GC, so its heaps and GC threads take less from the server's two cores.
        info.Environment["DOTNET_gcServer"] = "0";
        var child = new WatchClientProcess(Process.Start(info)!, file);
        await child.ExpectAsync("opened", TimeSpan.FromSeconds(60));
        return child;
    }

    /// <summary>Waits until every stream has received its first message; returns how many had ended instead.</summary>
    public async Task<int> ReadyAsync(TimeSpan limit) => int.Parse((await ExpectAsync("ready", limit))[1], CultureInfo.InvariantCulture);

    /// <summary>Asks for <paramref name="messages"/> per stream and returns each stream's receipt times and whether it ended.</summary>
    public async Task<(long[][] Times, int Ended)> CollectAsync(int messages, TimeSpan limit)
    {
        await _process.StandardInput.WriteLineAsync($"collect {messages}");
        await _process.StandardInput.FlushAsync();
        var done = await ExpectAsync("done", limit + TimeSpan.FromSeconds(30));
        using var reader = new BinaryReader(File.OpenRead(_file));
        var streams = reader.ReadInt32();
        var times = new long[streams][];
        for (var i = 0; i < streams; i++)
        {
            times[i] = new long[reader.ReadInt32()];
            for (var k = 0; k < times[i].Length; k++)
            {
                times[i][k] = reader.ReadInt64();
            }
        }
        File.Delete(_file);
        return (times, int.Parse(done[1], CultureInfo.InvariantCulture));
    }

    private async Task<string[]> ExpectAsync(string word, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var parts = line.Split(' ');
            if (parts[0] == word)
            {
                return parts;
            }
        }
        throw new InvalidOperationException($"the watch client exited (code {_process.ExitCode}) before saying {word}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
            }
        }
        _process.Dispose();
    }

    /// <summary>The child's side: see the class summary. Exits when its standard input closes.</summary>
    public static async Task RunChildAsync(int port, string ns, int subscribers, string from, int streamsPerConnection,
        int capacity, string file)
    {
        var (path, request) = ns.Length == 0
            ? ("/bench.BareEvents/Stream", new StreamRequest { Count = int.Parse(from, CultureInfo.InvariantCulture) }.ToByteArray())
            : ("/kuberpc.v1.ServiceManager/WatchServices",
                new WatchServicesRequest { Namespace = ns, ResourceVersion = from, AllowBookmarks = false }.ToByteArray());
        var connections = new List<RawWatchConnection>();
        for (var opened = 0; opened < subscribers; opened += streamsPerConnection)
        {
            connections.Add(await RawWatchConnection.OpenAsync(port, path, request,
                Math.Min(streamsPerConnection, subscribers - opened), capacity));
        }
        var readers = connections.Select(c => Task.Run(c.ReadAsync)).ToList();
        var streams = connections.SelectMany(c => c.Streams).ToList();
        Console.WriteLine("opened");
        await UntilEachHasAsync(streams, 1, TimeSpan.FromSeconds(120));
        Console.WriteLine($"ready {streams.Count(s => s.Ended)}");
        while (Console.ReadLine() is { } line)
        {
            var messages = int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
            await UntilEachHasAsync(streams, messages, TimeSpan.FromSeconds(60));
            using (var writer = new BinaryWriter(File.Create(file)))
            {
                writer.Write(streams.Count);
                foreach (var stream in streams)
                {
                    var count = Math.Min(stream.Count, stream.Times.Length);
                    writer.Write(count);
                    for (var k = 0; k < count; k++)
                    {
                        writer.Write(stream.Times[k]);
                    }
                }
            }
            Console.WriteLine($"done {streams.Count(s => s.Ended)}");
        }
        foreach (var connection in connections)
        {
            connection.Dispose();
        }
        await Task.WhenAll(readers);
    }

    private static async Task UntilEachHasAsync(List<RawWatchConnection.StreamState> streams, int messages, TimeSpan limit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (streams.Any(s => s.Count < messages && !s.Ended) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(10);
        }
    }
}
