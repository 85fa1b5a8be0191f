namespace KubeRpc.Emulator.Tests.Infrastructure;

/// <summary>
/// Where the official clients live and whether they are installed: Debian's python3-kubernetes for the system
/// python, and @kubernetes/client-node installed by <c>npm ci</c> in Clients/node.
/// </summary>
public static class ClientTools
{
    /// <summary>Debian's python: the pyenv python3 on PATH does not see Debian's dist-packages.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The folder with package.json for the JavaScript client scripts.</summary>
    public static string NodeDirectory => TestSources.PathOf("Clients/node");

    /// <summary>Null when python3-kubernetes is there (or under CI, where a missing one must fail); else why not.</summary>
    public static string? PythonSkipReason()
    {
        if (ExternalTool.IsCi)
        {
            return null;
        }
        if (!File.Exists(Python))
        {
            return $"{Python} is missing (apt-get install -y python3-kubernetes)";
        }
        return Directory.Exists("/usr/lib/python3/dist-packages/kubernetes")
            ? null
            : "python3-kubernetes is not installed (apt-get install -y python3-kubernetes)";
    }

    /// <summary>Null when node and Clients/node/node_modules are there (or under CI); else why not.</summary>
    public static string? NodeSkipReason()
    {
        if (ExternalTool.IsCi)
        {
            return null;
        }
        if (ExternalTool.Find("node") is null)
        {
            return "node is not installed";
        }
        var client = Path.Combine(NodeDirectory, "node_modules", "@kubernetes", "client-node", "package.json");
        return File.Exists(client) ? null : $"@kubernetes/client-node is not installed (run npm ci in {NodeDirectory})";
    }
}

/// <summary>A fact that runs the official Python client; skipped outside CI when it is not installed.</summary>
public sealed class RequiresPythonClientFactAttribute : FactAttribute
{
    public RequiresPythonClientFactAttribute()
    {
        Skip = ClientTools.PythonSkipReason();
    }
}

/// <summary>A fact that runs the official JavaScript client; skipped outside CI when it is not installed.</summary>
public sealed class RequiresNodeClientFactAttribute : FactAttribute
{
    public RequiresNodeClientFactAttribute()
    {
        Skip = ClientTools.NodeSkipReason();
    }
}
