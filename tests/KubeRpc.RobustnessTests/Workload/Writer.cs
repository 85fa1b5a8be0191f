using System.Globalization;
using Grpc.Core;
using KubeRpc.RobustnessTests.Cluster;
using KubeRpc.RobustnessTests.History;
using KubeRpc.V1;

namespace KubeRpc.RobustnessTests.Workload;

/// <summary>
/// Creates, updates (read through a replica at its own last version, then replaced), patches and deletes its own
/// Services through either replica, each create, update and patch labelled with its op id so the checker finds it in
/// the API server's log; records every outcome. After an outcome it cannot know, it reads strongly to learn the state.
/// </summary>
internal sealed class Writer(string prefix, IReadOnlyList<Replica> replicas, Recorder recorder, int seed)
{
    private const int Names = 6;
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, long?> _known = new(StringComparer.Ordinal); // name -> version, null: absent
    private int _op;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var name = $"{prefix}-{_random.Next(Names)}";
            var replica = replicas[_random.Next(replicas.Count)];
            var version = _known.GetValueOrDefault(name);
            var op = $"{prefix}.{++_op}";
            var verb = version is null ? "create" : (_random.Next(4) switch { 0 => "delete", 1 => "update", _ => "patch" });
            try
            {
                var rv = await WriteAsync(replica, verb, name, op, version);
                _known[name] = verb == "delete" ? null : rv;
                recorder.Write(new WriteRecord(prefix, replica.Name, verb, Key(name), verb == "delete" ? null : op, WriteOutcome.Acknowledged, rv, null));
            }
            catch (RpcException e)
            {
                var refused = e.StatusCode is StatusCode.AlreadyExists or StatusCode.NotFound or StatusCode.Aborted
                    or StatusCode.InvalidArgument or StatusCode.FailedPrecondition;
                recorder.Write(new WriteRecord(prefix, replica.Name, verb, Key(name), verb == "delete" ? null : op,
                    refused ? WriteOutcome.Refused : WriteOutcome.Unknown, null, $"{e.StatusCode} {e.Status.Detail}"));
                await LearnAsync(name);
            }
            await Task.Delay(_random.Next(5, 40), CancellationToken.None);
        }
    }

    private async Task<long> WriteAsync(Replica replica, string verb, string name, string op, long? version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        switch (verb)
        {
            case "create":
                var created = await replica.Services.CreateServiceAsync(new CreateServiceRequest
                {
                    Service = new Service
                    {
                        Metadata = new ObjectMeta { Name = name, Namespace = SharedApiServer.Namespace, Labels = { ["op"] = op, ["tier"] = Tier() } },
                        Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } } },
                    },
                }, deadline: deadline);
                return Subscriber.Rv(created.Metadata.ResourceVersion);
            case "delete":
                var deleted = await replica.Services.DeleteServiceAsync(new DeleteServiceRequest { Namespace = SharedApiServer.Namespace, Name = name },
                    deadline: deadline);
                return Subscriber.Rv(deleted.Metadata.ResourceVersion);
            case "update":
                // Read-your-writes through whichever replica: the read carries the version of this writer's last write.
                var read = await replica.Services.GetServiceAsync(new GetServiceRequest
                {
                    Namespace = SharedApiServer.Namespace,
                    Name = name,
                    ReadOptions = new ReadOptions { MinResourceVersion = version!.Value.ToString(CultureInfo.InvariantCulture) },
                }, deadline: deadline);
                recorder.Read(new ReadRecord(prefix, replica.Name, false, Key(name), version.Value, null, Subscriber.Rv(read.Metadata.ResourceVersion), null, null));
                read.Metadata.Labels["op"] = op;
                read.Metadata.Labels["tier"] = Tier();
                var updated = await replica.Services.UpdateServiceAsync(new UpdateServiceRequest { Service = read }, deadline: deadline);
                return Subscriber.Rv(updated.Metadata.ResourceVersion);
            default:
                var patched = await replica.Services.PatchServiceAsync(new PatchServiceRequest
                {
                    Namespace = SharedApiServer.Namespace,
                    Name = name,
                    PatchType = PatchType.MergePatch,
                    Patch = "{\"metadata\":{\"labels\":{\"op\":\"" + op + "\",\"tier\":\"" + Tier() + "\"}}}",
                }, deadline: deadline);
                return Subscriber.Rv(patched.Metadata.ResourceVersion);
        }
    }

    /// <summary>The tier label a write sets: a or b at random, so an object moves in and out of <c>tier=a</c>.</summary>
    private string Tier() => _random.Next(2) == 0 ? "a" : "b";

    /// <summary>After an unknown outcome: what the API server holds now, through a strong read (retried until one answers).</summary>
    private async Task LearnAsync(string name)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var replica = replicas[_random.Next(replicas.Count)];
            try
            {
                var found = await replica.Services.GetServiceAsync(new GetServiceRequest
                {
                    Namespace = SharedApiServer.Namespace,
                    Name = name,
                    ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
                }, deadline: DateTime.UtcNow.AddSeconds(10));
                _known[name] = Subscriber.Rv(found.Metadata.ResourceVersion);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                _known[name] = null;
                return;
            }
            catch (RpcException)
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private static string Key(string name) => $"{SharedApiServer.Namespace}/{name}";
}
