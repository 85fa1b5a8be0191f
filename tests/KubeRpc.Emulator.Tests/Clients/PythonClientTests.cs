using k8s;
using k8s.Models;
using KubeRpc.Emulator.Storage;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Clients;

/// <summary>
/// The official Python client (Debian's python3-kubernetes) against the standalone emulator: each test runs one
/// script from Clients/python and checks what the client printed.
/// </summary>
public sealed class PythonClientTests
{
    private const string Ns = "py";

    [RequiresPythonClientFact]
    public async Task Crud_ServiceAndIngress_ConflictOnStaleReplaceAndNotFoundAfterDelete()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Python("crud.py", server.Url, Ns);
        var steps = await CrudScenario.AssertAsync(run, server, Ns);

        // ApiException.reason is the HTTP reason phrase; status the HTTP status.
        var conflict = steps.Single(s => s.Name == "stale-replace-rejected");
        Assert.Equal((409, "Conflict"), (conflict.Int("status"), conflict.Str("reason")));
        var missing = steps.Single(s => s.Name == "service-not-found");
        Assert.Equal((404, "Not Found"), (missing.Int("status"), missing.Str("reason")));
    }

    /// <summary>Needs the real Service and Ingress strategies (defaults, ClusterIP allocation, generation).</summary>
    [RequiresPythonClientFact]
    public async Task Create_ServiceAndIngress_ClientSeesServerDefaults()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Python("crud.py", server.Url, Ns);
        await CrudScenario.AssertServerDefaultsAsync(run);
    }

    [RequiresPythonClientFact]
    public async Task Watch_ChangesWhileWatching_AddedModifiedDeletedThenServerTimeout()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Python("watch_events.py", server.Url, Ns);
        var watching = await run.ExpectAsync("watching");
        Assert.Empty(watching.Strings("names"));

        // Each change follows the event of the previous one: all three are made while the stream is open.
        var created = await server.Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("web"), Ns).DefaultTimeout();
        var added = await run.ExpectAsync("event");
        Assert.Equal(("ADDED", "web", created.Metadata.ResourceVersion), (added.Str("type"), added.Str("name"), added.Str("rv")));
        Assert.Equal(("Service", "v1"), (added.Str("kind"), added.Str("apiVersion")));

        created.Metadata.Labels = new Dictionary<string, string> { ["stage"] = "two" };
        var updated = await server.Client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", Ns).DefaultTimeout();
        var modified = await run.ExpectAsync("event");
        Assert.Equal(("MODIFIED", "web", updated.Metadata.ResourceVersion), (modified.Str("type"), modified.Str("name"), modified.Str("rv")));
        Assert.Equal("two", modified.Map("labels")["stage"]);

        await server.Client.CoreV1.DeleteNamespacedServiceAsync("web", Ns).DefaultTimeout();
        var deleted = await run.ExpectAsync("event");
        Assert.Equal(("DELETED", "web"), (deleted.Str("type"), deleted.Str("name")));
        Assert.Equal(server.Emulator.ResourceVersion, deleted.Rv());
        Assert.Equal(deleted.Rv(), (await run.ExpectAsync("watch-stopped")).Rv());

        var quiet = await run.ExpectAsync("watch-timed-out");
        Assert.Equal(0, quiet.Int("events"));
        Assert.InRange(quiet["seconds"].GetDouble(), 0.5, 10);
        await run.ExpectDoneAsync();
    }

    [RequiresPythonClientFact]
    public async Task Watch_InjectedExpiry_ApiException410UnlessOneRetryResumes()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Python("watch_expired.py", server.Url, Ns);

        var ready = await run.ExpectAsync("ready");
        var rv = ready.Str("rv");
        server.Emulator.Faults.ExpireNextWatches(1);
        await run.SendAsync("go");
        AssertExpired(await run.ExpectAsync("expired"), rv);

        await run.ExpectAsync("ready");
        server.Emulator.Faults.ExpireNextWatches(2);
        await run.SendAsync("go");
        AssertExpired(await run.ExpectAsync("expired"), rv);

        await run.ExpectAsync("ready");
        server.Emulator.Faults.ExpireNextWatches(1);
        var created = await server.Client.CoreV1.CreateNamespacedServiceAsync(Objects.Service("late"), Ns).DefaultTimeout();
        await run.SendAsync("go");
        var resumed = await run.ExpectAsync("event");
        Assert.Equal(("ADDED", "late", created.Metadata.ResourceVersion), (resumed.Str("type"), resumed.Str("name"), resumed.Str("rv")));
        await run.ExpectDoneAsync();
    }

    [RequiresPythonClientFact]
    public async Task Watch_ResourceVersionOlderThanHistory_ApiException410ThenRelistWorks()
    {
        var options = new EmulatorOptions { History = new HistoryOptions { MinEvents = 1, MinAge = TimeSpan.Zero, MaxEvents = 2 } };
        await using var server = await StandaloneEmulator.StartAsync(options);
        await using var run = ScriptRun.Python("watch_too_old.py", server.Url, Ns);

        var changed = await run.ExpectAsync("changed");
        var expired = await run.ExpectAsync("expired");
        Assert.Equal(410, expired.Int("status"));
        Assert.Matches($"^Expired: too old resource version: {changed.Str("oldRv")} \\(\\d+\\)$", expired.Str("reason"));

        var relisted = await run.ExpectAsync("relisted");
        Assert.Equal(changed.Rv(), relisted.Rv());
        Assert.Equal(["web"], relisted.Strings("names"));
        Assert.Equal(0, relisted.Int("events"));
        await run.ExpectDoneAsync();
    }

    /// <summary>Python sends a dict as a strategic merge patch and a list as a JSON patch.</summary>
    [RequiresPythonClientFact]
    public async Task Patch_DictAndListBodies_StrategicMergeAndJsonPatchApplied()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Python("patch.py", server.Url, Ns);

        var merged = await run.NextAsync();
        Assert.True(merged.Name == "strategic-merge-patched", $"strategic merge patch: {merged}");
        Assert.Equal("strategic", merged.Map("labels")["patched"]);
        Assert.Equal("web", merged.Map("labels")["app"]);
        Assert.Equal([80, 443], System.Text.Json.JsonSerializer.Deserialize<int[]>(merged.At("ports") ?? "null") ?? []);

        var patched = await run.NextAsync();
        Assert.True(patched.Name == "json-patched", $"JSON patch: {patched}");
        Assert.Equal("json", patched.Map("labels")["patched"]);
        await run.ExpectDoneAsync();

        V1Service stored = await server.Client.CoreV1.ReadNamespacedServiceAsync("web", Ns).DefaultTimeout();
        Assert.Equal(patched.Str("rv"), stored.Metadata.ResourceVersion);
        Assert.Equal([80, 443], stored.Spec.Ports.Select(p => p.Port).Order());
    }

    /// <summary>A SelfSubjectAccessReview as the admin and as an impersonated user bound in one namespace only.</summary>
    [RequiresPythonClientFact]
    public async Task SelfSubjectAccessReview_AdminAndImpersonatedUser_AllowedWithReasonOrNot()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await server.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Ns } }).DefaultTimeout();
        await server.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(
            RbacObjects.Role("svc", RbacObjects.Rule(["create"], "", "services")), Ns).DefaultTimeout();
        await server.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(
            RbacObjects.RoleBinding("bob", "Role", "svc", RbacObjects.User("bob")), Ns).DefaultTimeout();
        await using var run = ScriptRun.Python("access_review.py", server.Url, Ns);

        var admin = await run.ExpectAsync("admin");
        var bob = await run.ExpectAsync("bob");
        var bobElsewhere = await run.ExpectAsync("bob");
        await run.ExpectDoneAsync();

        Assert.True(admin["allowed"].GetBoolean());
        // system:masters is allowed ahead of RBAC, with no reason (kube-apiserver's privileged-group authorizer).
        Assert.Equal(System.Text.Json.JsonValueKind.Null, admin["reason"].ValueKind);
        Assert.Equal((Ns, true, "RBAC: allowed by RoleBinding \"bob/py\" of Role \"svc\" to User \"bob\""),
            (bob.Str("namespace"), bob["allowed"].GetBoolean(), bob.Str("reason")));
        Assert.Equal(("elsewhere", false, System.Text.Json.JsonValueKind.Null),
            (bobElsewhere.Str("namespace"), bobElsewhere["allowed"].GetBoolean(), bobElsewhere["reason"].ValueKind));
    }

    private static void AssertExpired(ScriptStep expired, string rv)
    {
        Assert.Equal(410, expired.Int("status"));
        Assert.Matches($"^Expired: too old resource version: {rv} \\(\\d+\\)$", expired.Str("reason"));
    }

    [RequiresPythonClientFact]
    public async Task Token_BearerClient_SelfSubjectReviewAsTheServiceAccountForbiddenElsewhereAnd401ForABadToken()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Python("token_auth.py", server.Url, Ns);

        var created = await run.ExpectAsync("token-created");
        var whoami = await run.ExpectAsync("whoami");
        var review = await run.ExpectAsync("token-review-refused");
        var stranger = await run.ExpectAsync("stranger-refused");
        await run.ExpectDoneAsync();

        Assert.Equal(1200, created.Int("seconds"));
        Assert.Equal(["https://kubernetes.default.svc.cluster.local"], created.Strings("audiences"));
        Assert.Equal(201, whoami.Int("status"));
        Assert.Equal("system:serviceaccount:py:robot", whoami.At("userInfo.username"));
        Assert.Equal(created.Str("uid"), whoami.At("userInfo.uid"));
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:py", "system:authenticated"],
            whoami["userInfo"].GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        // Reviewing tokens is for the cluster's own components: a service account RBAC grants nothing is refused.
        Assert.Equal((403, "Forbidden"), (review.Int("status"), review.Str("reason")));
        Assert.Equal("tokenreviews.authentication.k8s.io is forbidden: User \"system:serviceaccount:py:robot\" cannot create resource " +
            "\"tokenreviews\" in API group \"authentication.k8s.io\" at the cluster scope", review.At("body.message"));
        Assert.Equal((401, "Unauthorized"), (stranger.Int("status"), stranger.Str("reason")));
        Assert.Equal(("Status", "Failure", "Unauthorized", "Unauthorized", "401"),
            (stranger.At("body.kind"), stranger.At("body.status"), stranger.At("body.message"), stranger.At("body.reason"), stranger.At("body.code")));
    }

    [RequiresPythonClientFact]
    public async Task AccessScenario_BearerTokenOfAServiceAccountWithARole_AllowedInItsNamespaceOnlyAnd401OnceDeleted()
    {
        await using var server = await StandaloneEmulator.StartAsync();
        await using var run = ScriptRun.Python("access_scenario.py", server.Url, Ns);

        var can = await run.ExpectAsync("can-i");
        var created = await run.ExpectAsync("created-here");
        var forbidden = await run.ExpectAsync("forbidden-there");
        var impersonation = await run.ExpectAsync("impersonation-refused");
        var deleted = await run.ExpectAsync("deleted-refused");
        await run.ExpectDoneAsync();

        Assert.Equal((true, false, false), (can.Bool("here"), can.Bool("there"), can.Bool("delete")));
        Assert.Equal("web", created.Str("name"));
        Assert.Equal((403, "Forbidden"), (forbidden.Int("status"), forbidden.Str("reason")));
        Assert.Equal("services is forbidden: User \"system:serviceaccount:py:robot\" cannot create resource \"services\" in API group \"\" " +
            "in the namespace \"py-b\"", forbidden.At("body.message"));
        Assert.Equal((403, "users \"alice\" is forbidden: User \"system:serviceaccount:py:robot\" cannot impersonate resource \"users\" in API " +
            "group \"\" at the cluster scope"), (impersonation.Int("status"), impersonation.At("body.message")));
        Assert.Equal((401, "Unauthorized"), (deleted.Int("status"), deleted.At("body.message")));
    }
}
