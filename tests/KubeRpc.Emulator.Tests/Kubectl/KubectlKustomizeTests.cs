using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// <c>kubectl apply -k</c>, client-side and server-side: the repository's own deploy/base (what it creates is read back
/// in <see cref="KubectlDeployManifestTests"/>), and a kustomization that adds a generated ConfigMap, a
/// PodDisruptionBudget and a NetworkPolicy of its own to deploy/base's Deployment and gRPC Service.
/// </summary>
public class KubectlKustomizeTests
{
    private const string ServedByDeployBase = "/serviceaccounts";
    private const string ClusterRoles = "rbac.authorization.k8s.io/clusterroles";
    private const string ClusterRoleBindings = "rbac.authorization.k8s.io/clusterrolebindings";

    private static string DeployBase => Path.GetFullPath(TestSources.PathOf("../../deploy/base"));

    [RequiresServedResourcesFact(ServedByDeployBase, ClusterRoles, ClusterRoleBindings)]
    public async Task ApplyDeployBase_ClientSideTwice_CreatedThenUnchanged()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var first = await kubectl.RunAsync("apply", "-k", DeployBase);
        var second = await kubectl.RunAsync("apply", "-k", DeployBase);
        var table = await kubectl.RunAsync("get", "-n", "kuberpc", "deployments,services", "-o", "wide");

        // kustomize orders by kind (Namespace, ServiceAccount, ClusterRole, ClusterRoleBinding, Service, Deployment,
        // PodDisruptionBudget, NetworkPolicy).
        KubectlAssert.Success(first, """
            namespace/kuberpc created
            serviceaccount/kuberpc created
            clusterrole.rbac.authorization.k8s.io/kuberpc created
            clusterrolebinding.rbac.authorization.k8s.io/kuberpc created
            service/kuberpc created
            service/kuberpc-metrics created
            deployment.apps/kuberpc created
            poddisruptionbudget.policy/kuberpc created
            networkpolicy.networking.k8s.io/kuberpc created
            """);
        KubectlAssert.Success(second, """
            namespace/kuberpc unchanged
            serviceaccount/kuberpc unchanged
            clusterrole.rbac.authorization.k8s.io/kuberpc unchanged
            clusterrolebinding.rbac.authorization.k8s.io/kuberpc unchanged
            service/kuberpc unchanged
            service/kuberpc-metrics unchanged
            deployment.apps/kuberpc unchanged
            poddisruptionbudget.policy/kuberpc unchanged
            networkpolicy.networking.k8s.io/kuberpc unchanged
            """);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("deployment.apps/kuberpc   0/2     0            0           0s    kuberpc      ghcr.io/kuberpc/kuberpc:latest   app.kubernetes.io/name=kuberpc",
            table.Stdout, StringComparison.Ordinal);
    }

    [RequiresServedResourcesFact(ServedByDeployBase, ClusterRoles, ClusterRoleBindings)]
    public async Task ApplyDeployBase_ServerSideTwice_ServersideApplied()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var first = await kubectl.RunAsync("apply", "--server-side", "-k", DeployBase);
        var second = await kubectl.RunAsync("apply", "--server-side", "-k", DeployBase);
        var deployment = await kubectl.RunAsync("get", "-n", "kuberpc", "deployment", "kuberpc");

        const string Applied = """
            namespace/kuberpc serverside-applied
            serviceaccount/kuberpc serverside-applied
            clusterrole.rbac.authorization.k8s.io/kuberpc serverside-applied
            clusterrolebinding.rbac.authorization.k8s.io/kuberpc serverside-applied
            service/kuberpc serverside-applied
            service/kuberpc-metrics serverside-applied
            deployment.apps/kuberpc serverside-applied
            poddisruptionbudget.policy/kuberpc serverside-applied
            networkpolicy.networking.k8s.io/kuberpc serverside-applied
            """;
        KubectlAssert.Success(first, Applied);
        KubectlAssert.Success(second, Applied);
        KubectlAssert.Success(deployment, """
            NAME      READY   UP-TO-DATE   AVAILABLE   AGE
            kuberpc   0/2     0            0           0s
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyKustomization_WithEveryNewKind_CreatedUnchangedThenServerSideApplied()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var dir = WriteKustomization(kubectl);

        var created = await kubectl.RunAsync("apply", "-k", dir);
        var tables = await kubectl.RunAsync("get", "-n", "kuberpc", "configmaps,deployments,poddisruptionbudgets,networkpolicies");
        var unchanged = await kubectl.RunAsync("apply", "-k", dir);
        var serverSide = await kubectl.RunAsync("apply", "--server-side", "-k", dir);
        var byKustomization = await kubectl.RunAsync("get", "-k", dir, "-o", "name");

        KubectlAssert.Success(created, """
            namespace/kuberpc created
            configmap/kuberpc-config-ccmfmm2mh5 created
            service/kuberpc created
            deployment.apps/kuberpc created
            poddisruptionbudget.policy/kuberpc created
            networkpolicy.networking.k8s.io/kuberpc created
            """);
        KubectlAssert.Success(tables, """
            NAME                                  DATA   AGE
            configmap/kuberpc-config-ccmfmm2mh5   2      0s

            NAME                      READY   UP-TO-DATE   AVAILABLE   AGE
            deployment.apps/kuberpc   0/2     0            0           0s

            NAME                                 MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
            poddisruptionbudget.policy/kuberpc   1               N/A               0                     0s

            NAME                                      POD-SELECTOR                     AGE
            networkpolicy.networking.k8s.io/kuberpc   app.kubernetes.io/name=kuberpc   0s
            """);
        KubectlAssert.Success(unchanged, """
            namespace/kuberpc unchanged
            configmap/kuberpc-config-ccmfmm2mh5 unchanged
            service/kuberpc unchanged
            deployment.apps/kuberpc unchanged
            poddisruptionbudget.policy/kuberpc unchanged
            networkpolicy.networking.k8s.io/kuberpc unchanged
            """);
        KubectlAssert.Success(serverSide, """
            namespace/kuberpc serverside-applied
            configmap/kuberpc-config-ccmfmm2mh5 serverside-applied
            service/kuberpc serverside-applied
            deployment.apps/kuberpc serverside-applied
            poddisruptionbudget.policy/kuberpc serverside-applied
            networkpolicy.networking.k8s.io/kuberpc serverside-applied
            """);
        KubectlAssert.Success(byKustomization, """
            namespace/kuberpc
            configmap/kuberpc-config-ccmfmm2mh5
            service/kuberpc
            deployment.apps/kuberpc
            poddisruptionbudget.policy/kuberpc
            networkpolicy.networking.k8s.io/kuberpc
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyKustomization_ServerSideFirst_ServersideAppliedWithDefaults()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var dir = WriteKustomization(kubectl);

        var applied = await kubectl.RunAsync("apply", "--server-side", "-k", dir);
        var policyTypes = await kubectl.RunAsync("get", "-n", "kuberpc", "netpol", "kuberpc", "-o", "jsonpath={.spec.policyTypes}");
        var pullPolicy = await kubectl.RunAsync("get", "-n", "kuberpc", "deploy", "kuberpc", "-o", "jsonpath={.spec.template.spec.containers[0].imagePullPolicy}");

        KubectlAssert.Success(applied, """
            namespace/kuberpc serverside-applied
            configmap/kuberpc-config-ccmfmm2mh5 serverside-applied
            service/kuberpc serverside-applied
            deployment.apps/kuberpc serverside-applied
            poddisruptionbudget.policy/kuberpc serverside-applied
            networkpolicy.networking.k8s.io/kuberpc serverside-applied
            """);
        // jsonpath prints no final newline.
        Assert.Equal((0, """["Ingress","Egress"]"""), (policyTypes.ExitCode, policyTypes.Stdout));
        Assert.Equal((0, "Always"), (pullPolicy.ExitCode, pullPolicy.Stdout));
    }

    /// <summary>
    /// A kustomization over copies of deploy/base's namespace, Deployment and gRPC Service (kustomize only loads files
    /// below its own folder) plus a generated ConfigMap, a PodDisruptionBudget and a NetworkPolicy. The policy's
    /// ports name their protocol: its lists are atomic, so a port the server defaulted would differ from the
    /// manifest and every client-side apply would send the whole list again ("configured").
    /// </summary>
    private static string WriteKustomization(KubectlSession kubectl)
    {
        var dir = Path.Combine(kubectl.WorkDir, "overlay");
        Directory.CreateDirectory(dir);
        foreach (var file in new[] { "namespace.yaml", "deployment.yaml", "service-grpc.yaml" })
        {
            File.Copy(Path.Combine(DeployBase, file), Path.Combine(dir, file));
        }
        File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            namespace: kuberpc
            resources:
              - namespace.yaml
              - deployment.yaml
              - service-grpc.yaml
              - pdb.yaml
              - networkpolicy.yaml
            configMapGenerator:
              - name: kuberpc-config
                literals:
                  - Logging__LogLevel__Default=Information
                  - Watch__ShutdownGracePeriod=00:00:05
            images:
              - name: kuberpc
                newName: ghcr.io/kuberpc/kuberpc
                newTag: latest
            """);
        File.WriteAllText(Path.Combine(dir, "pdb.yaml"), """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: kuberpc
            spec:
              minAvailable: 1
              selector:
                matchLabels: {app.kubernetes.io/name: kuberpc}
            """);
        File.WriteAllText(Path.Combine(dir, "networkpolicy.yaml"), """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: kuberpc
            spec:
              podSelector:
                matchLabels: {app.kubernetes.io/name: kuberpc}
              ingress:
                - ports:
                    - {port: grpc, protocol: TCP}
                    - {port: management, protocol: TCP}
              egress:
                - ports:
                    - {port: 443, protocol: TCP}
                    - {port: 6443, protocol: TCP}
            """);
        return dir;
    }
}
