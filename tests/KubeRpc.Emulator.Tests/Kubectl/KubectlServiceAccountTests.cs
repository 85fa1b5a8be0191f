using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>Service accounts with kubectl: the generator (a protobuf body), the table, the YAML and deletion.</summary>
public class KubectlServiceAccountTests
{
    [RequiresToolFact("kubectl")]
    public async Task CreateServiceAccount_GetYamlDelete_AsARealCluster()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var created = await kubectl.RunAsync("create", "serviceaccount", "robot", "-n", "default");
        var again = await kubectl.RunAsync("create", "serviceaccount", "robot");
        var invalid = await kubectl.RunAsync("create", "serviceaccount", "Robot");
        var table = await kubectl.RunAsync("get", "sa");
        var yaml = await kubectl.RunAsync("get", "serviceaccount", "robot", "-o", "yaml");
        var deleted = await kubectl.RunAsync("delete", "sa", "robot");
        var gone = await kubectl.RunAsync("get", "sa", "robot");

        KubectlAssert.Success(created, "serviceaccount/robot created");
        KubectlAssert.Failure(again, "error: failed to create serviceaccount: serviceaccounts \"robot\" already exists");
        KubectlAssert.Failure(invalid, "error: failed to create serviceaccount: ServiceAccount \"Robot\" is invalid: metadata.name: Invalid value: " +
            "\"Robot\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end " +
            "with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        // Every namespace of a fresh cluster has the default service account the controller manager makes.
        KubectlAssert.Success(table, """
            NAME      SECRETS   AGE
            default   0         0s
            robot     0         0s
            """);
        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              creationTimestamp: "2025-01-02T15:04:05Z"
              name: robot
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            """);
        KubectlAssert.Success(deleted, "serviceaccount \"robot\" deleted");
        KubectlAssert.Failure(gone, "Error from server (NotFound): serviceaccounts \"robot\" not found");
    }

    [RequiresToolFact("kubectl")]
    public async Task GetServiceAccounts_AllNamespaces_DefaultInEverySystemNamespace()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var table = await kubectl.RunAsync("get", "serviceaccounts", "-A");

        KubectlAssert.Success(table, """
            NAMESPACE         NAME      SECRETS   AGE
            default           default   0         0s
            kube-node-lease   default   0         0s
            kube-public       default   0         0s
            kube-system       default   0         0s
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyServiceAccount_StrictValidationFromOpenApi_UnknownFieldRefusedKnownOnesStored()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var unknown = kubectl.WriteFile("unknown.yaml", """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: builder
            foo: bar
            """);
        var known = kubectl.WriteFile("known.yaml", """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: builder
            automountServiceAccountToken: false
            imagePullSecrets:
            - name: regcred
            """);

        var refused = await kubectl.RunAsync("apply", "-f", unknown);
        var applied = await kubectl.RunAsync("apply", "-f", known);
        var fields = await kubectl.RunAsync("get", "sa", "builder", "-o", "jsonpath={.automountServiceAccountToken} {.imagePullSecrets[0].name}");

        KubectlAssert.Failure(refused, "Error from server (BadRequest): error when creating \"unknown.yaml\": ServiceAccount in version \"v1\" " +
            "cannot be handled as a ServiceAccount: strict decoding error: unknown field \"foo\"");
        KubectlAssert.Success(applied, "serviceaccount/builder created");
        Assert.Equal((0, "false regcred"), (fields.ExitCode, fields.Stdout));
    }
}
