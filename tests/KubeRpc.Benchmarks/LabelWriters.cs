using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeRpc.Benchmarks;

/// <summary>
/// Changes made straight at the in-process emulator (KubernetesClient on its handler, no gRPC and no socket):
/// several writers merge-patch one label of a pool of existing Services, so every change is a MODIFIED event of
/// the same size. The emulator admits writes one at a time under its store lock (managedFields included), which
/// bounds the rate; KubeRpc's informer watches the emulator as it would a cluster.
/// </summary>
internal sealed class LabelWriters(IKubernetes client, string ns, IReadOnlyList<string> names, int writers) : IChangeSource
{
    public const string Label = "bench-rev";

    private long _revision;
    private long _lastResourceVersion;

    public long LastResourceVersion => Volatile.Read(ref _lastResourceVersion);

    public string Description => $"{writers} writers merge-patch a label on {names.Count} Services in the in-process emulator";

    public async Task<ChangeRun> RunAsync(double perSecond, TimeSpan duration)
    {
        var total = perSecond > 0 ? (long)(perSecond * duration.TotalSeconds) : long.MaxValue;
        var next = -1L;
        var written = 0L;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            long i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                if (perSecond > 0)
                {
                    var wait = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(start);
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait);
                    }
                }
                else if (Stopwatch.GetElapsedTime(start) >= duration)
                {
                    break;
                }
                await PatchAsync(names[(int)(i % names.Count)]);
                Interlocked.Increment(ref written);
            }
        })));
        return new ChangeRun(written, Stopwatch.GetElapsedTime(start));
    }

    public async Task WriteAsync(long count)
    {
        var next = -1L;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            long i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await PatchAsync(names[(int)(i % names.Count)]);
            }
        })));
    }

    private async Task PatchAsync(string name)
    {
        // A fixed-width value keeps every event the same size.
        var revision = Interlocked.Increment(ref _revision).ToString("D10", CultureInfo.InvariantCulture);
        var patch = new V1Patch("{\"metadata\":{\"labels\":{\"" + Label + "\":\"" + revision + "\"}}}", V1Patch.PatchType.MergePatch);
        var patched = await client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns);
        var version = long.Parse(patched.Metadata.ResourceVersion, CultureInfo.InvariantCulture);
        long seen;
        while (version > (seen = Volatile.Read(ref _lastResourceVersion)) &&
               Interlocked.CompareExchange(ref _lastResourceVersion, version, seen) != seen)
        {
        }
    }
}
