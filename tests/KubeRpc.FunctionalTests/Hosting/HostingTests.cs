using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Hosting;

/// <summary>What every deployment relies on: health, reflection, and traces that tie Kubernetes calls to RPCs.</summary>
public sealed class HostingTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_Overall_Serving()
    {
        var health = new Health.HealthClient(_host.Channel);
        var reply = await health.CheckAsync(new HealthCheckRequest()).ResponseAsync.DefaultTimeout();
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_ListServices_NamesBothManagers()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_host.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }).DefaultTimeout();
        await call.RequestStream.CompleteAsync().DefaultTimeout();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).DefaultTimeout());
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("kuberpc.v1.ServiceManager", names);
        Assert.Contains("kuberpc.v1.IngressManager", names);
    }

    [Fact]
    public async Task Tracing_GetService_KubernetesCallIsChildOfRpcSpan()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "KubeRpc" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await RpcErrors.FailsWith(StatusCode.NotFound, () =>
            _host.Services.GetServiceAsync(new GetServiceRequest
            {
                Namespace = "default",
                Name = "nope",
                ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
            }).ResponseAsync);

        var kubernetesCall = Assert.Single(stopped, a => a.Source.Name == "KubeRpc" && a.GetTagItem("url.path") is "/api/v1/namespaces/default/services/nope");
        Assert.Equal(ActivityKind.Client, kubernetesCall.Kind);
        Assert.Equal(404, kubernetesCall.GetTagItem("http.response.status_code"));
        var rpc = Assert.Single(stopped, a => a.Source.Name == "Microsoft.AspNetCore" && a.TraceId == kubernetesCall.TraceId);
        Assert.Equal(rpc.SpanId, kubernetesCall.ParentSpanId);
    }

    [Fact]
    public async Task Management_ReadyzAndMetrics_ReportSyncedCaches()
    {
        using var http = _host.CreateHttpClient();
        await _host.Services.CreateServiceAsync(new CreateServiceRequest
        {
            Service = new Service
            {
                Metadata = new ObjectMeta { Name = "counted", Namespace = "default" },
                Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } } },
            },
        }).ResponseAsync.DefaultTimeout();

        var ready = await http.GetAsync("/readyz").DefaultTimeout();
        // The create is acknowledged to the cache at once; its watch event, which the counter counts, may come a moment later.
        var metrics = "";
        await Polling.UntilAsync(async () =>
        {
            metrics = await http.GetStringAsync("/metrics").DefaultTimeout();
            return System.Text.RegularExpressions.Regex.IsMatch(metrics, EventsCounted);
        }, () => "the create's watch event to be counted");

        Assert.True(ready.IsSuccessStatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Contains("kuberpc_cache_objects{otel_scope_name=\"KubeRpc\",kind=\"Service\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("kuberpc_cache_watch_restarts_total", metrics, StringComparison.Ordinal);
        // Every counter the informer keeps is exported: one sync per kind, no failures, at least the create's event.
        var cache = string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("kuberpc_cache_", StringComparison.Ordinal)));
        Assert.Matches("""(?m)^kuberpc_cache_lists_total\{[^}]*kind="Service"[^}]*\} 1( |$)""", cache);
        Assert.Matches("""(?m)^kuberpc_cache_list_failures_total\{[^}]*kind="Ingress"[^}]*\} 0( |$)""", cache);
        Assert.Matches(EventsCounted, cache);
        // The request duration is kept; the per-request instruments of little worth are dropped (TelemetryExtensions).
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("http_server_active_requests", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_routing_match_attempts", metrics, StringComparison.Ordinal);
    }

    private const string EventsCounted = """(?m)^kuberpc_cache_events_total\{[^}]*kind="Service"[^}]*\} [1-9]""";
}
