using k8s;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Clients;

/// <summary>
/// The checks of the CRUD scenario that crud.py and crud.mjs both play (same steps, same fields): what the client
/// decoded must agree with kube-apiserver's behaviour and with what the emulator holds afterwards.
/// </summary>
internal static class CrudScenario
{
    /// <summary>Checks the whole scenario; returns every step for client-specific checks.</summary>
    public static async Task<IReadOnlyList<ScriptStep>> AssertAsync(ScriptRun run, StandaloneEmulator server, string ns)
    {
        var created = await run.ExpectAsync("namespace-created");
        Assert.Equal(ns, created.Str("name"));
        Assert.Equal("Active", created.Str("phase"));

        var web = await run.ExpectAsync("service-created");
        Assert.Equal("web", web.Str("name"));
        Assert.Equal("TCP", web.At("object.spec.ports.0.protocol"));
        Assert.Equal("8080", web.At("object.spec.ports.0.targetPort"));
        var db = await run.ExpectAsync("service-created");
        Assert.Equal("db", db.Str("name"));
        Assert.Equal(web.Rv() + 1, db.Rv());

        var ingress = await run.ExpectAsync("ingress-created");
        Assert.Equal("web", ingress.Str("name"));
        Assert.Equal("web.example.com", ingress.At("object.spec.rules.0.host"));
        Assert.Equal("Prefix", ingress.At("object.spec.rules.0.http.paths.0.pathType"));

        var read = await run.ExpectAsync("service-read");
        Assert.Equal(web.Str("uid"), read.Str("uid"));
        Assert.Equal(web.Rv(), read.Rv());
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, read.Map("selector"));
        Assert.Equal("80", read.At("ports.0.port"));

        var frontend = await run.ExpectAsync("service-listed");
        Assert.Equal(["web"], frontend.Strings("names"));
        Assert.Equal(ingress.Rv(), frontend.Rv());
        Assert.Equal(["web"], (await run.ExpectAsync("ingress-listed")).Strings("names"));

        var replaced = await run.ExpectAsync("service-replaced");
        Assert.True(replaced.Rv() > ingress.Rv());
        Assert.Equal("edge", replaced.Map("labels")["tier"]);

        var conflict = await run.ExpectAsync("stale-replace-rejected");
        Assert.Equal(web.Rv(), conflict.Rv("staleRv"));
        Assert.Equal("409", conflict.At("status"));
        Assert.Equal("Failure", conflict.At("body.status"));
        Assert.Equal("Conflict", conflict.At("body.reason"));
        Assert.Equal("409", conflict.At("body.code"));
        Assert.Equal("Operation cannot be fulfilled on services \"web\": the object has been modified; please apply your changes to the latest version and try again",
            conflict.At("body.message"));
        Assert.Equal("services", conflict.At("body.details.kind"));
        Assert.Equal("web", conflict.At("body.details.name"));

        Assert.Equal("Service", (await run.ExpectAsync("service-deleted")).Str("kind"));
        var missing = await run.ExpectAsync("service-not-found");
        Assert.Equal("404", missing.At("status"));
        Assert.Equal("NotFound", missing.At("body.reason"));
        Assert.Equal("services \"web\" not found", missing.At("body.message"));
        Assert.Equal(["db"], (await run.ExpectAsync("service-listed")).Strings("names"));
        await run.ExpectDoneAsync();
        IReadOnlyList<ScriptStep> steps = [created, web, db, ingress, read, frontend, replaced, conflict, missing];

        // The emulator agrees with what the client saw.
        var services = await server.Client.CoreV1.ListNamespacedServiceAsync(ns).DefaultTimeout();
        Assert.Equal(["db"], services.Items.Select(s => s.Metadata.Name));
        Assert.Equal(db.Str("uid"), services.Items[0].Metadata.Uid);
        Assert.Empty((await server.Client.NetworkingV1.ListNamespacedIngressAsync(ns).DefaultTimeout()).Items);
        return steps;
    }

    /// <summary>
    /// The fields the server fills in on create, as the client decoded them (kube-apiserver's Service defaults,
    /// ClusterIP allocation, Ingress generation). Reads the run up to the ingress only.
    /// </summary>
    public static async Task AssertServerDefaultsAsync(ScriptRun run)
    {
        await run.ExpectAsync("namespace-created");
        var web = await run.ExpectAsync("service-created");
        Assert.Equal("ClusterIP", web.At("type"));
        Assert.Matches(@"^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$", web.At("clusterIP") ?? "");
        Assert.Equal("[\"" + web.Str("clusterIP") + "\"]", web.At("object.spec.clusterIPs"));
        Assert.Equal("None", web.At("object.spec.sessionAffinity"));
        Assert.Equal("SingleStack", web.At("object.spec.ipFamilyPolicy"));
        Assert.Equal("[\"IPv4\"]", web.At("object.spec.ipFamilies"));
        Assert.Equal("Cluster", web.At("object.spec.internalTrafficPolicy"));
        var db = await run.ExpectAsync("service-created");
        Assert.NotEqual(web.At("clusterIP"), db.At("clusterIP"));
        var ingress = await run.ExpectAsync("ingress-created");
        Assert.Equal("1", ingress.At("object.metadata.generation"));
    }
}
