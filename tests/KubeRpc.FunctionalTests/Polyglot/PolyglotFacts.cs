using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>What the polyglot clients need installed; each reason says how to install it (.ci/run installs all).</summary>
internal static class PolyglotTools
{
    /// <summary>Debian's python: the pyenv python3 on PATH does not see Debian's dist-packages.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Null to run (always under CI, where a missing tool must fail); else the first thing missing.</summary>
    public static string? SkipReason(params (bool Present, string Missing)[] needs)
    {
        if (ExternalTool.IsCi)
        {
            return null;
        }
        var missing = needs.Where(n => !n.Present).Select(n => n.Missing).ToList();
        return missing.Count == 0 ? null : string.Join("; ", missing) + " (run .ci/run, or install it, to include this test)";
    }

    public static (bool, string) Tool(string name, string package) => (ExternalTool.Find(name) is not null, $"{name} is missing ({package})");

    public static (bool, string) Kubectl => Tool("kubectl", "kubectl");

    public static (bool, string) NodePackages =>
        (Directory.Exists(Path.Combine(PolyglotScript.Directory("node"), "node_modules")), "`npm ci` in tests/Polyglot/node");
}

/// <summary>Needs node and the packages of tests/Polyglot/node, and kubectl when <c>kubectl</c> is true.</summary>
public sealed class RequiresNodePackagesFactAttribute : FactAttribute
{
    public RequiresNodePackagesFactAttribute(bool kubectl = false)
    {
        (bool, string)[] needs = [PolyglotTools.Tool("node", "apt-get install nodejs npm"), PolyglotTools.NodePackages];
        Skip = PolyglotTools.SkipReason(kubectl ? [.. needs, PolyglotTools.Kubectl] : needs);
    }
}

/// <summary>
/// Needs Debian's python3 with python3-grpcio and python3-protobuf, and Debian's protoc with its well-known protos and
/// grpc_python_plugin to generate the stubs; and kubectl when <c>kubectl</c> is true.
/// </summary>
public sealed class RequiresPythonGrpcFactAttribute : FactAttribute
{
    public RequiresPythonGrpcFactAttribute(bool kubectl = false)
    {
        (bool, string)[] needs =
        [
            (File.Exists(PolyglotTools.Python), $"{PolyglotTools.Python} is missing (apt-get install python3)"),
            (Directory.Exists("/usr/lib/python3/dist-packages/grpc"), "grpc is missing (apt-get install python3-grpcio)"),
            (Directory.Exists("/usr/lib/python3/dist-packages/google/protobuf"), "google.protobuf is missing (apt-get install python3-protobuf)"),
            PolyglotTools.Tool("protoc", "apt-get install protobuf-compiler"),
            (File.Exists("/usr/include/google/protobuf/duration.proto"), "protoc's well-known protos are missing (apt-get install libprotobuf-dev)"),
            PolyglotTools.Tool("grpc_python_plugin", "apt-get install protobuf-compiler-grpc"),
        ];
        Skip = PolyglotTools.SkipReason(kubectl ? [.. needs, PolyglotTools.Kubectl] : needs);
    }
}
