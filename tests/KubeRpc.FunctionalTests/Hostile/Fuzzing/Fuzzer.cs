using System.Collections.Concurrent;
using CsCheck;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Ingresses;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;
using Xunit.Abstractions;

namespace KubeRpc.FunctionalTests.Hostile.Fuzzing;

/// <summary>
/// Sends generated calls to every RPC, one at a time, and checks each answer: a code a client can act on (never UNKNOWN
/// or INTERNAL) with google.rpc.Status details, within <see cref="Bound"/>, a reply that parses, and no stored object
/// changed but those the call wrote successfully. The server must still be serving afterwards (and every 100 calls).
/// </summary>
internal sealed class Fuzzer(KubeRpcHost host, Metadata? admin, ITestOutputHelper output, IReadOnlyCollection<StatusCode> acceptable)
{
    public static readonly StatusCode[] Acceptable =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists, StatusCode.Aborted,
        StatusCode.OutOfRange, StatusCode.ResourceExhausted, StatusCode.Unavailable,
    ];

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly string[] Fixtures = ["services/default/web", "services/default/web2", "services/team/api", "ingresses/default/web", "ingresses/default/web2"];

    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly MessageMutator _mutator = new(new HostileValues());
    private int _calls;

    /// <summary>The fixtures (Services with a ready Pod behind one, Ingresses), and page tokens and versions of this cluster for the generators.</summary>
    public async Task SeedClusterAsync()
    {
        await new Access.ClusterAccess(host.Kubernetes).EnsureNamespaceAsync("team");
        await RestoreAsync(Fixtures);
        await host.Kubernetes.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-1", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "example/web:1", Ports = [new V1ContainerPort { ContainerPort = 8080 }] }] },
        }, "default").DefaultTimeout();
        var services = await host.Services.ListServicesAsync(new ListServicesRequest { PageSize = 1 }, admin).ResponseAsync.DefaultTimeout();
        var inTeam = await host.Services.ListServicesAsync(new ListServicesRequest { PageSize = 1, Namespace = "default" }, admin).ResponseAsync.DefaultTimeout();
        var ingresses = await host.Ingresses.ListIngressesAsync(new ListIngressesRequest { PageSize = 1 }, admin).ResponseAsync.DefaultTimeout();
        _mutator.Values.LiveTokens.AddRange([services.NextPageToken, inTeam.NextPageToken, ingresses.NextPageToken]);
        _mutator.Values.LiveResourceVersions.AddRange([services.ResourceVersion, ingresses.ResourceVersion, services.Services[0].Metadata.ResourceVersion]);
    }

    /// <summary>Calls of every RPC: seed requests with fields changed (most), bytes changed (some), both or neither.</summary>
    public static Gen<FuzzCase> Cases(Gen<string?> authorization) =>
        from rpc in Gen.OneOf<FuzzedRpc>([.. FuzzedRpcs.All])
        from seedIndex in Gen.Int[0, 9]
        from fields in Gen.Frequency((2, Gen.Const(0)), (6, Gen.Int[1, 3]), (2, Gen.Int[4, 12]))
        from wire in Gen.Frequency((7, Gen.Const(Array.Empty<WireMutator.Kind>())), (3, Gen.Enum<WireMutator.Kind>().Array[1, 3]))
        from seed in Gen.Int
        from auth in authorization
        select new FuzzCase(rpc, seedIndex, fields, wire, seed, auth);

    public async Task RunAsync(Gen<FuzzCase> cases, int shortFormIterations)
    {
        var seconds = FuzzSettings.Seconds;
        var iterations = FuzzSettings.Iterations(shortFormIterations);
        output.WriteLine(seconds > 0 ? $"fuzzing for {seconds} s" : $"fuzzing {iterations} calls");
        var started = System.Diagnostics.Stopwatch.StartNew();

        await cases.SampleAsync(CheckAsync, writeLine: output.WriteLine, seed: FuzzSettings.Seed, iter: iterations, time: seconds, threads: 1,
            print: c => c.ToString());

        // What the run covered, so a generator that stopped reaching an RPC's interesting answers shows.
        output.WriteLine($"{_calls} calls in {started.Elapsed.TotalSeconds:F1} s");
        foreach (var (outcome, count) in _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{outcome}: {count}");
        }
        await AssertServingAsync("after the run");
    }

    private async Task CheckAsync(FuzzCase c)
    {
        if (Interlocked.Increment(ref _calls) % 100 == 0)
        {
            await AssertServingAsync($"after {_calls} calls");
        }
        var terminating = new HashSet<string>(StringComparer.Ordinal);
        var before = await ClusterSnapshot.TakeAsync(host.Kubernetes, terminating);
        if (Fixtures.Where(f => !before.ContainsKey(f)).ToList() is { Count: > 0 } missing)
        {
            // Put back what earlier calls deleted, so calls keep reaching existing objects.
            await RestoreAsync(missing);
            terminating.Clear();
            before = await ClusterSnapshot.TakeAsync(host.Kubernetes, terminating);
        }
        var (bytes, parsed) = c.Build(_mutator);
        var headers = c.Authorization is null ? admin : new Metadata { { "authorization", c.Authorization } };
        var started = System.Diagnostics.Stopwatch.StartNew();
        var answer = await RawCaller.CallAsync(host.Channel.CreateCallInvoker(), c.Rpc.Method, bytes, headers, DateTime.UtcNow + Bound);
        var elapsed = started.Elapsed;
        var reason = answer.Error?.Detail<ErrorInfo>()?.Reason;
        _outcomes.AddOrUpdate($"{c.Rpc.Method.Name} {answer.Code}{(reason is null ? "" : " " + reason)}", 1, static (_, n) => n + 1);
        var said = $"{c}: {answer.Code} {answer.Error?.Status.Detail}";

        Assert.True(acceptable.Contains(answer.Code), said);
        Assert.True(elapsed < Bound, $"{c}: answered after {elapsed}");
        if (answer.Error is { } error)
        {
            var status = error.GetRpcStatus() ?? throw new Xunit.Sdk.XunitException($"{said}: no google.rpc.Status details");
            Assert.True(status.Code == (int)answer.Code, $"{said}: details say code {status.Code}");
            Assert.True(status.GetDetail<ErrorInfo>()?.Domain == "kuberpc.io", $"{said}: no kuberpc.io ErrorInfo");
            Assert.True(status.Message.Length <= 600, $"{c}: message of {status.Message.Length} characters");
            if (answer.Code == StatusCode.Unavailable)
            {
                Assert.True(status.GetDetail<RetryInfo>() is not null, $"{said}: no RetryInfo");
            }
        }
        var written = new HashSet<string>(StringComparer.Ordinal);
        if (answer.Code == StatusCode.OK)
        {
            Assert.True(parsed is not null, $"{c}: OK for bytes that are not a {c.Rpc.Method.InputType.Name}");
            if (answer.Reply is not null)
            {
                var reply = c.Rpc.Method.OutputType.Parser.ParseFrom(answer.Reply);
                if (c.Rpc.Writes && !IsDryRun(parsed!))
                {
                    Written(reply, c.Rpc.Resource, written);
                }
            }
        }
        var after = await ClusterSnapshot.TakeAsync(host.Kubernetes);
        var changed = before.Keys.Union(after.Keys)
            .Where(k => !before.TryGetValue(k, out var rv) || !after.TryGetValue(k, out var now) || rv != now)
            .ToList();
        Assert.True(changed.All(k => written.Contains(k) || terminating.Contains(k)), $"{said}: changed {string.Join(", ", changed)}; it wrote {string.Join(", ", written)}");
    }

    /// <summary>The health service says SERVING, and an ordinary call works.</summary>
    public async Task AssertServingAsync(string when)
    {
        var health = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest()).ResponseAsync.DefaultTimeout();
        Assert.True(health.Status == HealthCheckResponse.Types.ServingStatus.Serving, $"{when}: health {health.Status}");
        var list = await host.Services.ListServicesAsync(new ListServicesRequest { Namespace = "team" }, admin).ResponseAsync.DefaultTimeout();
        Assert.NotNull(list.ResourceVersion);
    }

    private async Task RestoreAsync(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            var parts = key.Split('/');
            var create = parts[0] == "services"
                ? host.Services.CreateServiceAsync(new CreateServiceRequest { Service = ServiceTestKit.ClusterIp(parts[2], parts[1]) }, admin).ResponseAsync
                : (Task)host.Ingresses.CreateIngressAsync(new CreateIngressRequest { Ingress = IngressFixtures.Simple(parts[2], parts[1]) }, admin).ResponseAsync;
            try
            {
                await create.DefaultTimeout();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                // Being deleted (a finalizer a call added): it is not coming back, and that is fine.
            }
        }
    }

    private static bool IsDryRun(IMessage request) =>
        request.Descriptor.FindFieldByName("dry_run")?.Accessor.GetValue(request) is true;

    /// <summary>The objects a write answered with: its one object, or each of a collection's.</summary>
    private static void Written(IMessage reply, string resource, HashSet<string> written)
    {
        if (reply is Service or Ingress)
        {
            var meta = (ObjectMeta)reply.Descriptor.FindFieldByName("metadata").Accessor.GetValue(reply);
            written.Add($"{resource}/{meta.Namespace}/{meta.Name}");
            return;
        }
        foreach (var field in reply.Descriptor.Fields.InDeclarationOrder().Where(f => f.IsRepeated && f.FieldType == Google.Protobuf.Reflection.FieldType.Message))
        {
            foreach (IMessage item in (System.Collections.IList)field.Accessor.GetValue(reply))
            {
                Written(item, resource, written);
            }
        }
    }
}
