using KubeRpc.Server.Caching;
using KubeRpc.V1;

namespace KubeRpc.Server.Endpoints;

/// <summary>
/// What the index holds for one Service name: its cached Service and EndpointSlices (the join's inputs), the streams
/// watching it, and the set last published from them. The inputs change under the index's lock; the set is computed
/// from them lazily, once per change, by whichever reader asks first (<see cref="ServiceEndpointsIndex.Current"/>).
/// </summary>
internal sealed class EndpointsEntry(ObjectKey key, long resourceVersion)
{
    public ObjectKey Key { get; } = key;

    public CachedObject<Service>? Service { get; set; }

    /// <summary>The Service's slices by name, so sets merge them in one order.</summary>
    public SortedDictionary<string, CachedObject<ServiceEndpoints>> Slices { get; } = new(StringComparer.Ordinal);

    public List<EndpointsSubscriber> Subscribers { get; } = [];

    /// <summary>The newest version of any change applied to the inputs (or the index's, when the entry was made for a stream).</summary>
    public long ResourceVersion { get; set; } = resourceVersion;

    /// <summary>Counts the changes applied to the inputs, so a set computed from them knows whether it is still current.</summary>
    public long Changes { get; set; }

    public bool Unused => Service is null && Slices.Count == 0 && Subscribers.Count == 0;

    /// <summary>Held while a set is computed, so a thousand streams woken by one change compute it once.</summary>
    internal Lock Computing { get; } = new();

    internal PublishedEndpoints? Published { get; set; }

    internal long PublishedAtChange { get; set; } = -1;

    /// <summary>A version at which two different sets were published (a change of the Service arrived after a newer one
    /// of a slice): a stream resuming from it cannot know which it has.</summary>
    internal long AmbiguousAt { get; set; } = -1;
}
