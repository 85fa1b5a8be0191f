using System.Globalization;
using Grpc.Core;
using KubeRpc.Emulator;
using KubeRpc.RobustnessTests.Cluster;
using KubeRpc.RobustnessTests.History;
using KubeRpc.V1;

namespace KubeRpc.RobustnessTests.Workload;

/// <summary>
/// Reads what writers just wrote: cached Gets through the replica the write did not go through, carrying the
/// write's version (read-your-writes across replicas); cached Lists with such a version; strong Gets and Lists, whose
/// floor is the API server's version when the read began. Records every answer; errors are not answers.
/// </summary>
internal sealed class Reader(string name, IReadOnlyList<Replica> replicas, Recorder recorder, KubernetesEmulator api, int seed)
{
    private readonly Random _random = new(seed);

    public int Errors { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(_random.Next(5, 30), CancellationToken.None);
            if (recorder.RecentWrite(_random) is not { } write)
            {
                continue;
            }
            var strong = _random.Next(4) == 0;
            var list = _random.Next(4) == 0;
            var replica = strong || list ? replicas[_random.Next(replicas.Count)] : replicas.First(r => r.Name != write.Replica);
            var min = strong ? api.ResourceVersion : write.Rv!.Value;
            var options = new ReadOptions
            {
                Consistency = strong ? Consistency.Strong : Consistency.Cached,
                MinResourceVersion = strong ? "" : min.ToString(CultureInfo.InvariantCulture),
            };
            var from = strong ? null : write.Replica;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            try
            {
                if (list)
                {
                    var answer = await replica.Services.ListServicesAsync(new ListServicesRequest { Namespace = SharedApiServer.Namespace, ReadOptions = options },
                        deadline: deadline, cancellationToken: CancellationToken.None);
                    var items = answer.Services.ToDictionary(Subscriber.Key, s => Subscriber.Rv(s.Metadata.ResourceVersion), StringComparer.Ordinal);
                    recorder.Read(new ReadRecord(name, replica.Name, strong, null, min, from, null, items, Subscriber.Rv(answer.ResourceVersion)));
                }
                else
                {
                    var ns = write.Key.Split('/');
                    long? found;
                    try
                    {
                        var got = await replica.Services.GetServiceAsync(new GetServiceRequest { Namespace = ns[0], Name = ns[1], ReadOptions = options },
                            deadline: deadline, cancellationToken: CancellationToken.None);
                        found = Subscriber.Rv(got.Metadata.ResourceVersion);
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                    {
                        found = null;
                    }
                    recorder.Read(new ReadRecord(name, replica.Name, strong, write.Key, min, from, found, null, null));
                }
            }
            catch (RpcException)
            {
                Errors++;
            }
        }
    }
}
