using YamlDotNet.RepresentationModel;

namespace KubeRpc.Server.Kubernetes;

/// <summary>
/// The kubeconfig fields kubectl honours that KubernetesClient's model drops: a cluster's <c>proxy-url</c> and a user's
/// <c>tokenFile</c>, read from the same file with YamlDotNet (KubernetesClient's own YAML library).
/// </summary>
internal sealed class KubeConfigExtras
{
    public Dictionary<string, string> ProxyUrls { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> TokenFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the fields of one file; a name defined by an earlier file keeps its value, as kubectl merges.</summary>
    public void Read(string path, string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            return;
        }
        Collect(root, "clusters", "cluster", "proxy-url", ProxyUrls, null);
        Collect(root, "users", "user", "tokenFile", TokenFiles, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    private static void Collect(YamlMappingNode root, string list, string item, string field, Dictionary<string, string> into, string? relativeTo)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(list), out var entries) || entries is not YamlSequenceNode sequence)
        {
            return;
        }
        foreach (var entry in sequence.OfType<YamlMappingNode>())
        {
            if (Scalar(entry, "name") is { } name && entry.Children.TryGetValue(new YamlScalarNode(item), out var body)
                && body is YamlMappingNode details && Scalar(details, field) is { Length: > 0 } value)
            {
                // A relative file path is relative to the kubeconfig that names it, as kubectl resolves it.
                into.TryAdd(name, relativeTo is null || Path.IsPathRooted(value) ? value : Path.Combine(relativeTo, value));
            }
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
