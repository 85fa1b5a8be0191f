namespace KubeRpc.Emulator.Tests.Infrastructure;

/// <summary>
/// Finds outside programs (kubectl, python3 with the kubernetes package, node) for the client suites. On a
/// laptop without them those tests skip with the reason; under CI=true they never skip, so a missing tool fails.
/// </summary>
public static class ExternalTool
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of an executable on PATH, or null.</summary>
    public static string? Find(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The skip reason when <paramref name="name"/> is missing and we are not in CI; null to run.</summary>
    public static string? SkipUnless(string name, Func<bool>? available = null)
    {
        if (IsCi)
        {
            return null;
        }
        var found = Find(name) is not null && (available?.Invoke() ?? true);
        return found ? null : $"{name} is not installed (run .ci/run, or install it, to include this test)";
    }
}

/// <summary>A fact that needs an outside program; skipped with a reason when it is missing outside CI.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        Skip = ExternalTool.SkipUnless(tool);
    }
}
