using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Deploy;

/// <summary>
/// deploy/base's namespace, service account and RBAC (rbac.yaml), read from the repository and created as an
/// administrator would apply them, so a test runs KubeRpc with exactly the permissions the deployment grants.
/// </summary>
internal static class DeployBaseAccess
{
    /// <summary>The files that make KubeRpc's identity and its permissions; the rest of deploy/base runs no code here.</summary>
    private static readonly string[] Files = ["namespace.yaml", "serviceaccount.yaml", "rbac.yaml"];

    public static string Directory => Path.Combine(RepositoryRoot(), "deploy", "base");

    /// <summary>Creates every object of <see cref="Files"/>; namespaced ones go to the Namespace deploy/base declares (its kustomization's namespace).</summary>
    public static async Task ApplyAsync(IKubernetes admin)
    {
        var objects = new List<object>();
        foreach (var file in Files)
        {
            objects.AddRange(KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(Path.Combine(Directory, file))));
        }
        var ns = objects.OfType<V1Namespace>().Single().Metadata.Name;
        foreach (var o in objects)
        {
            Task created = o switch
            {
                V1Namespace n => admin.CoreV1.CreateNamespaceAsync(n),
                V1ServiceAccount a => admin.CoreV1.CreateNamespacedServiceAccountAsync(a, ns),
                V1ClusterRole r => admin.RbacAuthorizationV1.CreateClusterRoleAsync(r),
                V1ClusterRoleBinding b => admin.RbacAuthorizationV1.CreateClusterRoleBindingAsync(b),
                _ => throw new InvalidOperationException($"{o.GetType().Name} in deploy/base is not created by this test; add it here"),
            };
            await created.DefaultTimeout();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KubeRpc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("KubeRpc.sln not found above " + AppContext.BaseDirectory);
    }
}
