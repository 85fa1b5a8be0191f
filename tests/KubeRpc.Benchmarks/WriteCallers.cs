using System.Globalization;
using Grpc.Net.Client;
using k8s;
using k8s.Models;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// One way of sending the writes benchmark's calls (through KubeRpc, or straight to the API server), the same calls
/// either way: a create of a new typical Service, a PUT of one the caller owns (conditional on the version it last
/// saw, so never a conflict) with one label changed, and a merge patch of one label on another it owns.
/// </summary>
internal interface IWriteCalls
{
    string Name { get; }

    Task CreateAsync(int caller, long seq);

    Task UpdateAsync(int caller, long seq);

    Task PatchAsync(int caller, long seq);

    /// <summary>Creates the Services each caller updates and patches (<paramref name="perCaller"/> each).</summary>
    Task CreatePoolAsync(int callers, int perCaller);
}

internal static class WriteNames
{
    public static string Created(string mode, int caller, long seq) => string.Create(CultureInfo.InvariantCulture, $"c-{mode}-{caller}-{seq}");

    public const string CreatedLabel = "bench-created";

    public static string Pooled(string verb, int caller, int index) => string.Create(CultureInfo.InvariantCulture, $"{verb[0]}-{caller}-{index}");

    /// <summary>The typical Service of <see cref="SampleObjects"/>, labelled as made by a timed create.</summary>
    public static V1Service Template(string ns)
    {
        var service = SampleObjects.ServiceToCreate(0, ns);
        service.Metadata.Labels[CreatedLabel] = "true";
        return service;
    }

    public static string MergePatch(long seq) =>
        "{\"metadata\":{\"labels\":{\"bench-seq\":\"" + seq.ToString(CultureInfo.InvariantCulture) + "\"}}}";
}

/// <summary>Through KubeRpc's ServiceManager (gRPC, one HTTP/2 connection).</summary>
internal sealed class KubeRpcWriteCalls(GrpcChannel channel, string ns) : IWriteCalls
{
    private readonly ServiceManager.ServiceManagerClient _client = new(channel);
    private readonly KubeRpc.V1.Service _template = ServiceMapping.ToProto(WriteNames.Template(ns));
    private KubeRpc.V1.Service[][] _pool = [];

    public string Name => "KubeRpc";

    public Task CreateAsync(int caller, long seq)
    {
        var service = _template.Clone();
        service.Metadata.Name = WriteNames.Created("k", caller, seq);
        return _client.CreateServiceAsync(new CreateServiceRequest { Service = service }).ResponseAsync;
    }

    public async Task UpdateAsync(int caller, long seq)
    {
        var mine = _pool[caller];
        var i = (int)(seq % mine.Length);
        var service = mine[i];
        service.Metadata.Labels["bench-seq"] = seq.ToString(CultureInfo.InvariantCulture);
        mine[i] = await _client.UpdateServiceAsync(new UpdateServiceRequest { Service = service });
    }

    public Task PatchAsync(int caller, long seq) =>
        _client.PatchServiceAsync(new PatchServiceRequest
        {
            Namespace = ns,
            Name = WriteNames.Pooled("patch", caller, (int)(seq % _pool[caller].Length)),
            PatchType = KubeRpc.V1.PatchType.MergePatch,
            Patch = WriteNames.MergePatch(seq),
        }).ResponseAsync;

    public async Task CreatePoolAsync(int callers, int perCaller)
    {
        _pool = new KubeRpc.V1.Service[callers][];
        for (var c = 0; c < callers; c++)
        {
            _pool[c] = new KubeRpc.V1.Service[perCaller];
            for (var i = 0; i < perCaller; i++)
            {
                foreach (var verb in new[] { "update", "patch" })
                {
                    var service = _template.Clone();
                    service.Metadata.Labels.Remove(WriteNames.CreatedLabel);
                    service.Metadata.Name = WriteNames.Pooled(verb, c, i);
                    var created = await _client.CreateServiceAsync(new CreateServiceRequest { Service = service });
                    if (verb == "update")
                    {
                        _pool[c][i] = created;
                    }
                }
            }
        }
    }
}

/// <summary>Straight to the API server with KubernetesClient (its HttpClient, HTTP/1.1 on http:// as KubeRpc's own).</summary>
internal sealed class DirectWriteCalls(IKubernetes client, string ns) : IWriteCalls
{
    private V1Service[][] _pool = [];
    // One per caller, renamed before each create (the caller awaits its call before the next), as the proto is cloned.
    private V1Service[] _templates = [];

    public string Name => "direct";

    public Task CreateAsync(int caller, long seq)
    {
        var service = _templates[caller];
        service.Metadata.Name = WriteNames.Created("d", caller, seq);
        return client.CoreV1.CreateNamespacedServiceAsync(service, ns);
    }

    public async Task UpdateAsync(int caller, long seq)
    {
        var mine = _pool[caller];
        var i = (int)(seq % mine.Length);
        var service = mine[i];
        service.Metadata.Labels["bench-seq"] = seq.ToString(CultureInfo.InvariantCulture);
        mine[i] = await client.CoreV1.ReplaceNamespacedServiceAsync(service, service.Metadata.Name, ns);
    }

    public Task PatchAsync(int caller, long seq) =>
        client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(WriteNames.MergePatch(seq), V1Patch.PatchType.MergePatch),
            WriteNames.Pooled("patch", caller, (int)(seq % _pool[caller].Length)), ns);

    public async Task CreatePoolAsync(int callers, int perCaller)
    {
        _pool = new V1Service[callers][];
        _templates = [.. Enumerable.Range(0, callers).Select(_ => WriteNames.Template(ns))];
        for (var c = 0; c < callers; c++)
        {
            _pool[c] = new V1Service[perCaller];
            for (var i = 0; i < perCaller; i++)
            {
                foreach (var verb in new[] { "update", "patch" })
                {
                    var service = WriteNames.Template(ns);
                    service.Metadata.Labels.Remove(WriteNames.CreatedLabel);
                    service.Metadata.Name = WriteNames.Pooled(verb, c, i);
                    var created = await client.CoreV1.CreateNamespacedServiceAsync(service, ns);
                    if (verb == "update")
                    {
                        _pool[c][i] = created;
                    }
                }
            }
        }
    }
}
