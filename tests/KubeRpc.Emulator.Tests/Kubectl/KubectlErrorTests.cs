using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>Server errors exactly as kubectl prints them against kube-apiserver, and kubectl's exit codes.</summary>
public class KubectlErrorTests
{
    [RequiresToolFact("kubectl")]
    public async Task Create_Existing_AlreadyExists()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        // No fixed clusterIP: a taken fixed address would fail first (see KubectlApplyTests).
        var file = kubectl.WriteFile("x.yaml", KubectlManifests.Web().Replace("  clusterIP: 10.96.0.50\n", "", StringComparison.Ordinal));
        await kubectl.RunAsync("create", "-f", file);

        var again = await kubectl.RunAsync("create", "-f", file);
        var generator = await kubectl.RunAsync("create", "service", "clusterip", "web", "--tcp=80:8080");
        var secret = await kubectl.RunAsync("create", "secret", "generic", "s", "--from-literal=a=b");
        var secretAgain = await kubectl.RunAsync("create", "secret", "generic", "s", "--from-literal=a=b");

        KubectlAssert.Failure(again, "Error from server (AlreadyExists): error when creating \"x.yaml\": services \"web\" already exists");
        KubectlAssert.Failure(generator, "error: failed to create ClusterIP service: services \"web\" already exists");
        KubectlAssert.Success(secret, "secret/s created");
        KubectlAssert.Failure(secretAgain, "error: failed to create secret secrets \"s\" already exists");
    }

    [RequiresToolFact("kubectl")]
    public async Task Missing_GetDeleteCreate_NotFound()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var get = await kubectl.RunAsync("get", "svc", "nope");
        var getIngress = await kubectl.RunAsync("get", "ingress", "nope", "-n", "kube-system");
        var delete = await kubectl.RunAsync("delete", "secret", "nope");
        var unknownType = await kubectl.RunAsync("get", "foos");
        var namespaced = await kubectl.RunAsync("create", "-f", kubectl.WriteFile("x.yaml", KubectlManifests.Shop.Replace("namespace: shop", "namespace: nowhere", StringComparison.Ordinal)));

        KubectlAssert.Failure(get, "Error from server (NotFound): services \"nope\" not found");
        KubectlAssert.Failure(getIngress, "Error from server (NotFound): ingresses.networking.k8s.io \"nope\" not found");
        KubectlAssert.Failure(delete, "Error from server (NotFound): secrets \"nope\" not found");
        KubectlAssert.Failure(unknownType, "error: the server doesn't have a resource type \"foos\"");
        KubectlAssert.Output(namespaced, 1, "namespace/shop created", """
            Error from server (NotFound): error when creating "x.yaml": namespaces "nowhere" not found
            Error from server (NotFound): error when creating "x.yaml": namespaces "nowhere" not found
            Error from server (NotFound): error when creating "x.yaml": namespaces "nowhere" not found
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Replace_StaleResourceVersion_Conflict()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));
        var stale = (await kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.metadata.resourceVersion}")).Stdout;
        await kubectl.RunAsync("replace", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web(port: 81)));

        var conflict = await kubectl.RunAsync("replace", "-f", kubectl.WriteFile("x.yaml", KubectlManifests.Web(port: 82, resourceVersion: stale)));

        KubectlAssert.Failure(conflict, "Error from server (Conflict): error when replacing \"x.yaml\": Operation cannot be fulfilled on services \"web\": the object has been modified; please apply your changes to the latest version and try again");
    }

    [RequiresToolFact("kubectl")]
    public async Task Create_InvalidObjects_Invalid()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var port = await kubectl.RunAsync("create", "-f", kubectl.WriteFile("x.yaml", KubectlManifests.Web(port: 0)));
        var twoCauses = await kubectl.RunAsync("create", "-f", kubectl.WriteFile("y.yaml", KubectlManifests.Web(port: 0).Replace("\n    targetPort: 8080", "", StringComparison.Ordinal)));
        var applied = await kubectl.RunAsync("apply", "-f", "x.yaml");
        var name = await kubectl.RunAsync("create", "namespace", "Bad_Name");
        var ingress = await kubectl.RunAsync("create", "ingress", "bad", "--rule=foo.com/path=web:99999");

        KubectlAssert.Failure(port, "The Service \"web\" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
        // Without targetPort the defaulted targetPort (= port) is invalid too; kubectl lists each cause.
        KubectlAssert.Failure(twoCauses,
            "The Service \"web\" is invalid: \n"
            + "* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n"
            + "* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive");
        KubectlAssert.Failure(applied, "The Service \"web\" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
        KubectlAssert.Failure(name, "The Namespace \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        KubectlAssert.Failure(ingress, "error: failed to create ingress: Ingress.networking.k8s.io \"bad\" is invalid: spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 99999: must be between 1 and 65535, inclusive");
    }

    [RequiresToolFact("kubectl")]
    public async Task Create_UnknownField_StrictDecodingError()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("x.yaml", KubectlManifests.Web().Replace("  selector:", "  bogus: 1\n  selector:", StringComparison.Ordinal));

        var strict = await kubectl.RunAsync("create", "-f", file);
        var warned = await kubectl.RunAsync("create", "-f", file, "--validate=warn");

        KubectlAssert.Failure(strict, "Error from server (BadRequest): error when creating \"x.yaml\": Service in version \"v1\" cannot be handled as a Service: strict decoding error: unknown field \"spec.bogus\"");
        KubectlAssert.Output(warned, 0, "service/web created", "Warning: unknown field \"spec.bogus\"");
    }
}
