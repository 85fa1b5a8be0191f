using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;
using KubeRpc.Emulator;
using KubeRpc.Emulator.Benchmarks;
using KubeRpc.Emulator.Hosting;

// Emulator benchmark: creates/s, get and list latency at N services, and watch fan-out, in-process and over HTTP.
// dotnet run -c Release --project tests/KubeRpc.Emulator.Benchmarks -- [--services 10000] [--watchers 100] [--events 10000] [--mode inproc|http|both]
var services = Arg("--services", 10_000);
var watchers = Arg("--watchers", 100);
var events = Arg("--events", 10_000);
var mode = ArgText("--mode", "both");
Console.WriteLine($"# KubeRpc.Emulator benchmark: {services} services, {watchers} watchers x {events} events, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
if (mode is "inproc" or "both")
{
    await using var emulator = new KubernetesEmulator();
    using var client = emulator.CreateClient();
    await RunAsync("in-process handler", client);
}
if (mode is "http" or "both")
{
    await using var emulator = new KubernetesEmulator();
    var app = EmulatorWebHost.Build(emulator, "http://127.0.0.1:0");
    await app.StartAsync();
    using var client = new Kubernetes(new KubernetesClientConfiguration { Host = app.Urls.First() });
    await RunAsync("HTTP on loopback", client);
    await app.StopAsync();
}

async Task RunAsync(string label, IKubernetes client)
{
    Console.WriteLine($"\n## {label}");
    await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "bench" } });
    await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "fanout" } });

    // Creates, 8 concurrent callers.
    var sw = Stopwatch.StartNew();
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < services)
        {
            await client.CoreV1.CreateNamespacedServiceAsync(Service($"svc-{i:D6}"), "bench");
        }
    }));
    Console.WriteLine($"create: {services / sw.Elapsed.TotalSeconds:0} creates/s ({services} services, 8 concurrent callers)");

    var get = new Latency();
    for (var i = 0; i < 5000; i++)
    {
        var name = $"svc-{Random.Shared.Next(services):D6}";
        await get.TimeAsync(() => client.CoreV1.ReadNamespacedServiceAsync(name, "bench"));
    }
    Console.WriteLine($"get at {services} services: {get.Summary()}");

    var page = new Latency();
    for (var i = 0; i < 200; i++)
    {
        await page.TimeAsync(() => client.CoreV1.ListNamespacedServiceAsync("bench", limit: 50, labelSelector: "tier=fe"));
    }
    Console.WriteLine($"list limit=50 with label selector at {services}: {page.Summary()}");

    var full = new Latency();
    for (var i = 0; i < 20; i++)
    {
        await full.TimeAsync(() => client.CoreV1.ListNamespacedServiceAsync("bench"));
    }
    Console.WriteLine($"list all {services}: {full.Summary()}");

    // Watch fan-out: every watcher must see every event.
    var rv = (await client.CoreV1.ListNamespacedServiceAsync("fanout")).Metadata.ResourceVersion;
    using var cts = new CancellationTokenSource();
    var received = new long[watchers];
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    var finished = 0;
    var tasks = Enumerable.Range(0, watchers).Select(w => Task.Run(async () =>
    {
        try
        {
            await foreach (var (type, _) in client.CoreV1.WatchListNamespacedServiceAsync("fanout", resourceVersion: rv, cancellationToken: cts.Token))
            {
                if (++received[w] == events && Interlocked.Increment(ref finished) == watchers)
                {
                    done.TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
        }
    })).ToArray();
    sw.Restart();
    for (var i = 0; i < events; i++)
    {
        await client.CoreV1.CreateNamespacedServiceAsync(Service($"ev-{i:D6}"), "fanout");
    }
    var writeSeconds = sw.Elapsed.TotalSeconds;
    await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
    var total = sw.Elapsed.TotalSeconds;
    Console.WriteLine($"watch fan-out: {events} events to {watchers} watchers delivered in {total:0.00} s " +
        $"({(double)events * watchers / total:0} deliveries/s; writes took {writeSeconds:0.00} s)");
    await cts.CancelAsync();
    await Task.WhenAll(tasks);
}

static V1Service Service(string name) => new()
{
    Metadata = new V1ObjectMeta
    {
        Name = name,
        Labels = new Dictionary<string, string> { ["app"] = name, ["tier"] = name.GetHashCode(StringComparison.Ordinal) % 2 == 0 ? "fe" : "be" },
    },
    Spec = new V1ServiceSpec
    {
        Selector = new Dictionary<string, string> { ["app"] = name },
        Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 }, new V1ServicePort { Name = "https", Port = 443, TargetPort = 8443 }],
    },
};

int Arg(string name, int fallback) => int.Parse(ArgText(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string ArgText(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
