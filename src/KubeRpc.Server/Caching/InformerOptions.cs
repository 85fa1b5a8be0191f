namespace KubeRpc.Server.Caching;

/// <summary>How the informers list, watch and retry. The defaults follow client-go's reflector.</summary>
internal sealed class InformerOptions
{
    public const string SectionName = "Cache";

    /// <summary>Namespaces to cache, one list-and-watch each; empty caches all namespaces with one.</summary>
    public IList<string> Namespaces { get; set; } = [];

    /// <summary>Objects per LIST page (client-go: 500).</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>How long a cached read waits for the cache to catch up before it reads from the API server.</summary>
    public TimeSpan ReadWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the snapshot of an unfinished cached listing is kept after its last page, so the next page shows the
    /// same state (kube-apiserver keeps continue tokens valid until etcd compacts, about 5 minutes).
    /// </summary>
    public TimeSpan PageSnapshotRetention { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>At most this many snapshots are kept for unfinished listings, per kind; the least recently paged goes first.</summary>
    public int PageSnapshots { get; set; } = 256;

    /// <summary>
    /// Each watch asks the server to end it after a random time between this and twice this (client-go: 5 to
    /// 10 minutes), so watches are renewed regularly and not all at once.
    /// </summary>
    public TimeSpan MinWatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A watch that delivers no event and no bookmark for this long is presumed dead (a connection that went
    /// away silently) and is restarted. Bookmarks come about every minute from kube-apiserver.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A watch that ends sooner than this without delivering anything counts as a failure for backoff.</summary>
    public TimeSpan MinHealthyWatch { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First retry delay after a failure; it doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this long without a failure the delay starts again from <see cref="InitialBackoff"/>.</summary>
    public TimeSpan BackoffReset { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Each delay is shortened by a random fraction up to this, so reflectors do not retry in lockstep.</summary>
    public double BackoffJitter { get; set; } = 0.25;

    internal void Validate()
    {
        if (Errors().FirstOrDefault() is { } error)
        {
            throw new ArgumentException(error);
        }
    }

    /// <summary>What is wrong with these options, each naming its setting; empty when valid.</summary>
    internal IEnumerable<string> Errors()
    {
        if (PageSize <= 0 || MinWatchTimeout < TimeSpan.FromSeconds(1) || StallTimeout <= TimeSpan.Zero
            || InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff || BackoffJitter is < 0 or >= 1)
        {
            yield return $"invalid {SectionName} options: page size and timeouts must be positive, " +
                "MinWatchTimeout at least 1 s, MaxBackoff at least InitialBackoff, and jitter in [0, 1)";
        }
        if (ReadWait < TimeSpan.Zero)
        {
            yield return $"{SectionName}:{nameof(ReadWait)} must not be negative, got {ReadWait}";
        }
        if (PageSnapshotRetention <= TimeSpan.Zero || PageSnapshots <= 0)
        {
            yield return $"{SectionName}:{nameof(PageSnapshotRetention)} and {SectionName}:{nameof(PageSnapshots)} must be positive, " +
                $"got {PageSnapshotRetention} and {PageSnapshots}";
        }
        foreach (var ns in Namespaces.Where(ns => !string.IsNullOrEmpty(ns)))
        {
            // Each goes into the reflector's list and watch paths.
            if (Kubernetes.PathSegments.Problems(ns, Kubernetes.PathSegments.MaxNamespaceLength) is { Count: > 0 } problems)
            {
                yield return $"{SectionName}:{nameof(Namespaces)}: \"{ns}\" {string.Join("; ", problems)}";
            }
        }
    }
}
