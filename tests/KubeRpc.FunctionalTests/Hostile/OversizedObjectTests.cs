using System.Globalization;
using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;
using Xunit.Abstractions;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// Objects and patches that would grow beyond what Kubernetes stores are refused as kube-apiserver refuses them, and
/// nothing stored changes: a 3 MB Service (etcd holds 1.5 MiB), JSON patch copies that double the document (3 MiB of
/// copies at most), copies that nest it ever deeper, a strategic merge patch whose list items have the wrong type.
/// A Service with tens of thousands of labels that Kubernetes does store is served, and selected from the cache.
/// </summary>
public sealed class OversizedObjectTests(ITestOutputHelper output) : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync().DefaultTimeout();
        var web = ServiceTestKit.ClusterIp("web");
        web.Metadata.Annotations["seed"] = new string('s', 200_000);
        await _host.CreateAsync(web);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(60_000)] // about 2.4 MB: a request KubeRpc and kube-apiserver take, an object etcd refuses
    [InlineData(90_000)] // about 3.6 MB: above the request limit
    public async Task ServiceOfMegabytes_ResourceExhausted_NothingStored(int labels)
    {
        var service = ServiceTestKit.ClusterIp("huge");
        for (var i = 0; i < labels; i++)
        {
            service.Metadata.Labels[$"label-number-{i:D6}.example.com/k"] = "value";
        }

        var e = await RpcErrors.FailsWith(StatusCode.ResourceExhausted,
            () => _host.Services.CreateServiceAsync(new CreateServiceRequest { Service = service }).ResponseAsync);

        e.AssertInfo("REQUEST_TOO_LARGE");
        Assert.False(await _host.ExistsDirectAsync("huge"));
    }

    [Fact]
    public async Task ManyLabels_StoredAndSelectedFromTheCache()
    {
        var service = ServiceTestKit.ClusterIp("labelled");
        for (var i = 0; i < 40_000; i++)
        {
            service.Metadata.Labels[$"k{i:D5}"] = "v";
        }
        service.Metadata.Labels["app"] = "labelled";
        await _host.CreateAsync(service);
        var selector = string.Join(",", Enumerable.Range(0, 98).Select(i => $"k{i * 400:D5}=v").Append("app=labelled"));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var listed = await _host.Services.ListServicesAsync(new ListServicesRequest { LabelSelector = selector }).ResponseAsync.DefaultTimeout();
        output.WriteLine($"cached List with 99 requirements against 40,001 labels, its reply carrying them all: {started.Elapsed.TotalMilliseconds:F1} ms");
        started.Restart();
        var none = await _host.Services.ListServicesAsync(new ListServicesRequest { LabelSelector = selector + ",absent" }).ResponseAsync.DefaultTimeout();
        output.WriteLine($"again, matching nothing (an empty reply): {started.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Empty(none.Services);

        Assert.Equal("labelled", Assert.Single(listed.Services).Metadata.Name);
    }

    [Theory]
    [InlineData("doubling")]
    [InlineData("nesting")]
    [InlineData("smp-list-of-numbers")]
    [InlineData("smp-finalizers-of-numbers")]
    public async Task PatchBomb_InvalidArgument_NothingChanged(string bomb)
    {
        var (type, patch) = bomb switch
        {
            // 20 copies of a 200 KB annotation: each adds its size, 4 MB in all.
            "doubling" => (PatchType.JsonPatch, "[" + string.Join(",", Enumerable.Range(0, 20).Select(i =>
                $$"""{"op":"copy","from":"/metadata/annotations/seed","path":"/metadata/annotations/copy{{i}}"}""")) + "]"),
            // Each copy puts the labels inside themselves: the document nests one level deeper per operation.
            "nesting" => (PatchType.JsonPatch, "[" + string.Join(",", Enumerable.Repeat(
                """{"op":"copy","from":"/metadata/labels","path":"/metadata/labels/nested"}""", 200)) + "]"),
            "smp-list-of-numbers" => (PatchType.StrategicMergePatch,
                "{\"spec\":{\"ports\":[" + string.Join(",", Enumerable.Range(0, 5000).Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]}}"),
            _ => (PatchType.StrategicMergePatch,
                "{\"metadata\":{\"finalizers\":[" + string.Join(",", Enumerable.Range(0, 5000).Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]}}"),
        };
        var before = await ClusterSnapshot.TakeAsync(_host.Kubernetes);

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, () => _host.Services.PatchServiceAsync(new PatchServiceRequest
        {
            Namespace = "default", Name = "web", PatchType = type, Patch = patch,
        }).ResponseAsync);

        Assert.True(e.Status.Detail.Length <= 600, $"{e.Status.Detail.Length}");
        Assert.Equal(before, await ClusterSnapshot.TakeAsync(_host.Kubernetes));
    }
}
