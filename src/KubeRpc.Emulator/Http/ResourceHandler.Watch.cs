using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;
using KubeRpc.Machinery;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Http;

internal sealed partial class ResourceHandler
{
    /// <summary>How often a watch with allowWatchBookmarks gets a BOOKMARK (the cacher's default is one minute).</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Open watch streams of this emulator.</summary>
    public WatchCounter OpenWatches { get; } = new();

    /// <summary>How often watchers are checked for having fallen behind the history.</summary>
    public TimeSpan SlowWatcherCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <remarks>
    /// The caller was authenticated and authorized once, when the request came in (Http/KubernetesApi.cs), as
    /// kube-apiserver does: a watch started with a token that later expires, or whose service account goes away, keeps
    /// streaming until it ends. Revoking access to open streams is KubeRpc's job, not the API server's.
    /// </remarks>
    private ApiResponse Watch(ApiRequest request, ResourceType type, string? ns, string? name, CancellationToken cancellationToken)
    {
        var filter = Filter(request, type, ns, name);
        var rvText = request.QueryValue("resourceVersion");
        var sendInitialEvents = QueryOptions.OptionalBool(request, "sendInitialEvents");
        var bookmarks = QueryOptions.Bool(request, "allowWatchBookmarks");
        var timeoutSeconds = QueryOptions.Long(request, "timeoutSeconds");
        if (sendInitialEvents is not null && request.QueryValue("resourceVersionMatch") != "NotOlderThan")
        {
            throw ApiErrors.InvalidOptions("ListOptions",
                [FieldError.Forbidden("sendInitialEvents", "sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan")]);
        }
        var encoder = MediaTypes.WantsTable(request.Accept)
            ? new TableWatchEncoder(type, request.QueryValue("includeObject"), () => registry.Store.Now)
            : (IWatchEncoder)new JsonWatchEncoder(type);
        var contentType = MediaTypes.WantsTable(request.Accept) ? TableBodies.ContentType : ApiResponse.Json;

        var log = registry.Store.Log(type);
        var rv = string.IsNullOrEmpty(rvText) ? 0 : ObjectRegistry.ParseResourceVersion(rvText);
        if (faults.TakeWatchExpiry())
        {
            return ExpiredWatch(rv, log.FloorResourceVersion, contentType);
        }
        HistoryNode start;
        var initial = sendInitialEvents ?? rv == 0;
        long skip = 0;
        if (initial)
        {
            start = log.Tail;
        }
        else if (log.FindResumePoint(rv) is { } point)
        {
            start = point;
            skip = rv;
        }
        else
        {
            return ExpiredWatch(rv, log.FloorResourceVersion, contentType);
        }

        var session = new WatchSession
        {
            Type = type,
            Filter = filter,
            Start = start,
            SendInitial = initial,
            SendInitialEventsEnd = sendInitialEvents == true && bookmarks,
            SkipThrough = skip,
            Bookmarks = bookmarks,
            BookmarkInterval = BookmarkInterval,
            Timeout = timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : TimeSpan.FromSeconds(Random.Shared.Next(1800, 3600)),
            CurrentResourceVersion = () => registry.Store.ResourceVersion,
            HistoryFloor = () => log.FloorResourceVersion,
            LagCheckInterval = SlowWatcherCheckInterval,
            OpenWatches = OpenWatches,
            WithResourceVersion = (stored, rv) =>
            {
                var codec = registry.Store.Codec(type);
                var copy = codec.Decode(stored.Json);
                copy.Metadata.ResourceVersion = ResourceVersions.Format(rv);
                return new StoredObject(stored.Key, copy, codec.Encode(copy), rv);
            },
            Encoder = encoder,
        };
        var endAll = faults.WatchesToken;
        return new ApiResponse
        {
            ContentType = contentType,
            StreamBody = async (stream, token) =>
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, endAll);
                await session.RunAsync(stream, linked.Token);
            },
        };
    }

    /// <summary>200 with one ERROR 410 Expired event, then the stream closes (watch_cache.go).</summary>
    private static ApiResponse ExpiredWatch(long rv, long floor, string contentType)
    {
        var status = StatusBodies.Failure(new ApiException(410, "Expired", $"too old resource version: {rv} ({floor})"));
        var line = WatchLines.Event("ERROR", status);
        return new ApiResponse
        {
            ContentType = contentType,
            StreamBody = async (stream, token) =>
            {
                await stream.WriteAsync(line, token);
                await stream.FlushAsync(token);
            },
        };
    }
}
