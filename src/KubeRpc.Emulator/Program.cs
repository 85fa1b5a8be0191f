using KubeRpc.Emulator;
using KubeRpc.Emulator.Hosting;

// Standalone emulator: dotnet run --project src/KubeRpc.Emulator -- --urls http://127.0.0.1:8001
// With https:// URLs it serves a throwaway self-signed certificate (for kubectl --token, which needs TLS).
// --pod-cidr 127.0.0.0/24 gives pods loopback IPs, so that backends listening there answer at their pod IPs.
// --endpointslice-controller false turns that controller off (load benchmarks: EmulatorOptions.EndpointSliceController).
var urls = EmulatorWebHost.DefaultUrl;
var options = new EmulatorOptions();
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--urls")
    {
        urls = args[i + 1];
    }
    else if (args[i] == "--pod-cidr")
    {
        options = options with { PodCidr = args[i + 1] };
    }
    else if (args[i] == "--endpointslice-controller")
    {
        options = options with { EndpointSliceController = bool.Parse(args[i + 1]) };
    }
}
await using var emulator = new KubernetesEmulator(options);
using var certificate = urls.Contains("https://", StringComparison.OrdinalIgnoreCase) ? SelfSignedCertificate.Create() : null;
var app = EmulatorWebHost.Build(emulator, urls, certificate: certificate);
Console.WriteLine($"KubeRpc.Emulator: Kubernetes API on {urls} (kubectl --server {urls.Split(';')[0]})");
await app.RunAsync();
