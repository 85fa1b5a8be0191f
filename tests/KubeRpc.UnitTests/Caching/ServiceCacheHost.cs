using k8s;
using k8s.Models;
using KubeRpc.Emulator;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;
using Xunit.Abstractions;

namespace KubeRpc.UnitTests.Caching;

/// <summary>
/// A real in-process emulator, a writer client straight to it, and a Service informer whose client goes
/// through <see cref="TransportFaults"/>. Options are fast (short backoff) so fault tests finish in seconds.
/// </summary>
internal sealed class ServiceCacheHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();

    public ServiceCacheHost(ITestOutputHelper output, EmulatorOptions? emulator = null, Action<InformerOptions>? configure = null)
    {
        Emulator = new KubernetesEmulator(emulator ?? new EmulatorOptions { BookmarkInterval = TimeSpan.FromMilliseconds(250) });
        Client = Emulator.CreateClient();
        Transport = new TransportFaults();
        InformerClient = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://emulator.invalid" },
            Transport, Emulator.CreateHandler());
        Options = FastOptions();
        configure?.Invoke(Options);
        Informer = ResourceInformers.Create(ServiceKind.Descriptor, ServiceKind.Descriptor.Client(new ApiTransport(InformerClient, Timeout)), Options, TimeProvider.System, new TestLogger(output, LogLevel));
    }

    /// <summary>CACHING_TEST_LOG=Debug shows every watch restart.</summary>
    private static Microsoft.Extensions.Logging.LogLevel LogLevel =>
        Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(Environment.GetEnvironmentVariable("CACHING_TEST_LOG"), out var level)
            ? level
            : Microsoft.Extensions.Logging.LogLevel.Information;

    public KubernetesEmulator Emulator { get; }

    /// <summary>The tests' own client (writes, and the server's truth).</summary>
    public IKubernetes Client { get; }

    public TransportFaults Transport { get; }

    public IKubernetes InformerClient { get; }

    public InformerOptions Options { get; }

    public ResourceInformer<Service, V1Service> Informer { get; }

    public static InformerOptions FastOptions() => new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        StallTimeout = TimeSpan.FromSeconds(20),
    };

    public async Task StartAsync()
    {
        await Informer.StartAsync(_stop.Token);
        await Informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Timeout);
    }

    public Task<V1Service> CreateAsync(string ns, string name, IDictionary<string, string>? labels = null) =>
        Transient.RetryAsync(() => Client.CoreV1.CreateNamespacedServiceAsync(ServiceObject(name, labels), ns));

    public Task CreateNamespaceAsync(string name) =>
        Transient.RetryAsync(() => Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }));

    public static V1Service ServiceObject(string name, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }],
        },
    };

    public async ValueTask DisposeAsync()
    {
        Transport.Heal();
        Emulator.Faults.Reset();
        await _stop.CancelAsync();
        await Informer.StopAsync(CancellationToken.None).WaitAsync(Timeout);
        Informer.Dispose();
        InformerClient.Dispose();
        Client.Dispose();
        await Emulator.DisposeAsync();
        _stop.Dispose();
    }
}
