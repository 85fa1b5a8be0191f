using System.Globalization;
using k8s;
using KubeRpc.Benchmarks;

// KubeRpc server benchmark (the gRPC throughput part is grpc-bench.sh, which uses --mode seed).
// dotnet run -c Release --project tests/KubeRpc.Benchmarks -- [--mode memory|sync|all|seed|watch|watch-throughput|watch-growth|revocation|endpoints-fanout] [--objects 100000]
//   [--sync 10000,100000] [--namespaces 50] [--url http://127.0.0.1:PORT (seed: the embedded API)] [--services 1000]
// watch: [--subscribers 1,100,1000] [--events-per-second 100] [--seconds 5] [--warmup-seconds 10] [--bookmarks true|false]
// watch-throughput: [--subscribers 100] [--seconds 5] [--step-seconds 3] [--rounds 3] [--pool 100] [--writers 8]
//   [--start-rate 500] [--replay-events 3000] [--client parse|raw] [--source feed|emulator] [--history-retention-seconds 0]
//   [--bare padded|event] (the bare stream writes an EchoReply padded to the event's size, or the ServiceEvent itself)
// watch-growth: [--subscribers 1,100,1000,10000] [--events-per-second 10] [--seconds 10] [--warmup-seconds 10]
//   [--streams-per-connection 500] (growth-table rows; the subscribers run in a child process, --mode watch-client)
// revocation: [--tries 20] (binding deleted -> watch ended)
// endpoints-fanout: [--subscribers 1000] [--channels 10] [--endpoints 10] [--tries 50] [--warmup 20]
//   (EndpointSlice write -> new set at every WatchServiceEndpoints subscriber)
// not-ready-last-call: [--tries 20] [--backends 3] [--callers 4] (Pod patched not ready -> last call its backend served,
//   through a kuberpc:/// round_robin channel)
// reader-token: --url (the embedded API): prints a token allowed to get and list Services (auth-bench.sh)
// list-page-micro: [--services 1000] [--page-size 50]: the server's own work for a cached List page, in process
// read-requests: --dir D [--name svc-000500] [--page-size 50] [--echo-bytes 1194,59856]: request bodies for reads-bench.sh
// writes: [--callers 8] [--rounds 3] [--seconds 3] [--pool 32] (KubeRpc's Create/Update/PatchService beside the same writes
//   straight to a standalone emulator process; growth table rows)
// cache-growth: [--sizes 10000,100000,1000000] [--namespaces 50] [--breakdown true] [--managed-fields false] (Service informer sync and heap per Service
//   over Services stored straight into the emulator; growth table rows)
// grpc-load: --url (gRPC) [--token] [--concurrency 16] [--seconds 10]: cached GetService calls/s from Grpc.Net.Client (auth-bench.sh)
var mode = ArgText("--mode", "all");
var namespaces = Arg("--namespaces", 50);
Console.WriteLine($"# KubeRpc server benchmark, {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
if (mode is "memory" or "all")
{
    MemoryBenchmark.Run(Arg("--objects", 100_000), namespaces);
}
if (mode is "sync" or "all")
{
    foreach (var count in ArgText("--sync", "10000,100000").Split(','))
    {
        await SyncBenchmark.RunAsync(int.Parse(count, CultureInfo.InvariantCulture), namespaces);
    }
}
if (mode is "watch")
{
    await WatchLatencyBenchmark.RunAsync(ArgText("--subscribers", "1,100,1000").Split(',').Select(int.Parse).ToList(),
        Arg("--events-per-second", 100), TimeSpan.FromSeconds(Arg("--seconds", 5)), TimeSpan.FromSeconds(Arg("--warmup-seconds", 10)),
        ArgText("--bookmarks", "true") == "true");
}
if (mode is "watch-throughput")
{
    await WatchThroughputBenchmark.RunAsync(new WatchThroughputBenchmark.Settings(
        Arg("--subscribers", 100), TimeSpan.FromSeconds(Arg("--seconds", 5)), TimeSpan.FromSeconds(Arg("--step-seconds", 3)),
        Arg("--rounds", 3), Arg("--pool", 100), Arg("--writers", 8), Arg("--start-rate", 500), Arg("--replay-events", 3000),
        ArgText("--client", "parse") != "raw", ArgText("--source", "feed") != "emulator",
        TimeSpan.FromSeconds(Arg("--history-retention-seconds", 0)), ArgText("--bare", "padded") == "event"));
}
if (mode is "watch-growth" or "watch-client")
{
    await (mode == "watch-client"
        ? WatchClientProcess.RunChildAsync(Arg("--port", 0), ArgText("--namespace", ""), Arg("--subscribers", 1), ArgText("--from", ""),
            Arg("--streams-per-connection", 500), Arg("--capacity", 1), ArgText("--out", ""))
        : WatchGrowthBenchmark.RunAsync(ArgText("--subscribers", "1,100,1000,10000").Split(',').Select(int.Parse).ToList(),
            Arg("--events-per-second", 10), TimeSpan.FromSeconds(Arg("--seconds", 10)), TimeSpan.FromSeconds(Arg("--warmup-seconds", 10)),
            Arg("--streams-per-connection", 500)));
}
if (mode is "revocation")
{
    await RevocationBenchmark.RunAsync(Arg("--tries", 20));
}
if (mode is "endpoints-fanout")
{
    await EndpointsFanoutBenchmark.RunAsync(Arg("--subscribers", 1000), Arg("--channels", 10), Arg("--endpoints", 10), Arg("--tries", 50),
        Arg("--warmup", 20));
}
if (mode is "not-ready-last-call")
{
    await NotReadyLastCallBenchmark.RunAsync(Arg("--tries", 20), Arg("--backends", 3), Arg("--callers", 4));
}
if (mode is "grpc-load")
{
    var token = ArgText("--token", "");
    await GrpcLoad.RunAsync(ArgText("--url", "http://127.0.0.1:50051"), token.Length == 0 ? null : token, Arg("--concurrency", 16),
        TimeSpan.FromSeconds(Arg("--seconds", 10)), ArgText("--namespace", "bench-00"), ArgText("--name", "svc-000500"));
}
if (mode is "list-page-micro")
{
    ListPageMicroBenchmark.Run(Arg("--services", 1000), Arg("--page-size", 50));
}
if (mode is "read-requests")
{
    var sizes = ArgText("--echo-bytes", "");
    ReadRequests.Write(ArgText("--dir", "."), ArgText("--namespace", "bench-00"), ArgText("--name", "svc-000500"), Arg("--page-size", 50),
        sizes.Length == 0 ? [] : sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
}
if (mode is "reader-token")
{
    using var client = new Kubernetes(new KubernetesClientConfiguration { Host = ArgText("--url", "http://127.0.0.1:6443") });
    Console.WriteLine(await ReaderToken.CreateAsync(client));
}
if (mode is "access-micro")
{
    await using var emulator = new KubeRpc.Emulator.KubernetesEmulator();
    using var client = emulator.CreateClient();
    await AccessMicroBenchmark.RunAsync(client, await ReaderToken.CreateAsync(client));
}
if (mode is "writes")
{
    await WritesBenchmark.RunAsync(Arg("--callers", 8), Arg("--rounds", 3), TimeSpan.FromSeconds(Arg("--seconds", 3)), Arg("--pool", 32));
}
if (mode is "cache-growth")
{
    await CacheGrowthBenchmark.RunAsync(ArgText("--sizes", "10000,100000,1000000").Split(',').Select(int.Parse).ToList(), namespaces,
        ArgText("--breakdown", "false") == "true", ArgText("--managed-fields", "true") == "true");
}
if (mode is "seed")
{
    using var client = new Kubernetes(new KubernetesClientConfiguration { Host = ArgText("--url", "http://127.0.0.1:6443") });
    await SyncBenchmark.SeedAsync(client, Arg("--services", 1000), Arg("--namespaces", 1), "bench");
}

int Arg(string name, int fallback) => int.Parse(ArgText(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string ArgText(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
