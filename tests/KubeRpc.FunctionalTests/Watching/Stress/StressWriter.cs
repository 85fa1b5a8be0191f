using Grpc.Core;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Watching.Stress;

/// <summary>
/// Writes its own Services through KubeRpc (create, relabel, delete) and remembers the last write KubeRpc acknowledged
/// for each, so the end state can be checked; a write that failed in a way that leaves its outcome unknown takes its
/// name out of that check.
/// </summary>
internal sealed class StressWriter(ServiceManager.ServiceManagerClient client, int seed, string prefix, int names)
{
    private readonly Random _random = new(seed);

    /// <summary>Per name, the version of its acknowledged last write, or null when that write was a delete.</summary>
    public Dictionary<string, string?> Acknowledged { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Uncertain { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var name = $"{prefix}-{_random.Next(names)}";
            var exists = Acknowledged.TryGetValue(name, out var version) && version is not null;
            try
            {
                if (!exists)
                {
                    var created = await client.CreateServiceAsync(new CreateServiceRequest { Service = ServiceTestKit.ClusterIp(name) },
                        cancellationToken: CancellationToken.None);
                    Done(name, created.Metadata.ResourceVersion);
                }
                else if (_random.Next(3) == 0)
                {
                    await client.DeleteServiceAsync(new DeleteServiceRequest { Namespace = "default", Name = name }, cancellationToken: CancellationToken.None);
                    Done(name, null);
                }
                else
                {
                    var patched = await client.PatchServiceAsync(new PatchServiceRequest
                    {
                        Namespace = "default",
                        Name = name,
                        PatchType = PatchType.MergePatch,
                        Patch = "{\"metadata\":{\"labels\":{\"tick\":\"" + _random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}}}",
                    }, cancellationToken: CancellationToken.None);
                    Done(name, patched.Metadata.ResourceVersion);
                }
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.AlreadyExists or StatusCode.NotFound)
            {
                // An earlier write whose answer was lost did land: the next attempt finds out which.
                Uncertain.Add(name);
                Acknowledged[name] = e.StatusCode == StatusCode.AlreadyExists ? "?" : null;
            }
            catch (RpcException)
            {
                Uncertain.Add(name);
            }
            await Task.Delay(_random.Next(5, 40), CancellationToken.None);
        }
    }

    private void Done(string name, string? version)
    {
        Acknowledged[name] = version;
        Uncertain.Remove(name);
    }
}
