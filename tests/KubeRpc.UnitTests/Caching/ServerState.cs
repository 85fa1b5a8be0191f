using k8s;
using k8s.Models;
using KubeRpc.Machinery;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Mapping;
using KubeRpc.V1;

namespace KubeRpc.UnitTests.Caching;

/// <summary>The API server's truth, and the check that a cache holds exactly it.</summary>
internal static class ServerState
{
    /// <summary>Every Service, by a consistent paged list, and the list's resourceVersion.</summary>
    public static async Task<(Dictionary<ObjectKey, V1Service> Items, long ResourceVersion)> ServicesAsync(IKubernetes client)
    {
        var items = new Dictionary<ObjectKey, V1Service>();
        string? continueToken = null;
        string? rv = null;
        do
        {
            var page = await Transient.RetryAsync(() => client.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: continueToken, limit: 1000));
            rv ??= page.Metadata.ResourceVersion;
            foreach (var item in page.Items)
            {
                items.Add(new ObjectKey(item.Metadata.NamespaceProperty, item.Metadata.Name), item);
            }
            continueToken = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));
        return (items, ResourceVersions.Parse(rv));
    }

    /// <summary>
    /// Waits (bounded) until the informer has reached the server's current version, then asserts the cache holds
    /// every object of the server with its exact resourceVersion and content, and nothing else.
    /// </summary>
    public static async Task AssertCacheMatchesAsync(ResourceInformer<Service, V1Service> informer, IKubernetes client, TimeSpan timeout)
    {
        var (items, rv) = await ServicesAsync(client);
        await informer.WaitForResourceVersionAsync(rv, CancellationToken.None).WaitAsync(timeout);
        var snapshot = informer.Current;
        var missing = items.Keys.Where(k => snapshot.Get(k) is null).ToList();
        var extra = snapshot.List().Where(o => !items.ContainsKey(o.Key)).Select(o => o.Key).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"cache differs from the server at {rv}: missing [{string.Join(", ", missing.Take(10))}], extra [{string.Join(", ", extra.Take(10))}]");
        Assert.Equal(items.Count, snapshot.Count);
        foreach (var (key, item) in items)
        {
            var cached = snapshot.Get(key)!;
            Assert.Equal(ResourceVersions.Parse(item.Metadata.ResourceVersion), cached.ResourceVersion);
            Assert.Equal(ServiceMapping.ToProto(item), cached.Decode());
        }
    }

    /// <summary>Asserts a change mirror holds exactly the informer's content and saw no contract breach.</summary>
    public static void AssertMirrorMatches(ChangeMirror<Service> mirror, ResourceInformer<Service, V1Service> informer)
    {
        Assert.Empty(mirror.Violations);
        var cache = informer.Current.List().ToDictionary(o => o.Key, o => o.ResourceVersion);
        var mirrored = mirror.Versions();
        Assert.Equal(cache.Count, mirrored.Count);
        foreach (var (key, rv) in cache)
        {
            Assert.True(mirrored.TryGetValue(key, out var seen) && seen == rv, $"mirror has {key} at {seen}, cache at {rv}");
        }
    }
}
