using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The standalone emulator (src/KubeRpc.Emulator's Program.cs, from this build's output) in its own process on
/// 127.0.0.1, as a real API server would be: its CPU is its own, so a write's cost splits honestly between KubeRpc and it.
/// Its EndpointSlice controller is off (kube-controller-manager is not part of kube-apiserver).
/// </summary>
internal sealed class EmulatorProcess : IDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public int ProcessId => _process.Id;

    public static async Task<EmulatorProcess> StartAsync()
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var dll = Path.Combine(AppContext.BaseDirectory, "KubeRpc.Emulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Without the EndpointSlice controller: in the emulator it is a pass over every Service after each change, in the
        // API server's process, and under a stream of writes it would take a core (EmulatorOptions.EndpointSliceController).
        foreach (var arg in new[] { dll, "--urls", url, "--endpointslice-controller", "false" })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("the emulator did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"emulator: {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new EmulatorProcess(process, url);
        using var http = new HttpClient();
        for (var tries = 0; ; tries++)
        {
            try
            {
                (await http.GetAsync(url + "/version")).EnsureSuccessStatusCode();
                return emulator;
            }
            catch (HttpRequestException) when (tries < 200 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
