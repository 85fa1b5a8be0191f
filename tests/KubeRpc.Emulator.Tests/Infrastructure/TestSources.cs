namespace KubeRpc.Emulator.Tests.Infrastructure;

/// <summary>
/// Finds files that live beside the tests' sources (client scripts, their node_modules), which are not copied to
/// the build output: walks up from the test assembly to the folder holding the test project file.
/// </summary>
public static class TestSources
{
    private const string ProjectFile = "KubeRpc.Emulator.Tests.csproj";

    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The test project's source folder.</summary>
    public static string ProjectDirectory => Root.Value;

    /// <summary>A path under the test project's source folder, from '/'-separated parts.</summary>
    public static string PathOf(string relative) =>
        Path.Combine(ProjectDirectory, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ProjectFile)))
            {
                return dir.FullName;
            }
            // An artifacts-style output (bin outside the project) still sits under the repository root.
            var nested = Path.Combine(dir.FullName, "tests", "KubeRpc.Emulator.Tests");
            if (File.Exists(Path.Combine(nested, ProjectFile)))
            {
                return nested;
            }
        }
        throw new DirectoryNotFoundException($"no {ProjectFile} above {AppContext.BaseDirectory}");
    }
}
