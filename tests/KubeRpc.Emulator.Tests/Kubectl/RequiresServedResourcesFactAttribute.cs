using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// A kubectl fact that also needs resources the emulator may not serve yet (deploy/base holds a ServiceAccount and
/// RBAC, which other parts of issue 13 add): skipped with the missing resources named until the catalog has them.
/// </summary>
public sealed class RequiresServedResourcesFactAttribute : FactAttribute
{
    /// <param name="resources">Resources as <c>group/plural</c>, <c>/plural</c> for the core group.</param>
    public RequiresServedResourcesFactAttribute(params string[] resources)
    {
        var catalog = EmulatorComponents.Catalog();
        var missing = resources.Where(r => catalog.Find(r[..r.IndexOf('/', StringComparison.Ordinal)], r[(r.IndexOf('/', StringComparison.Ordinal) + 1)..]) is null).ToList();
        Skip = ExternalTool.SkipUnless("kubectl")
            ?? (missing.Count == 0 ? null : "the emulator does not serve " + string.Join(", ", missing) + " yet");
    }
}
