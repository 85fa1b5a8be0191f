using CsCheck;
using Google.Rpc;
using Grpc.Core;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Ingresses;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;
using Xunit.Abstractions;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// Random names, namespaces, selectors, resource versions, page tokens and patches sent to every RPC. Every answer is
/// OK or one of the statuses a client can act on (never UNKNOWN or INTERNAL), each error with details and a bounded
/// message, every answer within a bounded time, and the only objects that change are those a call wrote successfully.
/// </summary>
public sealed class RandomInputPropertyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly StatusCode[] Acceptable =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists, StatusCode.Aborted,
        StatusCode.OutOfRange, StatusCode.ResourceExhausted, StatusCode.Unavailable,
    ];

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private KubeRpcHost _host = null!;
    private string _foreignToken = "";

    public enum Rpc
    {
        GetService, GetServiceStrong, ListServices, ListServicesStrong, WatchServices, CreateService, UpdateService, UpdateServiceStatus,
        PatchService, ApplyService, DeleteService, DeleteServiceCollection, GetIngress, ListIngresses, WatchIngresses, PatchIngress,
        DeleteIngress,
    }

    /// <summary>One generated request: which RPC, and the values it may use.</summary>
    public sealed record Input(Rpc Rpc, string Namespace, string Name, string LabelSelector, string FieldSelector, string ResourceVersion,
        string PageToken, string Patch, PatchType PatchType, bool DryRun)
    {
        public override string ToString() =>
            $"{Rpc} ns={Show(Namespace)} name={Show(Name)} labels={Show(LabelSelector)} fields={Show(FieldSelector)} rv={Show(ResourceVersion)} " +
            $"token={Show(PageToken)} patch={PatchType}:{Show(Patch)} dryRun={DryRun}";

        private static string Show(string s) => s.Length > 40 ? $"\"{s[..40]}…\"({s.Length})" : $"\"{s}\"";
    }

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
        {
            // Versions ahead of the cache are waited for: keep those waits short so the run stays quick.
            ["Cache:ReadWait"] = "00:00:00.100",
            ["Watch:ResourceVersionWait"] = "00:00:00.200",
        }).DefaultTimeout();
        await _host.CreateNamespaceAsync("team");
        await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        await _host.CreateAsync(ServiceTestKit.ClusterIp("web2"));
        await _host.CreateAsync(ServiceTestKit.ClusterIp("api", "team"));
        await _host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = IngressFixtures.Simple("web") }).ResponseAsync.DefaultTimeout();
        var page = await _host.Services.ListServicesAsync(new ListServicesRequest { PageSize = 1 }).ResponseAsync.DefaultTimeout();
        _foreignToken = page.NextPageToken;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnyInput_AnswersAClientCanActOn_PromptlyWithDetails_ChangingOnlyWhatItWrote()
    {
        // Mostly values a real client sends, so calls get past validation and reach the cache and the cluster; the rest hostile.
        var names = Mix(Values("web", "web2", "api", "missing", "kubernetes", "new-name"),
            Values("", "New-Name", ".", "..", "../web", "a/b", "%2e%2e", "web#", "web?dryRun=All", " ", "a\u0000b", "é", new string('a', 253),
                new string('a', 254), new string('b', 100_000)));
        var namespaces = Mix(Values("default", "team", "kube-system", "missing"),
            Values("", "..", "../..", "default/services", "%2F", "default#", "DEFAULT", new string('n', 64), new string('n', 100_000)));
        var labels = Mix(Values("", "", "app=web", "app in (web,api)", "!canary", "app!=web,tier"),
            Values("app in (web", "=x", "a==", ",,,", "k in ()", string.Join(",", Enumerable.Range(0, 150).Select(i => $"k{i}")),
                "app=" + new string('v', 20_000)));
        var fields = Mix(Values("", "", "metadata.name=web", "spec.type=ClusterIP", "metadata.namespace!=team"),
            Values("status.phase=Running", "metadata.name", "a=b=c", "metadata.name=" + new string('v', 20_000)));
        var versions = Mix(Values("", "", "0", "1", "5", "30", "60"),
            Values("100000", "9223372036854775807", "9223372036854775808", "-1", "abc", "1e5", "0x10", " 7"));
        var tokens = Gen.Frequency((6, Gen.Const("")), (1, Gen.Const(() => _foreignToken)),
            (2, Values("abc", "eyJmIjoiMCIsInAiOiJjIiwiYyI6IlxuIn0", "eyJmIjoiMCIsInAiOiJhIiwiYyI6IngifQ", new string('t', 5000))), (1, Gen.String));
        var patches = Mix(Values("{}", """{"metadata":{"labels":{"hit":"yes"}}}""", """[{"op":"add","path":"/metadata/labels/x","value":"y"}]""",
                """{"metadata":{"annotations":{"note":"x"}},"spec":{"sessionAffinity":"ClientIP"}}"""),
            Values("[]", "null", "\"x\"", """{"spec":{"ports":[0,1,2,3]}}""", """{"metadata":{"finalizers":[1,2,3]}}""",
                """[{"op":"copy","from":"/metadata","path":"/metadata/x"}]""", """[{"op":"remove","path":"/spec"}]""",
                """{"spec":{"type":"Nonsense"}}""", """{"metadata":{"name":"other"}}""", new string('[', 200) + new string(']', 200),
                "{\"a\":" + new string('[', 60) + new string(']', 60) + "}", "{not json"));
        var gen =
            from rpc in Gen.Enum<Rpc>()
            from ns in namespaces
            from name in names
            from label in labels
            from field in fields
            from rv in versions
            from token in tokens
            from patch in patches
            from type in Gen.Enum<PatchType>()
            from dryRun in Gen.Bool
            select new Input(rpc, ns, name, label, field, rv, token, patch, type, dryRun);

        await gen.SampleAsync(CheckAsync, writeLine: output.WriteLine, iter: 800, threads: 1, print: i => i.ToString());

        // What the run covered, so a generator that stopped reaching an RPC's interesting answers shows.
        foreach (var (outcome, count) in _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{outcome}: {count}");
        }
    }

    private static Gen<string> Values(params string[] values) => Gen.OneOf(values.Select(Gen.Const).ToArray());

    /// <summary>Usual values seven times in ten, hostile ones two, random text one.</summary>
    private static Gen<string> Mix(Gen<string> usual, Gen<string> hostile) => Gen.Frequency((7, usual), (2, hostile), (1, Gen.String));

    private async Task CheckAsync(Input input)
    {
        var before = await ClusterSnapshot.TakeAsync(_host.Kubernetes);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (code, written, error) = await CallAsync(input);
        var elapsed = started.Elapsed;
        _outcomes.AddOrUpdate($"{input.Rpc} {code}", 1, static (_, n) => n + 1);

        Assert.True(Acceptable.Contains(code), $"{input}: {code} {error?.Status.Detail}");
        Assert.True(elapsed < Bound, $"{input}: answered after {elapsed}");
        if (error is not null)
        {
            var status = error.GetRpcStatus() ?? throw new Xunit.Sdk.XunitException($"{input}: {code} without details");
            Assert.Equal("kuberpc.io", status.GetDetail<ErrorInfo>()?.Domain);
            Assert.True(status.Message.Length <= 600, $"{input}: message of {status.Message.Length} characters");
            if (code == StatusCode.Unavailable)
            {
                Assert.NotNull(status.GetDetail<RetryInfo>());
            }
        }
        var after = await ClusterSnapshot.TakeAsync(_host.Kubernetes);
        var changed = before.Keys.Union(after.Keys)
            .Where(k => !before.TryGetValue(k, out var rv) || !after.TryGetValue(k, out var now) || rv != now)
            .ToList();
        Assert.True(changed.All(written.Contains), $"{input}: {code} changed {string.Join(", ", changed)}; it wrote {string.Join(", ", written)}");
    }

    /// <summary>Makes the call; returns its code, the objects it wrote (when it succeeded), and its error.</summary>
    private async Task<(StatusCode Code, HashSet<string> Written, RpcException? Error)> CallAsync(Input i)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + Bound;
        var services = _host.Services;
        var ingresses = _host.Ingresses;
        var strong = new ReadOptions { Consistency = Consistency.Strong };
        var cached = new ReadOptions { MinResourceVersion = i.ResourceVersion };
        var service = ServiceTestKit.ClusterIp(i.Name, i.Namespace);
        try
        {
            switch (i.Rpc)
            {
                case Rpc.GetService:
                    await services.GetServiceAsync(new GetServiceRequest { Namespace = i.Namespace, Name = i.Name, ReadOptions = cached }, deadline: deadline);
                    break;
                case Rpc.GetServiceStrong:
                    await services.GetServiceAsync(new GetServiceRequest { Namespace = i.Namespace, Name = i.Name, ReadOptions = strong }, deadline: deadline);
                    break;
                case Rpc.ListServices or Rpc.ListServicesStrong:
                    await services.ListServicesAsync(new ListServicesRequest
                    {
                        Namespace = i.Namespace,
                        LabelSelector = i.LabelSelector,
                        FieldSelector = i.FieldSelector,
                        PageSize = 2,
                        PageToken = i.PageToken,
                        ReadOptions = i.Rpc == Rpc.ListServicesStrong ? strong : cached,
                    }, deadline: deadline);
                    break;
                case Rpc.WatchServices:
                    await FirstAsync(services.WatchServices(new WatchServicesRequest
                    {
                        Namespace = i.Namespace,
                        LabelSelector = i.LabelSelector,
                        FieldSelector = i.FieldSelector,
                        ResourceVersion = i.ResourceVersion,
                        AllowBookmarks = i.DryRun,
                    }, deadline: deadline));
                    break;
                case Rpc.CreateService:
                    var created = await services.CreateServiceAsync(new CreateServiceRequest { Service = service, DryRun = i.DryRun }, deadline: deadline);
                    Wrote(written, "services", created.Metadata, i.DryRun);
                    break;
                case Rpc.UpdateService:
                    Wrote(written, "services", (await services.UpdateServiceAsync(new UpdateServiceRequest { Service = service, DryRun = i.DryRun },
                        deadline: deadline)).Metadata, i.DryRun);
                    break;
                case Rpc.UpdateServiceStatus:
                    Wrote(written, "services", (await services.UpdateServiceStatusAsync(new UpdateServiceStatusRequest { Service = service, DryRun = i.DryRun },
                        deadline: deadline)).Metadata, i.DryRun);
                    break;
                case Rpc.PatchService:
                    Wrote(written, "services", (await services.PatchServiceAsync(new PatchServiceRequest
                    {
                        Namespace = i.Namespace,
                        Name = i.Name,
                        Patch = i.Patch,
                        PatchType = i.PatchType,
                        DryRun = i.DryRun,
                        FieldManager = i.PatchType == PatchType.ApplyPatch ? "property" : "",
                    }, deadline: deadline)).Metadata, i.DryRun);
                    break;
                case Rpc.ApplyService:
                    Wrote(written, "services", (await services.ApplyServiceAsync(new ApplyServiceRequest
                    {
                        Service = service,
                        FieldManager = "property",
                        Force = true,
                        DryRun = i.DryRun,
                    }, deadline: deadline)).Metadata, i.DryRun);
                    break;
                case Rpc.DeleteService:
                    Wrote(written, "services", (await services.DeleteServiceAsync(new DeleteServiceRequest
                    {
                        Namespace = i.Namespace,
                        Name = i.Name,
                        DryRun = i.DryRun,
                    }, deadline: deadline)).Metadata, i.DryRun);
                    break;
                case Rpc.DeleteServiceCollection:
                    var deleted = await services.DeleteServiceCollectionAsync(new DeleteServiceCollectionRequest
                    {
                        Namespace = i.Namespace,
                        LabelSelector = i.LabelSelector,
                        FieldSelector = i.FieldSelector,
                        DryRun = i.DryRun,
                    }, deadline: deadline);
                    foreach (var s in deleted.Services)
                    {
                        Wrote(written, "services", s.Metadata, i.DryRun);
                    }
                    break;
                case Rpc.GetIngress:
                    await ingresses.GetIngressAsync(new GetIngressRequest { Namespace = i.Namespace, Name = i.Name, ReadOptions = cached }, deadline: deadline);
                    break;
                case Rpc.ListIngresses:
                    await ingresses.ListIngressesAsync(new ListIngressesRequest
                    {
                        Namespace = i.Namespace,
                        LabelSelector = i.LabelSelector,
                        FieldSelector = i.FieldSelector,
                        PageToken = i.PageToken,
                        PageSize = 1,
                    }, deadline: deadline);
                    break;
                case Rpc.WatchIngresses:
                    await FirstAsync(ingresses.WatchIngresses(new WatchIngressesRequest
                    {
                        Namespace = i.Namespace,
                        LabelSelector = i.LabelSelector,
                        ResourceVersion = i.ResourceVersion,
                        SendInitialEvents = i.DryRun,
                    }, deadline: deadline));
                    break;
                case Rpc.PatchIngress:
                    Wrote(written, "ingresses", (await ingresses.PatchIngressAsync(new PatchIngressRequest
                    {
                        Namespace = i.Namespace,
                        Name = i.Name,
                        Patch = i.Patch,
                        PatchType = i.PatchType,
                        DryRun = i.DryRun,
                        FieldManager = i.PatchType == PatchType.ApplyPatch ? "property" : "",
                    }, deadline: deadline)).Metadata, i.DryRun);
                    break;
                case Rpc.DeleteIngress:
                    Wrote(written, "ingresses", (await ingresses.DeleteIngressAsync(new DeleteIngressRequest
                    {
                        Namespace = i.Namespace,
                        Name = i.Name,
                        DryRun = i.DryRun,
                    }, deadline: deadline)).Metadata, i.DryRun);
                    break;
            }
            return (StatusCode.OK, written, null);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, written, e);
        }
    }

    private static void Wrote(HashSet<string> written, string resource, ObjectMeta meta, bool dryRun)
    {
        if (!dryRun)
        {
            written.Add($"{resource}/{meta.Namespace}/{meta.Name}");
        }
    }

    /// <summary>A watch answers with its first message or its error; one still open and quiet after a second is fine.</summary>
    private static async Task FirstAsync<T>(AsyncServerStreamingCall<T> call)
    {
        using (call)
        {
            using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await call.ResponseStream.MoveNext(quiet.Token);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && quiet.IsCancellationRequested)
            {
                // Open and quiet.
            }
        }
    }
}
