using CsCheck;
using Grpc.Core;
using KubeRpc.FunctionalTests.Access;
using KubeRpc.FunctionalTests.Hostile.Fuzzing;
using KubeRpc.FunctionalTests.Infrastructure;
using Xunit.Abstractions;

namespace KubeRpc.FunctionalTests.Hostile;

/// <summary>
/// The fuzzer with Auth:Mode=Kubernetes: the same calls, each with a token the cluster issued to an account allowed
/// everything the RPCs need, one of an account that may only read Services in one namespace, or a hostile authorization header (random, huge, non-ASCII, cut short, another scheme).
/// Refusals are UNAUTHENTICATED or PERMISSION_DENIED with details; the properties are otherwise those of Auth:Mode=None.
/// </summary>
public sealed class BearerTokenFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private KubeRpcHost _host = null!;
    private string _token = "";
    private string _limited = "";

    public async Task InitializeAsync()
    {
        _host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "Kubernetes",
            ["Cache:ReadWait"] = "00:00:00.100",
            ["Watch:ResourceVersionWait"] = "00:00:00.200",
        }).DefaultTimeout();
        var access = new ClusterAccess(_host.Kubernetes);
        _token = await access.ServiceAccountTokenAsync("fuzz");
        string[] all = ["create", "get", "list", "watch", "update", "patch", "delete", "deletecollection"];
        await access.GrantAsync("fuzz", null, all, ["services", "services/status"]);
        await access.GrantAsync("fuzz", null, all, ["ingresses", "ingresses/status"], "networking.k8s.io");
        await access.GrantAsync("fuzz", null, ["list", "watch"], ["endpointslices"], "discovery.k8s.io");
        // Reads in one namespace only: most calls are refused by RBAC, after their input is checked.
        _limited = await access.ServiceAccountTokenAsync("fuzz-limited");
        await access.GrantAsync("fuzz-limited", "team", ["get", "list", "watch"], ["services"]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnyRequestAndAuthorization_AnswersAClientCanActOn_PromptlyWithDetails_ChangingOnlyWhatItWrote()
    {
        var valid = "Bearer " + _token;
        var fuzzer = new Fuzzer(_host, ClusterAccess.Bearer(_token), output,
            [.. Fuzzer.Acceptable, StatusCode.Unauthenticated, StatusCode.PermissionDenied]);
        await fuzzer.SeedClusterAsync();
        var hostile = Gen.OneOf<string?>([
            null, "", "Bearer", "Bearer ", "Bearer  " + _token, "bearer " + _token, "BEARER " + _token, "Basic dXNlcjpwYXNz", "Bearer " + _token + " x",
            "Bearer " + _token[..^1], "Bearer " + _token[..20], "Bearer " + _token + "A", "Bearer " + _token + ",Bearer " + _token, "Bearer tökén",
            "Bearer \u202Eevil", "Bearer " + new string('a', 20_000), "Bearer " + new string('é', 100_000), "Bearer \u0000", "Bearer a.b.c",
            "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.", "\uD800", "Bearer\t" + _token]);
        var authorization = Gen.Frequency(
            (6, (IGen<string?>)Gen.Const<string?>(valid)),
            (1, (IGen<string?>)Gen.Const<string?>("Bearer " + _limited)),
            (3, hostile),
            (1, Gen.String.Select(s => (string?)("Bearer " + s))));

        await fuzzer.RunAsync(Fuzzer.Cases(authorization), shortFormIterations: 1500);
    }
}
