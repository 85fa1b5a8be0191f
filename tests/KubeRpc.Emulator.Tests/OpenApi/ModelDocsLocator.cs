using KubeRpc.Emulator.OpenApi;

namespace KubeRpc.Emulator.Tests.OpenApi;

/// <summary>
/// Finds KubernetesClient.xml for tests: the emulator's build output gets it (CopyDocumentationFilesFromPackages),
/// the test output does not, so look beside the tests first and then in the emulator's bin folder.
/// </summary>
internal static class ModelDocsLocator
{
    private static readonly Lazy<KubernetesModelDocs> LazyDocs = new(Locate);

    public static KubernetesModelDocs Docs => LazyDocs.Value;

    private static KubernetesModelDocs Locate()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var candidates = new List<string> { Path.Combine(here.FullName, "KubernetesClient.xml") };
        // tests/KubeRpc.Emulator.Tests/bin/<Configuration>/<tfm>/ → src/KubeRpc.Emulator/bin/<Configuration>/<tfm>/
        var tfm = here.Name;
        var configuration = here.Parent?.Name;
        var repo = here.Parent?.Parent?.Parent?.Parent?.Parent;
        if (repo is not null && configuration is not null)
        {
            candidates.Add(Path.Combine(repo.FullName, "src", "KubeRpc.Emulator", "bin", configuration, tfm, "KubernetesClient.xml"));
        }
        return candidates.Select(KubernetesModelDocs.Load).FirstOrDefault(d => d.Count > 0) ?? KubernetesModelDocs.Empty;
    }
}
