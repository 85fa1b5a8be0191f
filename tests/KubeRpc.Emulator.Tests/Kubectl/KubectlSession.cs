using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using KubeRpc.Emulator.Hosting;
using KubeRpc.Emulator.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// A fresh emulator served over loopback HTTP, plus a private HOME (so kubectl's discovery cache never leaks
/// between tests), an empty kubeconfig, a private TMPDIR and a working folder for manifests. Every command gets
/// <c>--server &lt;url&gt;</c>. The emulator's clock stands still at <see cref="Instant"/> (nothing advances it), so
/// AGE columns read <c>0s</c> and creation timestamps are known. With <c>https</c>, the emulator also serves TLS with a
/// throwaway certificate, for <see cref="RunWithTokenAsync"/> (kubectl sends a token only over TLS).
/// </summary>
public sealed class KubectlSession : IAsyncDisposable
{
    /// <summary>2025-01-02T15:04:05Z, what every creation timestamp of a session reads.</summary>
    public static readonly DateTimeOffset Instant = new(2025, 1, 2, 15, 4, 5, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly DirectoryInfo _root;
    private readonly string _home;
    private readonly string _kubeconfig;
    private readonly List<KubectlProcess> _processes = [];
    private readonly X509Certificate2? _certificate;

    private KubectlSession(KubernetesEmulator emulator, WebApplication app, string url, X509Certificate2? certificate = null, string? httpsUrl = null)
    {
        Emulator = emulator;
        _app = app;
        Url = url;
        _certificate = certificate;
        HttpsUrl = httpsUrl;
        _root = Directory.CreateTempSubdirectory("kuberpc-kubectl-");
        _home = _root.CreateSubdirectory("home").FullName;
        WorkDir = _root.CreateSubdirectory("work").FullName;
        TempDir = _root.CreateSubdirectory("tmp").FullName;
        _kubeconfig = Path.Combine(_root.FullName, "kubeconfig");
        File.WriteAllText(_kubeconfig, "");
        if (certificate is not null)
        {
            File.WriteAllText(Path.Combine(_root.FullName, "ca.crt"), certificate.ExportCertificatePem());
        }
    }

    /// <summary>The emulator's TLS URL when the session was started with <c>https</c>.</summary>
    public string? HttpsUrl { get; }

    public KubernetesEmulator Emulator { get; }

    /// <summary>The emulator's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    /// <summary>kubectl's working directory: files written by <see cref="WriteFile"/> are named relative to it.</summary>
    public string WorkDir { get; }

    /// <summary>kubectl's TMPDIR (edit and diff copies land here and go away with the session).</summary>
    public string TempDir { get; }

    public static async Task<KubectlSession> StartAsync(EmulatorOptions? options = null, bool https = false)
    {
        var emulator = new KubernetesEmulator(options ?? new EmulatorOptions { TimeProvider = new FakeTimeProvider(Instant) });
        var certificate = https ? SelfSignedCertificate.Create() : null;
        var app = EmulatorWebHost.Build(emulator, https ? "http://127.0.0.1:0;https://127.0.0.1:0" : "http://127.0.0.1:0", certificate: certificate);
        await app.StartAsync().DefaultTimeout();
        var url = app.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal));
        return new KubectlSession(emulator, app, url, certificate, app.Urls.FirstOrDefault(u => u.StartsWith("https://", StringComparison.Ordinal)));
    }

    /// <summary>Runs kubectl against the TLS URL as the holder of <paramref name="token"/> (the session must use https).</summary>
    public Task<KubectlResult> RunWithTokenAsync(string token, params string[] args) =>
        RunAsync(["--server", HttpsUrl ?? throw new InvalidOperationException("the session serves no TLS"),
            "--certificate-authority", Path.Combine(_root.FullName, "ca.crt"), "--token", token, .. args]);

    /// <summary>Writes a file into <see cref="WorkDir"/> and returns its relative name (as kubectl will print it).</summary>
    public string WriteFile(string name, string text)
    {
        File.WriteAllText(Path.Combine(WorkDir, name), text);
        return name;
    }

    /// <summary>Writes an executable shell script into <see cref="WorkDir"/> and returns its full path.</summary>
    public string WriteScript(string name, string text)
    {
        var path = Path.Combine(WorkDir, name);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    /// <summary>Runs kubectl to completion.</summary>
    public Task<KubectlResult> RunAsync(params string[] args) => RunAsync(args, stdin: null, env: null);

    /// <summary>Runs kubectl to completion with standard input and extra environment variables.</summary>
    public async Task<KubectlResult> RunAsync(string[] args, string? stdin, IReadOnlyDictionary<string, string>? env = null)
    {
        await using var process = Start(args, stdin, env);
        return await process.WaitForExitAsync();
    }

    /// <summary>Starts kubectl in the background (for <c>get -w</c>, <c>wait</c>); it is killed when the session ends.</summary>
    public KubectlProcess Start(params string[] args) => Start(args, stdin: null, env: null);

    public KubectlProcess Start(string[] args, string? stdin, IReadOnlyDictionary<string, string>? env)
    {
        var startInfo = new ProcessStartInfo(KubectlDefaults.Executable)
        {
            WorkingDirectory = WorkDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        startInfo.ArgumentList.Add("--server");
        startInfo.ArgumentList.Add(Url);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }
        var environment = startInfo.Environment;
        foreach (var name in environment.Keys.Where(k => k.StartsWith("KUBECTL_", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(name);
        }
        foreach (var name in KubectlDefaults.ScrubbedVariables)
        {
            environment.Remove(name);
        }
        environment["HOME"] = _home;
        environment["KUBECONFIG"] = _kubeconfig;
        environment["TMPDIR"] = TempDir;
        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }
        var process = KubectlProcess.Start(startInfo, stdin);
        lock (_processes)
        {
            _processes.Add(process);
        }
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        List<KubectlProcess> processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
        await _app.StopAsync().DefaultTimeout();
        await _app.DisposeAsync();
        await Emulator.DisposeAsync();
        _certificate?.Dispose();
        _root.Delete(recursive: true);
    }
}
