using Grpc.Core;
using k8s;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Caching;

/// <summary>Get and List served from the informer cache: no API call, read-your-writes, STRONG read-through.</summary>
public sealed class CachedReadTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Service Web(string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", Labels = { ["app"] = "web" } },
        Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } } },
    };

    [Fact]
    public async Task Get_Cached_DoesNotCallKubernetes()
    {
        _host.Emulator.Faults.FailNextRequests(1, 500);

        var cached = await _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "kubernetes" }).ResponseAsync.DefaultTimeout();
        var listed = await _host.Services.ListServicesAsync(new ListServicesRequest { Namespace = "default" }).ResponseAsync.DefaultTimeout();

        Assert.Equal("kubernetes", cached.Metadata.Name);
        Assert.Contains(listed.Services, s => s.Metadata.Name == "kubernetes");
        // The armed failure is still pending: only a STRONG read reaches the API server.
        await RpcErrors.FailsWith(StatusCode.Internal, () => _host.Services.GetServiceAsync(new GetServiceRequest
        {
            Namespace = "default",
            Name = "kubernetes",
            ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
        }).ResponseAsync);
    }

    [Fact]
    public async Task Get_AfterEachWriteThroughThisReplica_SeesIt()
    {
        for (var i = 0; i < 300; i++)
        {
            var created = await _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Web($"s{i}") }).ResponseAsync.DefaultTimeout();
            var read = await _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = $"s{i}" }).ResponseAsync.DefaultTimeout();
            Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        }
        await _host.Services.DeleteServiceAsync(new DeleteServiceRequest { Namespace = "default", Name = "s0" }).ResponseAsync.DefaultTimeout();
        await RpcErrors.FailsWith(StatusCode.NotFound,
            () => _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "s0" }).ResponseAsync);
    }

    [Fact]
    public async Task Get_AfterCreateThenDeleteWhileWatchesDrop_NotFound()
    {
        // A delete answered before the cache saw the create (ours or anyone's) must still hide the object from later reads.
        for (var i = 0; i < 100; i++)
        {
            if (i % 10 == 0)
            {
                _host.Emulator.Faults.EndAllWatches();
            }
            if (i % 2 == 0)
            {
                await _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Web($"d{i}") }).ResponseAsync.DefaultTimeout();
            }
            else
            {
                // Written by someone else: this replica acknowledged nothing, only the delete tells it the version.
                await _host.Kubernetes.CoreV1.CreateNamespacedServiceAsync(new k8s.Models.V1Service
                {
                    Metadata = new k8s.Models.V1ObjectMeta { Name = $"d{i}" },
                    Spec = new k8s.Models.V1ServiceSpec { Ports = [new k8s.Models.V1ServicePort { Port = 80 }] },
                }, "default").DefaultTimeout();
            }
            await _host.Services.DeleteServiceAsync(new DeleteServiceRequest { Namespace = "default", Name = $"d{i}" }).ResponseAsync.DefaultTimeout();
            await RpcErrors.FailsWith(StatusCode.NotFound,
                () => _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = $"d{i}" }).ResponseAsync);
        }
    }

    [Fact]
    public async Task Get_MinResourceVersionOfAnOutsideWrite_WaitsForIt()
    {
        var outside = await _host.Kubernetes.CoreV1.CreateNamespacedServiceAsync(new k8s.Models.V1Service
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "outside" },
            Spec = new k8s.Models.V1ServiceSpec { Ports = [new k8s.Models.V1ServicePort { Port = 81 }] },
        }, "default").DefaultTimeout();

        var read = await _host.Services.GetServiceAsync(new GetServiceRequest
        {
            Namespace = "default",
            Name = "outside",
            ReadOptions = new ReadOptions { MinResourceVersion = outside.Metadata.ResourceVersion },
        }).ResponseAsync.DefaultTimeout();

        Assert.Equal(outside.Metadata.Uid, read.Metadata.Uid);
    }

    [Fact]
    public async Task Get_MinResourceVersionNotANumber_InvalidArgument()
    {
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => _host.Services.GetServiceAsync(new GetServiceRequest
        {
            Namespace = "default",
            Name = "kubernetes",
            ReadOptions = new ReadOptions { MinResourceVersion = "yesterday" },
        }).ResponseAsync);
        Assert.Contains(e.Detail<Google.Rpc.BadRequest>()!.FieldViolations, v => v.Field == "read_options.min_resource_version");
    }

    [Fact]
    public async Task List_CachedPages_NoRepeatsNoSkipsWhileWriting()
    {
        for (var i = 0; i < 25; i++)
        {
            await _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Web($"p{i:D2}") }).ResponseAsync.DefaultTimeout();
        }
        var names = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await _host.Services.ListServicesAsync(new ListServicesRequest
            {
                Namespace = "default",
                LabelSelector = "app=web",
                PageSize = 7,
                PageToken = token,
            }).ResponseAsync.DefaultTimeout();
            names.AddRange(page.Services.Select(s => s.Metadata.Name));
            token = page.NextPageToken;
            // A write between pages: objects that existed for the whole walk are neither repeated nor skipped.
            await _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = Web($"z{pages++:D2}") }).ResponseAsync.DefaultTimeout();
        }
        while (token.Length > 0);

        var expected = Enumerable.Range(0, 25).Select(i => $"p{i:D2}").ToList();
        Assert.Equal(expected, names.Where(n => n.StartsWith('p')).ToList());
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
