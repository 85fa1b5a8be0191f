using System.Diagnostics;
using k8s;
using KubeRpc.Server.Access;

namespace KubeRpc.Benchmarks;

/// <summary>The per-call cost of access control's remembered paths: a token's review and a decision, both found in memory.</summary>
internal static class AccessMicroBenchmark
{
    public static async Task RunAsync(IKubernetes cluster, string token)
    {
        var options = new AuthOptions();
        var tokens = new TokenReviewer(cluster, options, TimeProvider.System);
        var rbac = new RbacChanges();
        for (var i = 0; i < RbacChanges.Kinds; i++)
        {
            rbac.WatchOpened();
        }
        var reviewer = new AccessReviewer(cluster, options, rbac, TimeProvider.System);
        var caller = await tokens.AuthenticateAsync(token, CancellationToken.None) ?? throw new InvalidOperationException("token refused");
        var request = new AccessRequest("get", "", "services", "", "bench-00", "svc-000500");
        await reviewer.ReviewAsync(caller, request, CancellationToken.None);
        const int n = 200_000;
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                await tokens.AuthenticateAsync(token, CancellationToken.None);
            }
            var tokenNs = sw.Elapsed.TotalNanoseconds / n;
            sw.Restart();
            for (var i = 0; i < n; i++)
            {
                await reviewer.ReviewAsync(caller, new AccessRequest("get", "", "services", "", "bench-00", "svc-000500"), CancellationToken.None);
            }
            var decisionNs = sw.Elapsed.TotalNanoseconds / n;
            Console.WriteLine($"remembered token review {tokenNs:0} ns/call, remembered decision {decisionNs:0} ns/call (reviews sent {reviewer.Reviews})");
        }
    }
}
