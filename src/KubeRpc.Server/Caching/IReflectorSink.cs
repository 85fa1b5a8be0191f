using k8s;

namespace KubeRpc.Server.Caching;

/// <summary>Where a <see cref="Reflector{TModel}"/> delivers what it lists and watches (the informer, for one scope).</summary>
internal interface IReflectorSink<TModel>
{
    /// <summary>Starts collecting a full list; nothing is visible until <see cref="IRelist{TModel}.Commit"/>.</summary>
    IRelist<TModel> BeginRelist();

    /// <summary>One ADDED, MODIFIED or DELETED watch event, in the order the server sent it.</summary>
    void OnEvent(WatchEventType type, TModel item);

    /// <summary>A bookmark: the server has sent everything up to <paramref name="resourceVersion"/>.</summary>
    void OnBookmark(long resourceVersion);
}

/// <summary>A full list being collected page by page; abandoned (never committed) if a page fails.</summary>
internal interface IRelist<TModel>
{
    void Add(TModel item);

    /// <summary>Replaces the scope's content with everything added, at the list's resourceVersion.</summary>
    void Commit(long resourceVersion);
}
