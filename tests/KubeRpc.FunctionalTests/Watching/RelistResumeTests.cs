using System.Globalization;
using Grpc.Core;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.Server.Caching;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;

namespace KubeRpc.FunctionalTests.Watching;

/// <summary>
/// The resource-version contract across a relist of the cache (the API server answered its watch with 410): the
/// batch reaches connected subscribers, carrying the version before the relist and closed by a BOOKMARK at the
/// relist's; a client that listed after it watches from the list's version with no re-list; one that may hold part of
/// the batch is told to list again, once.
/// </summary>
public sealed class RelistResumeTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;
    private ResourceInformer<Service, V1Service> _informer = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync();
        _informer = _host.ServerServices.GetRequiredService<ResourceInformer<Service, V1Service>>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RelistThatFoundChanges_ConnectedStreamGetsTheBatch_ListedVersionWatchesOn_PartOfBatchListsOnce()
    {
        await _host.Kubernetes.CreateAsync("kept");
        await _host.Kubernetes.CreateAsync("gone");
        using var connected = ServiceWatch.Start(_host, new WatchServicesRequest { AllowBookmarks = true });
        await connected.UntilAsync(w => w.State.ContainsKey("default/gone"));
        var before = await ListAsync();

        var relisted = await RelistMissingAsync(async () =>
        {
            await _host.Kubernetes.DeleteAsync("gone");
            await _host.Kubernetes.CreateAsync("new");
        });

        // The connected stream: the difference at the version before the relist, then the relist's BOOKMARK.
        await connected.UntilAsync(w => w.Events.Any(e => e.Type == EventType.Bookmark && e.ResourceVersion == relisted.ResourceVersion));
        var batch = connected.Events.TakeLast(3).ToList();
        // The batch's changes are marked relist_batch (a client cut among them lists again); the closing BOOKMARK is not.
        Assert.Equal(["DELETED default/gone " + before.ResourceVersion + " batch", "ADDED default/new " + before.ResourceVersion + " batch",
            "BOOKMARK  " + relisted.ResourceVersion],
            batch.Select(e => e.Type == EventType.Bookmark
                ? $"BOOKMARK  {e.ResourceVersion}{(e.RelistBatch ? " batch" : "")}"
                : $"{e.Type.ToString().ToUpperInvariant()} {ServiceWatch.Key(e.Service)} {e.ResourceVersion}{(e.RelistBatch ? " batch" : "")}"));
        Assert.DoesNotContain(connected.Events.SkipLast(3), e => e.RelistBatch);
        Assert.Empty(connected.Violations);

        // Listed after the relist: the watch from the list's version continues with the next change, again and again.
        for (var i = 0; i < 3; i++)
        {
            using var fromList = ServiceWatch.Start(_host, new WatchServicesRequest { ResourceVersion = relisted.ResourceVersion });
            await _host.Kubernetes.CreateAsync($"after-{i}");
            var next = await fromList.NextAsync();
            Assert.Equal((EventType.Added, $"after-{i}"), (next.Type, next.Service.Metadata.Name));
            relisted = await ListAsync();
        }

        // From the version before the relist, which the batch carries: the client may hold part of it, so it lists
        // again; one list and watch later it is back in step.
        using var partial = ServiceWatch.Start(_host, new WatchServicesRequest { ResourceVersion = before.ResourceVersion });
        var refused = await Assert.ThrowsAsync<RpcException>(partial.NextAsync);
        Assert.Equal(StatusCode.OutOfRange, refused.StatusCode);
        Assert.Equal("RESOURCE_VERSION_EXPIRED", refused.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason);
        Assert.Contains("inside a relist of the cache", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelistThatFoundNothing_WatchFromTheVersionBeforeItContinues()
    {
        var quiet = await _host.Kubernetes.CreateAsync("quiet");
        var before = await ListAsync(quiet.Metadata.ResourceVersion);

        await RelistMissingAsync(() => Task.CompletedTask);

        // Nothing was collapsed, so nothing is uncertain: no client is sent to list again for the server's own relist.
        using var watch = ServiceWatch.Start(_host, new WatchServicesRequest { ResourceVersion = before.ResourceVersion });
        await _host.Kubernetes.CreateAsync("later");
        var next = await watch.NextAsync();
        Assert.Equal((EventType.Added, "later"), (next.Type, next.Service.Metadata.Name));
    }

    /// <summary>
    /// Ends the cache's watch and answers the next with 410, while the informer's LISTs fail for a moment (so it backs
    /// off), so <paramref name="missed"/> happens while the cache watches nothing; returns a cached list taken after the
    /// relist.
    /// </summary>
    private async Task<ListServicesResponse> RelistMissingAsync(Func<Task> missed)
    {
        // Every relist ends with a BOOKMARK that closes it, handed to subscribers once the store holds the new list.
        var relisted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _informer.Subscribe(change =>
        {
            if (change.EndsRelist)
            {
                relisted.TrySetResult();
            }
        });
        _host.Emulator.Faults.FailNextRequests(1, 429, retryAfterSeconds: 1, verb: "list", resource: "services");
        _host.Emulator.Faults.ExpireNextWatches(2);
        _host.Emulator.Faults.EndAllWatches();
        await missed();
        await relisted.Task.DefaultTimeout("the Service cache to relist");
        var listed = await ListAsync();
        Assert.True(long.Parse(listed.ResourceVersion, CultureInfo.InvariantCulture) > 0);
        return listed;
    }

    /// <summary>A cached list, once the cache has reached <paramref name="minResourceVersion"/>.</summary>
    private Task<ListServicesResponse> ListAsync(string minResourceVersion = "") =>
        _host.Services.ListServicesAsync(new ListServicesRequest { ReadOptions = new ReadOptions { MinResourceVersion = minResourceVersion } }).Bounded();
}
