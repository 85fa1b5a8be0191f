using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.Server.Access;
using KubeRpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static KubeRpc.FunctionalTests.Access.ClusterAccess;

namespace KubeRpc.FunctionalTests.Access;

/// <summary>
/// An open watch lives only as long as its caller's access: it ends when the binding that allowed it goes, at its token's
/// expiry and when its service account is deleted, each time with the last resource_version sent, from which a client
/// that is authorized again resumes without loss.
/// </summary>
public sealed class WatchRevocationTests
{
    [Fact]
    public async Task BindingDeleted_WatchEndsPermissionDenied_AndResumesWithoutLossOnceGrantedAgain()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Kubernetes" }).DefaultTimeout();
        var access = new ClusterAccess(host.Kubernetes);
        var token = await access.ServiceAccountTokenAsync("watcher");
        var binding = await access.GrantAsync("watcher", "team-a", ["watch"], ["services"]);
        await CreateAsync(host, "before", "team-a");

        using var watch = host.Services.WatchServices(new WatchServicesRequest { Namespace = "team-a", AllowBookmarks = false }, Bearer(token));
        var seen = await ReadUntilAsync(watch, "before");
        await access.RevokeAsync(binding, "team-a");
        var ended = await RpcErrors.FailsWith(StatusCode.PermissionDenied, () => DrainAsync(watch));
        await CreateAsync(host, "during", "team-a");
        // The client, told to resume once authorized, is granted access again; KubeRpc drops what it remembered as soon as it
        // sees the change (its decision for these attributes was a denial).
        var rbac = host.ServerServices.GetRequiredService<RbacChanges>();
        var generation = rbac.Generation;
        await access.GrantAsync("watcher", "team-a", ["watch"], ["services"]);
        await Polling.UntilAsync(() => Task.FromResult(rbac.Generation >= generation + 2), () => "KubeRpc to see the new Role and RoleBinding");
        var resumeFrom = ended.Info().Metadata["resource_version"];
        using var resumed = host.Services.WatchServices(new WatchServicesRequest { Namespace = "team-a", ResourceVersion = resumeFrom }, Bearer(token));
        var after = await ReadUntilAsync(resumed, "during");

        Assert.Equal("ACCESS_REVOKED", ended.Info().Reason);
        Assert.Equal(seen[^1].ResourceVersion, resumeFrom);
        Assert.Equal([(EventType.Added, "during")], after.Select(e => (e.Type, e.Service.Metadata.Name)));
    }

    [Fact]
    public async Task TokenExpires_WatchEndsUnauthenticated_AndNewCallsAreRefused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Kubernetes" },
            services => services.AddSingleton<TimeProvider>(clock)).DefaultTimeout();
        var access = new ClusterAccess(host.Kubernetes);
        var token = await access.ServiceAccountTokenAsync("watcher", expirationSeconds: 600);
        await access.GrantAsync("watcher", "team-a", ["watch", "get"], ["services"]);
        await CreateAsync(host, "web", "team-a");

        using var watch = host.Services.WatchServices(new WatchServicesRequest { Namespace = "team-a" }, Bearer(token));
        var seen = await ReadUntilAsync(watch, "web");
        // Past the expiry and the API server's 60 s leeway for clock skew, which new calls are judged by; the watch ends at the expiry.
        clock.Advance(TimeSpan.FromSeconds(661));
        var ended = await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => DrainAsync(watch));
        var refused = await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => host.Services.GetServiceAsync(
            new GetServiceRequest { Namespace = "team-a", Name = "web" }, Bearer(token)).ResponseAsync.DefaultTimeout());

        Assert.Equal("UNAUTHENTICATED", ended.Info().Reason);
        Assert.Equal(seen[^1].ResourceVersion, ended.Info().Metadata["resource_version"]);
        Assert.Equal("the bearer token is invalid or expired", refused.Status.Detail);
    }

    [Fact]
    public async Task ServiceAccountDeleted_WatchEndsUnauthenticatedAtTheNextRecheck()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Kubernetes",
            ["Auth:RecheckInterval"] = "00:00:01",
            ["Auth:TokenCacheTtl"] = "00:00:00",
        }).DefaultTimeout();
        var access = new ClusterAccess(host.Kubernetes);
        var token = await access.ServiceAccountTokenAsync("watcher");
        await access.GrantAsync("watcher", "team-a", ["watch"], ["services"]);
        await CreateAsync(host, "web", "team-a");

        using var watch = host.Services.WatchServices(new WatchServicesRequest { Namespace = "team-a" }, Bearer(token));
        await ReadUntilAsync(watch, "web");
        await host.Kubernetes.CoreV1.DeleteNamespacedServiceAccountAsync("watcher", "default").DefaultTimeout();
        var ended = await RpcErrors.FailsWith(StatusCode.Unauthenticated, () => DrainAsync(watch));

        Assert.Equal("UNAUTHENTICATED", ended.Info().Reason);
        Assert.True(ended.Info().Metadata.ContainsKey("resource_version"));
    }

    [Fact]
    public async Task OtherNamespacesBindingDeleted_WatchGoesOn()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Auth:Mode"] = "Kubernetes" }).DefaultTimeout();
        var access = new ClusterAccess(host.Kubernetes);
        var token = await access.ServiceAccountTokenAsync("watcher");
        await access.GrantAsync("watcher", "team-a", ["watch"], ["services"]);
        var other = await access.GrantAsync("watcher", "team-b", ["watch"], ["services"]);
        await CreateAsync(host, "first", "team-a");

        using var watch = host.Services.WatchServices(new WatchServicesRequest { Namespace = "team-a" }, Bearer(token));
        await ReadUntilAsync(watch, "first");
        await access.RevokeAsync(other, "team-b");
        await CreateAsync(host, "second", "team-a");
        var after = await ReadUntilAsync(watch, "second");

        Assert.Equal("second", after[^1].Service.Metadata.Name);
    }

    private static async Task CreateAsync(KubeRpcHost host, string name, string ns) =>
        await host.Kubernetes.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
        }, ns).DefaultTimeout();

    /// <summary>The events up to and including the ADDED of <paramref name="name"/>.</summary>
    private static async Task<List<ServiceEvent>> ReadUntilAsync(AsyncServerStreamingCall<ServiceEvent> watch, string name)
    {
        var events = new List<ServiceEvent>();
        using var timeout = new CancellationTokenSource(TaskTimeouts.Default);
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
            var e = watch.ResponseStream.Current;
            if (e.Type != EventType.Bookmark)
            {
                events.Add(e);
            }
            if (e.Type == EventType.Added && e.Service.Metadata.Name == name)
            {
                return events;
            }
        }
        throw new InvalidOperationException($"the watch ended before {name} was added");
    }

    private static async Task DrainAsync(AsyncServerStreamingCall<ServiceEvent> watch)
    {
        using var timeout = new CancellationTokenSource(TaskTimeouts.Default);
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
        }
    }
}
