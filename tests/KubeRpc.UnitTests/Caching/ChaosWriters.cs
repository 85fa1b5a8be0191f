using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeRpc.UnitTests.Caching;

/// <summary>
/// Concurrent writers that create, relabel and delete Services they own (so they never conflict), retrying
/// injected failures, and call a fault hook every few operations, so faults land while writes are in flight.
/// </summary>
internal sealed class ChaosWriters(IKubernetes client, IReadOnlyList<string> namespaces, int seed)
{
    private int _operations;

    public int Deletes;

    public async Task RunAsync(int writers, int operationsEach, int faultEvery, Action<Random> injectFault)
    {
        var chaos = new Random(seed);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed * 31 + w);
            var existing = new HashSet<string>();
            for (var op = 0; op < operationsEach; op++)
            {
                var name = $"w{w}-{random.Next(25)}";
                // A fixed namespace per name (string hashes are randomised per process, so derive it from the name).
                var ns = namespaces[(w * 25 + int.Parse(name.AsSpan(name.IndexOf('-') + 1), CultureInfo.InvariantCulture)) % namespaces.Count];
                await WriteAsync(random, existing, ns, name, op);
                if (Interlocked.Increment(ref _operations) % faultEvery == 0)
                {
                    lock (chaos)
                    {
                        injectFault(chaos);
                    }
                }
            }
        })));
    }

    private async Task WriteAsync(Random random, HashSet<string> existing, string ns, string name, int op)
    {
        if (!existing.Contains(name))
        {
            await Transient.RetryAsync(() => client.CoreV1.CreateNamespacedServiceAsync(ServiceCacheHost.ServiceObject(name), ns));
            existing.Add(name);
        }
        else if (random.Next(3) == 0)
        {
            await Transient.RetryAsync(() => client.CoreV1.DeleteNamespacedServiceAsync(name, ns));
            existing.Remove(name);
            Interlocked.Increment(ref Deletes);
        }
        else
        {
            var patch = "{\"metadata\":{\"labels\":{\"op\":\"" + op.ToString(CultureInfo.InvariantCulture) + "\"}}}";
            await Transient.RetryAsync(() => client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), name, ns));
        }
    }
}
