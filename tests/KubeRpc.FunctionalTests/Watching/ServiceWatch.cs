using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Watching;

/// <summary>
/// A WatchServices stream read by a test: it applies every event to a reconstructed state, as a client would, and
/// records what would betray a lost or doubled event (ADDED of an object held, MODIFIED/DELETED of one not held,
/// versions of one object going backwards). Every read is bounded.
/// </summary>
internal sealed class ServiceWatch : IDisposable
{
    private readonly AsyncServerStreamingCall<ServiceEvent> _call;

    private ServiceWatch(AsyncServerStreamingCall<ServiceEvent> call) => _call = call;

    public static ServiceWatch Start(KubeRpcHost host, WatchServicesRequest request) => new(host.Services.WatchServices(request));

    public Dictionary<string, Service> State { get; } = new(StringComparer.Ordinal);

    public List<ServiceEvent> Events { get; } = [];

    public List<string> Violations { get; } = [];

    public string ResourceVersion { get; private set; } = "";

    public bool InitialEventsEnded { get; private set; }

    public static string Key(Service s) => $"{s.Metadata.Namespace}/{s.Metadata.Name}";

    public async Task<ServiceEvent> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TaskTimeouts.Default);
        if (!await _call.ResponseStream.MoveNext(timeout.Token))
        {
            throw new InvalidOperationException("the watch stream ended without an error");
        }
        var e = _call.ResponseStream.Current;
        Apply(e);
        return e;
    }

    /// <summary>Reads until <paramref name="done"/> holds (checked before each read).</summary>
    public async Task UntilAsync(Func<ServiceWatch, bool> done)
    {
        while (!done(this))
        {
            await NextAsync();
        }
    }

    /// <summary>Reads until the reconstructed state equals the cluster's (names and resource versions).</summary>
    public async Task ConvergeAsync(IKubernetes cluster, string? labelSelector = null)
    {
        var expected = await ClusterStateAsync(cluster, labelSelector);
        await UntilAsync(w => w.Matches(expected));
    }

    public bool Matches(IReadOnlyDictionary<string, string> expected) =>
        State.Count == expected.Count && State.All(s => expected.TryGetValue(s.Key, out var rv) && rv == s.Value.Metadata.ResourceVersion);

    public static async Task<Dictionary<string, string>> ClusterStateAsync(IKubernetes cluster, string? labelSelector = null)
    {
        var list = await cluster.CoreV1.ListServiceForAllNamespacesAsync(labelSelector: labelSelector).DefaultTimeout();
        return list.Items.ToDictionary(s => $"{s.Metadata.NamespaceProperty}/{s.Metadata.Name}", s => s.Metadata.ResourceVersion, StringComparer.Ordinal);
    }

    private void Apply(ServiceEvent e)
    {
        Events.Add(e);
        ResourceVersion = e.ResourceVersion;
        if (e.Type == EventType.Bookmark)
        {
            InitialEventsEnded |= e.InitialEventsEnd;
            return;
        }
        var key = Key(e.Service);
        var held = State.TryGetValue(key, out var previous);
        if (held && long.Parse(previous!.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture)
            > long.Parse(e.Service.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture))
        {
            Violations.Add($"{e.Type} {key}@{e.Service.Metadata.ResourceVersion} after @{previous.Metadata.ResourceVersion}");
        }
        switch (e.Type)
        {
            case EventType.Added when held:
            case EventType.Modified when !held:
            case EventType.Deleted when !held:
                Violations.Add($"{e.Type} {key}@{e.Service.Metadata.ResourceVersion} while {(held ? "held" : "not held")}");
                break;
        }
        if (e.Type == EventType.Deleted)
        {
            State.Remove(key);
        }
        else
        {
            State[key] = e.Service;
        }
    }

    public void Dispose() => _call.Dispose();
}
