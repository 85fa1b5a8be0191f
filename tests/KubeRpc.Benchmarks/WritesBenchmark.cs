using System.Diagnostics;
using System.Globalization;
using Grpc.Health.V1;
using Grpc.Net.Client;
using k8s;
using k8s.Models;
using KubeRpc.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeRpc.Benchmarks;

/// <summary>
/// Writes through KubeRpc beside the same writes sent straight to the API server. The API server is the standalone
/// emulator in its own process on 127.0.0.1; KubeRpc runs in this process in KubeConfig mode against it (Auth:Mode None,
/// its Service informer watching throughout, as in production, so the direct run pays for the watch too), and both
/// kinds of caller run in this process. Each round runs every verb both ways, the order alternating per round; the
/// first round is a warm-up and is discarded; figures are medians over the rounds.
/// </summary>
internal static class WritesBenchmark
{
    private static readonly string[] Verbs = ["create", "update", "patch"];

    public static async Task RunAsync(int callers, int rounds, TimeSpan phase, int poolPerCaller)
    {
        Console.WriteLine($"# Writes: KubeRpc (gRPC) beside direct (KubernetesClient), {callers} callers, {rounds} rounds of {phase.TotalSeconds:0} s per verb and way, after a warm-up round");
        using var emulator = await EmulatorProcess.StartAsync();
        using var admin = new Kubernetes(new KubernetesClientConfiguration { Host = emulator.Url });
        foreach (var ns in new[] { "writes-kuberpc", "writes-direct" })
        {
            await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"kuberpc-writes-{Environment.ProcessId}.yaml");
        await File.WriteAllTextAsync(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: bench
              cluster: {server: "{{emulator.Url}}"}
            contexts:
            - name: bench
              context: {cluster: bench}
            current-context: bench
            """);
        var app = await StartKubeRpcAsync(kubeconfig);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var channel = GrpcChannel.ForAddress(address);
            await UntilServingAsync(channel);
            IWriteCalls[] ways = [new KubeRpcWriteCalls(channel, "writes-kuberpc"), new DirectWriteCalls(admin, "writes-direct")];
            foreach (var way in ways)
            {
                await way.CreatePoolAsync(callers, poolPerCaller);
            }
            var results = new Dictionary<(string Way, string Verb), List<PhaseResult>>();
            long seq = 0;
            for (var round = 0; round <= rounds; round++)
            {
                var order = round % 2 == 0 ? ways : [.. ways.Reverse()];
                foreach (var verb in Verbs)
                {
                    foreach (var way in order)
                    {
                        var result = await RunPhaseAsync(way, verb, callers, phase, emulator.ProcessId, () => Interlocked.Increment(ref seq));
                        if (round > 0)
                        {
                            (results.TryGetValue((way.Name, verb), out var list) ? list : results[(way.Name, verb)] = []).Add(result);
                        }
                        Console.WriteLine($"# round {round}{(round == 0 ? " (warm-up)" : "")} {verb,-6} {way.Name,-7}: {result}");
                    }
                    if (verb == "create")
                    {
                        // Untimed: the created Services go, so every phase sees a store of the same size.
                        await RemoveCreatedAsync(admin);
                    }
                }
            }
            Report(results, callers);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            File.Delete(kubeconfig);
        }
    }

    private static async Task RemoveCreatedAsync(IKubernetes admin)
    {
        foreach (var ns in new[] { "writes-kuberpc", "writes-direct" })
        {
            await admin.CoreV1.DeleteCollectionNamespacedServiceAsync(ns, labelSelector: WriteNames.CreatedLabel + "=true");
        }
        await Task.Delay(1000); // KubeRpc's informer takes the deletions in
    }

    private static async Task<PhaseResult> RunPhaseAsync(IWriteCalls way, string verb, int callers, TimeSpan phase, int emulatorPid, Func<long> next)
    {
        Func<int, long, Task> call = verb switch
        {
            "create" => way.CreateAsync,
            "update" => way.UpdateAsync,
            _ => way.PatchAsync,
        };
        var latencies = new List<double>[callers];
        var emulatorCpu = ProcessCpu.Of(emulatorPid);
        var ownCpu = ProcessCpu.Self();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(16_384);
            while (clock.Elapsed < phase)
            {
                var started = Stopwatch.GetTimestamp();
                await call(c, next());
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new PhaseResult(all.Count / elapsed.TotalSeconds, all[(int)Math.Min(all.Count - 1, Math.Ceiling(all.Count * 0.99) - 1)],
            (ProcessCpu.Self() - ownCpu).TotalMicroseconds / all.Count, (ProcessCpu.Of(emulatorPid) - emulatorCpu).TotalMicroseconds / all.Count);
    }

    private static void Report(Dictionary<(string Way, string Verb), List<PhaseResult>> results, int callers)
    {
        Console.WriteLine("# medians over the rounds; 'this process' is KubeRpc and its gRPC callers (KubeRpc way) or the KubernetesClient callers and");
        Console.WriteLine("# KubeRpc's idle-but-watching informer (direct way); the emulator's CPU is the API server's");
        foreach (var verb in Verbs)
        {
            var k = results[("KubeRpc", verb)];
            var d = results[("direct", verb)];
            Console.WriteLine($"# {verb}: KubeRpc {Median(k, r => r.PerSecond):N0}/s p99 {Median(k, r => r.P99):0.00} ms " +
                $"(this process {Median(k, r => r.OwnCpuMicros):N0} µs, emulator {Median(k, r => r.EmulatorCpuMicros):N0} µs CPU per write); " +
                $"direct {Median(d, r => r.PerSecond):N0}/s p99 {Median(d, r => r.P99):0.00} ms " +
                $"(this process {Median(d, r => r.OwnCpuMicros):N0} µs, emulator {Median(d, r => r.EmulatorCpuMicros):N0} µs); " +
                $"ops/s spread KubeRpc {Spread(k)}, direct {Spread(d)}");
            // On a CPU-bound machine shared by all three, throughput follows the CPU a write costs in all; this ratio is
            // steadier than the ops/s one when other load comes and goes.
            var cpuRatio = (Median(d, r => r.OwnCpuMicros) + Median(d, r => r.EmulatorCpuMicros)) / (Median(k, r => r.OwnCpuMicros) + Median(k, r => r.EmulatorCpuMicros));
            Console.WriteLine($"# {verb}: CPU per write in all, direct ÷ KubeRpc: {cpuRatio * 100:0} % (KubeRpc's process adds {Median(k, r => r.OwnCpuMicros) - Median(d, r => r.OwnCpuMicros):N0} µs)");
        }
        foreach (var verb in Verbs)
        {
            var k = results[("KubeRpc", verb)];
            var d = results[("direct", verb)];
            var ratio = Median(k, r => r.PerSecond) / Median(d, r => r.PerSecond);
            var workload = verb switch
            {
                "create" => "CreateService",
                "update" => "UpdateService (PUT)",
                _ => "PatchService (merge patch)",
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| writes | {workload}, c={callers} | {Median(k, r => r.PerSecond):N0} /s, p99 {Median(k, r => r.P99):0.0} ms | " +
                $"{Median(d, r => r.PerSecond):N0} /s, p99 {Median(d, r => r.P99):0.0} ms (direct) | {ratio * 100:0} % | >= 80 % of direct | {(ratio >= 0.8 ? "yes" : "no")} |"));
        }
    }

    private static double Median(List<PhaseResult> results, Func<PhaseResult, double> figure)
    {
        var sorted = results.Select(figure).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Spread(List<PhaseResult> results) =>
        string.Create(CultureInfo.InvariantCulture, $"{results.Min(r => r.PerSecond):N0}-{results.Max(r => r.PerSecond):N0}");

    private static async Task<WebApplication> StartKubeRpcAsync(string kubeconfig)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = "KubeConfig",
            ["Kubernetes:KubeConfigPath"] = kubeconfig,
            ["Auth:Mode"] = "None",
            ["Server:GrpcUrl"] = "http://127.0.0.1:0",
            ["Server:ManagementUrl"] = "",
            ["Watch:ShutdownGracePeriod"] = "00:00:00",
        });
        builder.AddKubeRpc();
        var app = builder.Build();
        app.MapKubeRpc();
        await app.StartAsync();
        return app;
    }

    private static async Task UntilServingAsync(GrpcChannel channel)
    {
        var health = new Health.HealthClient(channel);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await health.CheckAsync(new HealthCheckRequest(), cancellationToken: giveUp.Token)).Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            await Task.Delay(50, giveUp.Token);
        }
    }

    private readonly record struct PhaseResult(double PerSecond, double P99, double OwnCpuMicros, double EmulatorCpuMicros)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{PerSecond:N0}/s, p99 {P99:0.00} ms, CPU per write: this process {OwnCpuMicros:N0} µs, emulator {EmulatorCpuMicros:N0} µs");
    }
}
