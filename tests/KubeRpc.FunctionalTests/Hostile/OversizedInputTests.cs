using System.IO.Compression;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// Oversized input over a real HTTP/2 connection, from a client that retries UNAVAILABLE as resilient clients do. Each
/// answer is prompt and says what was wrong, with a bounded excerpt of the input. An error that echoed a 100 KB value
/// (three times over) made trailers larger than the client accepts (64 KiB for .NET); the client reported that as
/// UNAVAILABLE, retried, and the call hung until its deadline.
/// </summary>
public sealed class OversizedInputTests : IAsyncLifetime
{
    private static readonly string Huge = new('a', 100_000);
    private KubeRpcHost _host = null!;
    private GrpcChannel _retrying = null!;
    private ServiceManager.ServiceManagerClient _services = null!;

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartOnSocketAsync();
        _retrying = GrpcChannel.ForAddress(_host.Address!, new GrpcChannelOptions
        {
            ServiceConfig = new ServiceConfig
            {
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { MethodName.Default },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 5,
                            InitialBackoff = TimeSpan.FromSeconds(1),
                            MaxBackoff = TimeSpan.FromSeconds(5),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable },
                        },
                    },
                },
            },
        });
        _services = new ServiceManager.ServiceManagerClient(_retrying);
    }

    public async Task DisposeAsync()
    {
        _retrying.Dispose();
        await _host.DisposeAsync();
    }

    public static TheoryData<string> Requests() =>
    [
        "get-name", "get-namespace", "list-label-selector", "list-field-selector", "list-page-token", "list-min-resource-version",
        "patch-subresource", "delete-name", "watch-resource-version", "watch-field-selector", "create-label-value", "create-name",
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task HundredKilobyteValue_PromptInvalidArgument_BoundedEcho(string request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Func<Task> call = request switch
        {
            "get-name" => () => _services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = Huge }, deadline: deadline).ResponseAsync,
            "get-namespace" => () => _services.GetServiceAsync(new GetServiceRequest { Namespace = Huge, Name = "web" }, deadline: deadline).ResponseAsync,
            "list-label-selector" => () => _services.ListServicesAsync(new ListServicesRequest { LabelSelector = "app=" + Huge }, deadline: deadline).ResponseAsync,
            "list-field-selector" => () => _services.ListServicesAsync(
                new ListServicesRequest { FieldSelector = "metadata.name=" + Huge }, deadline: deadline).ResponseAsync,
            "list-page-token" => () => _services.ListServicesAsync(new ListServicesRequest { PageToken = Huge }, deadline: deadline).ResponseAsync,
            "list-min-resource-version" => () => _services.ListServicesAsync(new ListServicesRequest
            {
                ReadOptions = new ReadOptions { MinResourceVersion = Huge },
            }, deadline: deadline).ResponseAsync,
            "patch-subresource" => () => _services.PatchServiceAsync(new PatchServiceRequest
            {
                Namespace = "default",
                Name = "kubernetes",
                PatchType = PatchType.MergePatch,
                Patch = "{}",
                Subresource = Huge,
            }, deadline: deadline).ResponseAsync,
            "delete-name" => () => _services.DeleteServiceAsync(new DeleteServiceRequest { Namespace = "default", Name = Huge }, deadline: deadline).ResponseAsync,
            "watch-resource-version" => () => HostileCalls.FirstAsync(_services.WatchServices(new WatchServicesRequest { ResourceVersion = Huge }, deadline: deadline)),
            "watch-field-selector" => () => HostileCalls.FirstAsync(_services.WatchServices(
                new WatchServicesRequest { FieldSelector = "metadata.name=" + Huge }, deadline: deadline)),
            // Judged by the API server, whose 422 quotes the value in its message and in every cause.
            "create-label-value" => () => _services.CreateServiceAsync(new CreateServiceRequest { Service = WithLabel(Huge) }, deadline: deadline).ResponseAsync,
            "create-name" => () => _services.CreateServiceAsync(
                new CreateServiceRequest { Service = ServiceTestKit.ClusterIp(Huge) }, deadline: deadline).ResponseAsync,
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };
        var started = System.Diagnostics.Stopwatch.StartNew();

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument, call);

        // No retry happened: the first answer was the real one.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
        Assert.True(e.Info().Reason is "INVALID_REQUEST" or "INVALID", e.Info().Reason);
        Assert.True(e.Status.Detail.Length <= 600, $"message of {e.Status.Detail.Length} characters");
        var trailers = e.Trailers.Sum(t => t.Key.Length + (t.IsBinary ? t.ValueBytes.Length * 4 / 3 : t.Value.Length));
        Assert.True(trailers < 8 * 1024, $"{trailers} bytes of trailers");
    }

    [Fact]
    public async Task MegabyteLabelSelector_InvalidArgumentBeforeParsing()
    {
        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => _services.ListServicesAsync(new ListServicesRequest { LabelSelector = "app in (" + string.Join(",", Enumerable.Repeat("a", 500_000)) + ")" }).ResponseAsync);

        Assert.Contains("Too long: may not be more than 16384 characters", e.Violations().FieldViolations.Single().Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectorWithTooManyRequirements_InvalidArgument()
    {
        var selector = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"k{i}"));

        var e = await RpcErrors.FailsWith(StatusCode.InvalidArgument,
            () => _services.ListServicesAsync(new ListServicesRequest { LabelSelector = selector[..16000] }).ResponseAsync);

        Assert.Contains("must have at most 100 requirements", e.Violations().FieldViolations.Single().Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageAboveTheLimit_ResourceExhaustedWithDetails_FromItsHeader()
    {
        var service = ServiceTestKit.ClusterIp("huge");
        service.Metadata.Annotations["blob"] = new string('x', 4 * 1024 * 1024);

        var e = await RpcErrors.FailsWith(StatusCode.ResourceExhausted,
            () => _services.CreateServiceAsync(new CreateServiceRequest { Service = service }).ResponseAsync);

        var info = e.AssertInfo("REQUEST_TOO_LARGE");
        Assert.Equal("3145728", info.Metadata["limit_bytes"]);
        Assert.StartsWith("the request message is 41", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompressedMessageInflatingPastTheLimit_ResourceExhausted()
    {
        // 4 MiB of one label value compresses to a few KB: under the limit on the wire, far above it inflated.
        var service = ServiceTestKit.ClusterIp("bomb");
        service.Metadata.Annotations["blob"] = new string('x', 4 * 1024 * 1024);
        using var gzip = GrpcChannel.ForAddress(_host.Address!, new GrpcChannelOptions
        {
            CompressionProviders = [new Grpc.Net.Compression.GzipCompressionProvider(CompressionLevel.Optimal)],
        });
        var client = new ServiceManager.ServiceManagerClient(gzip);

        var e = await RpcErrors.FailsWith(StatusCode.ResourceExhausted, () => client.CreateServiceAsync(new CreateServiceRequest { Service = service },
            new Metadata { { "grpc-internal-encoding-request", "gzip" } }).ResponseAsync);

        e.AssertInfo("REQUEST_TOO_LARGE");
        Assert.Contains("decompressed request message exceeds the limit", e.Status.Detail, StringComparison.Ordinal);
    }

    private static Service WithLabel(string value)
    {
        var service = ServiceTestKit.ClusterIp("labelled");
        service.Metadata.Labels["app"] = value;
        return service;
    }
}
