using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;
using Xunit.Abstractions;

namespace KubeRpc.UnitTests.Caching;

/// <summary>The reflector fetches the next list page while it projects the current one.</summary>
public sealed class ReflectorPagingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Informer_ProjectionFailsWhileNextPageInFlight_EndsThatPageBeforeListingAgain()
    {
        var source = new ScriptedSource();
        using var informer = new ResourceInformer<Service, V1Service>([source], new ResourceProjection<Service, V1Service>(ServiceKind.Descriptor),
            ServiceCacheHost.FastOptions(), TimeProvider.System, new TestLogger(output));
        using var stop = new CancellationTokenSource();

        await informer.StartAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(ServiceCacheHost.Timeout);

        Assert.Equal(1, informer.Metrics.ListFailures);
        Assert.Equal(["a", "b"], informer.Current.List().Select(o => o.Name));
        // The first attempt's second page never outlives its list: the next attempt starts with nothing in flight.
        Assert.Equal([0, 0], source.InFlightAtFirstPage);
        await stop.CancelAsync();
        await informer.StopAsync(CancellationToken.None).WaitAsync(ServiceCacheHost.Timeout);
    }

    /// <summary>
    /// Two pages. On the first attempt the first page holds an object without a name (its projection fails) and
    /// the second page never answers until cancelled; after that both pages are good.
    /// </summary>
    private sealed class ScriptedSource : IListerWatcher<V1Service>
    {
        private int _attempt;
        private int _inFlight;

        public string? Namespace => null;

        public List<int> InFlightAtFirstPage { get; } = [];

        public async Task<ModelPage<V1Service>> ListAsync(int limit, string? continueToken, CancellationToken cancellationToken)
        {
            if (continueToken is null)
            {
                InFlightAtFirstPage.Add(Volatile.Read(ref _inFlight));
                _attempt++;
            }
            Interlocked.Increment(ref _inFlight);
            try
            {
                if (continueToken is null)
                {
                    return new ModelPage<V1Service>([Service(_attempt == 1 ? null : "a")], "10", "page-2");
                }
                if (_attempt == 1)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                return new ModelPage<V1Service>([Service("b")], "10", null);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public async IAsyncEnumerable<(WatchEventType Type, V1Service Object)> WatchAsync(string resourceVersion, int timeoutSeconds,
            Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            yield break;
        }

        private static V1Service Service(string? name) =>
            new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", ResourceVersion = "5" } };
    }
}
