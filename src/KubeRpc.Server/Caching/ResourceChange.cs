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
/// The version a watch resumes from after this change: the event's. The synthetic changes of a relist carry the
/// version the cache had before the relist (they are not API versions of their own; on the wire they are marked
/// <c>relist_batch</c>), and only the bookmark that closes the relist carries the list's: a client that received part
/// of the batch cannot resume past the rest.
/// </param>
/// <param name="Synthetic">True when a relist produced the change by comparing the old cache with the new list.</param>
/// <param name="RelistFrom">
/// On the bookmark that closes a relist, the version the cache had before it: the changes between that version and
/// the relist's were collapsed into the batch, so a client at a version in that range must list again.
/// </param>
internal sealed record ResourceChange<TProto>(
    ResourceChangeType Type,
    CachedObject<TProto>? Previous,
    CachedObject<TProto>? Current,
    long ResourceVersion,
    bool Synthetic = false,
    long? RelistFrom = null)
    where TProto : class
{
    /// <summary>The bookmark that closes a relist's batch.</summary>
    public bool EndsRelist => RelistFrom is not null;

    /// <summary>The object to show for this change: the current state, else the last known one (null for a bookmark).</summary>
    public CachedObject<TProto>? Object => Current ?? Previous;

    public ObjectKey? Key => Object?.Key;
}
