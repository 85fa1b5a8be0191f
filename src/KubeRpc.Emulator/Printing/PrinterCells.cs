using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// Cell and column helpers shared by the printers, so that every resource prints its Name, Age, label maps
/// and load-balancer addresses the same way k/k printers.go does.
/// </summary>
public static class PrinterCells
{
    /// <summary>The first column of every built-in Table: <c>Name</c>, format <c>name</c>.</summary>
    public static readonly TableColumn NameColumn = new("Name", "string", "name", ColumnDescriptions.ObjectMetaName, 0);

    /// <summary>The <c>Age</c> column, described by <c>ObjectMeta.creationTimestamp</c>.</summary>
    public static readonly TableColumn AgeColumn = new("Age", "string", "", ColumnDescriptions.ObjectMetaCreationTimestamp, 0);

    /// <summary>The Name cell: <c>metadata.name</c>, empty when unset (Go's zero string).</summary>
    public static string Name(IKubernetesObject<V1ObjectMeta> obj) => obj.Metadata?.Name ?? "";

    /// <summary>The Age cell: <c>translateTimestampSince(metadata.creationTimestamp)</c>.</summary>
    public static string Age(IKubernetesObject<V1ObjectMeta> obj, DateTime now) =>
        HumanDuration.Since(obj.Metadata?.CreationTimestamp, now);

    /// <summary>
    /// <c>labels.FormatLabels</c>: <c>k=v</c> pairs sorted as whole strings and joined by commas, or <c>&lt;none&gt;</c>.
    /// </summary>
    public static string FormatLabels(IDictionary<string, string>? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            return "<none>";
        }
        // Set.String() sorts the joined "k=v" strings, not the keys, so "a.b=2" sorts before "a=1".
        var pairs = labels.Select(kv => kv.Key + "=" + kv.Value).ToList();
        pairs.Sort(string.CompareOrdinal);
        var text = string.Join(",", pairs);
        return text.Length == 0 ? "<none>" : text;
    }

    /// <summary>
    /// The <c>loadBalancerStatusStringer</c> of a wide (server-side) print: per ingress point its IP, else its
    /// hostname, de-duplicated, sorted and comma-joined; empty when there are none. The server always prints
    /// wide, so the 16-character clipping kubectl's own printer applies never happens here.
    /// </summary>
    public static string LoadBalancerAddresses(IEnumerable<(string? Ip, string? Hostname)>? points)
    {
        if (points is null)
        {
            return "";
        }
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (ip, hostname) in points)
        {
            if (!string.IsNullOrEmpty(ip))
            {
                set.Add(ip);
            }
            else if (!string.IsNullOrEmpty(hostname))
            {
                set.Add(hostname);
            }
        }
        return string.Join(",", set);
    }

    /// <summary>Casts to the printer's model, failing clearly when a printer is wired to the wrong resource.</summary>
    internal static T As<T>(IKubernetesObject<V1ObjectMeta> obj)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        obj as T ?? throw new ArgumentException($"expected {typeof(T).Name}, got {obj.GetType().Name}", nameof(obj));
}
