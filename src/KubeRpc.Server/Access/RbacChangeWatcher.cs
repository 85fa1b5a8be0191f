using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using KubeRpc.Server.Kubernetes;

namespace KubeRpc.Server.Access;

/// <summary>
/// Watches Roles, ClusterRoles, RoleBindings and ClusterRoleBindings in every namespace and reports each change to
/// <see cref="RbacChanges"/>. Only that something changed matters, not what: a lost watch counts as a change, and
/// decisions are not remembered until the watch is open again.
/// </summary>
internal sealed class RbacChangeWatcher(ApiTransport transport, RbacChanges changes, TimeProvider time, ILogger<RbacChangeWatcher> logger)
    : BackgroundService
{
    private const string Group = "rbac.authorization.k8s.io";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private static readonly ApiResource[] Watched =
    [
        new(Group, "v1", "roles", "Role", false),
        new(Group, "v1", "clusterroles", "ClusterRole", false),
        new(Group, "v1", "rolebindings", "RoleBinding", false),
        new(Group, "v1", "clusterrolebindings", "ClusterRoleBinding", false),
    ];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Watched.Select(resource => WatchAsync(resource, stoppingToken)));

    private async Task WatchAsync(ApiResource resource, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!cancellationToken.IsCancellationRequested)
        {
            var open = false;
            try
            {
                var list = await transport.SendAsync<RbacObjectList>(HttpMethod.Get, ApiPath.Collection(resource, null),
                    new ApiQuery().Add("limit", 1), null, cancellationToken).ConfigureAwait(false);
                var version = list.Metadata?.ResourceVersion ?? "";
                // Whatever changed while nothing watched is unknown: count it as a change.
                changes.Notify();
                while (!cancellationToken.IsCancellationRequested)
                {
                    var query = new ApiQuery().Add("watch", true).Add("allowWatchBookmarks", true).Add("resourceVersion", version)
                        .Add("timeoutSeconds", 300);
                    var response = await transport.OpenStreamAsync(ApiPath.Collection(resource, null), query, cancellationToken)
                        .ConfigureAwait(false);
                    if (!open)
                    {
                        open = true;
                        changes.WatchOpened();
                        backoff = TimeSpan.FromMilliseconds(500);
                        AccessLog.RbacWatchOpened(logger, resource.Plural);
                    }
                    await foreach (var (type, item) in WatchStream.ReadAsync<RbacObject>(response, e => throw e, cancellationToken)
                        .ConfigureAwait(false))
                    {
                        version = item.Metadata?.ResourceVersion ?? version;
                        if (type != WatchEventType.Bookmark)
                        {
                            changes.Notify();
                        }
                    }
                    // The server ended the watch (its timeout): go on from the last version seen, nothing missed.
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                AccessLog.RbacWatchFailed(logger, resource.Plural, e.GetType().Name, e.Message, backoff);
            }
            finally
            {
                if (open)
                {
                    changes.WatchLost();
                    changes.Notify();
                }
            }
            try
            {
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }
}

/// <summary>An RBAC object as far as the watch reads it: its metadata (the rest is not decoded into anything).</summary>
internal sealed class RbacObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}

/// <summary>A list of RBAC objects, read for its resourceVersion only.</summary>
internal sealed class RbacObjectList
{
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }
}
