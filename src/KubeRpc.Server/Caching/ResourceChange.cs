namespace KubeRpc.Server.Caching;

/// <summary>What happened to the cache, as a watch stream names it.</summary>
internal enum ResourceChangeType
{
    Added,
    Modified,
    Deleted,

    /// <summary>No object changed, but the cache reached a newer resourceVersion (a watch bookmark, or the end of a relist).</summary>
    Bookmark,
}

/// <summary>
/// One change of the cache, delivered to subscribers after the store shows it.
/// </summary>
/// <param name="Type">Added, Modified, Deleted, or Bookmark.</param>
/// <param name="Previous">The object as the cache held it before (null for Added and Bookmark).</param>
/// <param name="Current">
/// The object after the change. For Deleted, the final state the API server sent in its DELETED event (its
/// resourceVersion is the deletion's); null when a relist found the object gone, because its final state is
/// unknown (client-go's <c>DeletedFinalStateUnknown</c>); then <paramref name="Previous"/> is the last state
/// seen. Null for Bookmark.
/// </param>
/// <param name="ResourceVersion">
/// The version the cache reached with this change: the event's, or for the synthetic changes of a relist the
/// list's resourceVersion.
/// </param>
/// <param name="Synthetic">True when a relist produced the change by comparing the old cache with the new list.</param>
internal sealed record ResourceChange<TProto>(
    ResourceChangeType Type,
    CachedObject<TProto>? Previous,
    CachedObject<TProto>? Current,
    long ResourceVersion,
    bool Synthetic = false)
    where TProto : class
{
    /// <summary>The object to show for this change: the current state, else the last known one (null for a bookmark).</summary>
    public CachedObject<TProto>? Object => Current ?? Previous;

    public ObjectKey? Key => Object?.Key;
}
