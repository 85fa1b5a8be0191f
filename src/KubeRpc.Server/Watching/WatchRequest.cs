namespace KubeRpc.Server.Watching;

/// <summary>The fields every Watch request shares (WatchServicesRequest, WatchIngressesRequest).</summary>
internal sealed record WatchRequest(
    string Namespace,
    string LabelSelector,
    string FieldSelector,
    string ResourceVersion,
    bool SendInitialEvents,
    bool AllowBookmarks);
