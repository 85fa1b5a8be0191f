namespace KubeRpc.Server.Watching;

/// <summary>What one change becomes for one subscriber, after its filters.</summary>
internal enum WatchEventKind
{
    /// <summary>Not shown to this subscriber.</summary>
    None,

    /// <summary>ADDED with the current state (created, or started matching).</summary>
    Added,

    /// <summary>MODIFIED with the current state.</summary>
    Modified,

    /// <summary>DELETED with the final state the API server sent.</summary>
    DeletedCurrent,

    /// <summary>DELETED with the last state the subscriber saw (stopped matching, or gone in a relist).</summary>
    DeletedPrevious,

    /// <summary>BOOKMARK with the change's version.</summary>
    Bookmark,
}
