using System.Reflection;
using KubeRpc.Server.Kinds;
using NetArchTest.Rules;

namespace KubeRpc.UnitTests.Architecture;

/// <summary>
/// The dependency rule of docs/architecture.md: the folders of KubeRpc.Server depend one way (Kubernetes ← Mapping ← Kinds ←
/// Caching ← Watching ← Grpc ← Hosting, with Wire and Diagnostics as leaves), the contracts on nothing of ours, the
/// emulator never on the server, the shared machinery on nothing of ours, the client library only on the contracts and the
/// machinery, and only the Embedded-mode hosting on the emulator.
/// </summary>
public sealed class DependencyRuleTests
{
    private const string Server = "KubeRpc.Server";

    /// <summary>Each folder of the server and the folders it may use; anything else of the server is forbidden to it.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> MayUse = new Dictionary<string, string[]>
    {
        ["Wire"] = [],
        ["Diagnostics"] = [],
        ["Kubernetes"] = ["Diagnostics"],
        ["Mapping"] = [],
        ["Kinds"] = ["Kubernetes", "Mapping"],
        ["Access"] = ["Kubernetes", "Diagnostics"],
        ["Caching"] = ["Kinds", "Kubernetes", "Mapping", "Wire", "Diagnostics"],
        ["Watching"] = ["Caching", "Kinds", "Kubernetes", "Mapping", "Wire", "Diagnostics"],
        ["Endpoints"] = ["Watching", "Caching", "Kinds", "Kubernetes", "Mapping", "Wire", "Diagnostics"],
        ["Grpc"] = ["Access", "Endpoints", "Watching", "Caching", "Kinds", "Kubernetes", "Mapping", "Wire", "Diagnostics"],
        ["Hosting"] = ["Grpc", "Access", "Endpoints", "Watching", "Caching", "Kinds", "Kubernetes", "Mapping", "Wire", "Diagnostics"],
    };

    private static readonly Assembly ServerAssembly = typeof(ServiceKind).Assembly;

    public static TheoryData<string> Folders => [.. MayUse.Keys];

    [Theory]
    [MemberData(nameof(Folders))]
    public void Folder_UsesOnlyTheFoldersBelowIt(string folder)
    {
        var forbidden = MayUse.Keys.Where(other => other != folder && !MayUse[folder].Contains(other)).Select(f => $"{Server}.{f}").ToArray();

        var result = Types.InAssembly(ServerAssembly).That().ResideInNamespace($"{Server}.{folder}")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful,
            $"{Server}.{folder} may use only {string.Join(", ", MayUse[folder])}; these types reach further: " +
            string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Rule_HasNoCycle()
    {
        // Each folder's allowed folders must already be placed: then the table is a partial order.
        var placed = new HashSet<string>();
        while (placed.Count < MayUse.Count)
        {
            var next = MayUse.Keys.Where(f => !placed.Contains(f) && MayUse[f].All(placed.Contains)).ToList();
            Assert.True(next.Count > 0, "the rule has a cycle among: " + string.Join(", ", MayUse.Keys.Except(placed)));
            placed.UnionWith(next);
        }
    }

    [Fact]
    public void EveryServerNamespace_IsAFolderOfTheRule()
    {
        var unruled = ServerAssembly.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(ns => ns.StartsWith(Server + ".", StringComparison.Ordinal))
            .Select(ns => ns[(Server.Length + 1)..].Split('.')[0])
            .Distinct().Where(folder => !MayUse.ContainsKey(folder)).ToList();

        Assert.True(unruled.Count == 0, "folders outside the dependency rule: " + string.Join(", ", unruled));
    }

    [Fact]
    public void Contracts_DependOnNothingOfOurs() => AssertUsesNothingOfOurs(typeof(V1.Service).Assembly, Server, "KubeRpc.Emulator", "KubeRpc.Machinery");

    [Fact]
    public void Machinery_DependsOnNothingOfOurs() =>
        AssertUsesNothingOfOurs(typeof(Machinery.ResourceVersions).Assembly, Server, "KubeRpc.Emulator", "KubeRpc.V1");

    [Fact]
    public void Client_UsesOnlyTheContractsAndTheMachinery()
    {
        var client = typeof(KubeRpc.Client.KubeRpcResolverFactory).Assembly;

        var result = Types.InAssembly(client).ShouldNot().HaveDependencyOnAny(Server, "KubeRpc.Emulator").GetResult();

        Assert.True(result.IsSuccessful, "client types that use the server or the emulator: " + string.Join(", ", result.FailingTypeNames ?? []));
        Assert.Equal(["KubeRpc.Contracts", "KubeRpc.Machinery"],
            client.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("KubeRpc.", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void Emulator_NeverUsesTheServer()
    {
        var emulator = typeof(Emulator.KubernetesEmulator).Assembly;

        var result = Types.InAssembly(emulator).ShouldNot().HaveDependencyOn(Server).GetResult();

        Assert.True(result.IsSuccessful, "emulator types that use the server: " + string.Join(", ", result.FailingTypeNames ?? []));
        Assert.DoesNotContain(emulator.GetReferencedAssemblies(), a => a.Name == Server);
    }

    [Fact]
    public void OnlyTheEmbeddedModeHosting_UsesTheEmulator()
    {
        string[] allowed = [$"{Server}.Hosting.EmbeddedCluster", $"{Server}.Hosting.EmbeddedApiServer"];

        var users = Types.InAssembly(ServerAssembly).That().HaveDependencyOn("KubeRpc.Emulator").GetTypes()
            .Select(t => t.FullName ?? t.Name)
            .Where(name => !allowed.Any(a => name == a || name.StartsWith(a + "+", StringComparison.Ordinal)))
            .ToList();

        Assert.True(users.Count == 0, "only the Embedded-mode hosting may use the emulator; also: " + string.Join(", ", users));
    }

    private static void AssertUsesNothingOfOurs(Assembly assembly, params string[] ours)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(ours).GetResult();

        Assert.True(result.IsSuccessful, $"{assembly.GetName().Name} types that use our other code: " + string.Join(", ", result.FailingTypeNames ?? []));
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name is { } n && n.StartsWith("KubeRpc.", StringComparison.Ordinal));
    }
}
