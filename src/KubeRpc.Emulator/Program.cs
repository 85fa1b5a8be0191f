using KubeRpc.Emulator;
using KubeRpc.Emulator.Hosting;

// Standalone emulator: dotnet run --project src/KubeRpc.Emulator -- --urls http://127.0.0.1:8001
// With https:// URLs it serves a throwaway self-signed certificate (for kubectl --token, which needs TLS).
var urls = EmulatorWebHost.DefaultUrl;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--urls")
    {
        urls = args[i + 1];
    }
}
await using var emulator = new KubernetesEmulator();
using var certificate = urls.Contains("https://", StringComparison.OrdinalIgnoreCase) ? SelfSignedCertificate.Create() : null;
var app = EmulatorWebHost.Build(emulator, urls, certificate: certificate);
Console.WriteLine($"KubeRpc.Emulator: Kubernetes API on {urls} (kubectl --server {urls.Split(';')[0]})");
await app.RunAsync();
