using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>nodes</c> (printers.go <c>printNode</c>): Name, Status (Ready or NotReady, Unknown
/// without the condition, then SchedulingDisabled when cordoned), Roles (from <c>node-role.kubernetes.io/*</c> and
/// <c>kubernetes.io/role</c> labels), Age, Version; wide: Internal-IP, External-IP, OS-Image, Kernel-Version,
/// Container-Runtime.
/// </summary>
public sealed class NodePrinter : ITablePrinter
{
    private const string RolePrefix = "node-role.kubernetes.io/";

    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Status", "string", "", ColumnDescriptions.NodeStatus, 0),
        new("Roles", "string", "", ColumnDescriptions.NodeRoles, 0),
        PrinterCells.AgeColumn,
        new("Version", "string", "", ColumnDescriptions.NodeVersion, 0),
        new("Internal-IP", "string", "", ColumnDescriptions.NodeAddresses, 1),
        new("External-IP", "string", "", ColumnDescriptions.NodeAddresses, 1),
        new("OS-Image", "string", "", ColumnDescriptions.NodeOsImage, 1),
        new("Kernel-Version", "string", "", ColumnDescriptions.NodeKernelVersion, 1),
        new("Container-Runtime", "string", "", ColumnDescriptions.NodeContainerRuntime, 1),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var node = PrinterCells.As<V1Node>(obj);
        var status = new List<string>();
        if ((node.Status?.Conditions ?? []).FirstOrDefault(c => c.Type == "Ready") is { } ready)
        {
            status.Add(ready.Status == "True" ? "Ready" : "NotReady");
        }
        if (status.Count == 0)
        {
            status.Add("Unknown");
        }
        if (node.Spec?.Unschedulable == true)
        {
            status.Add("SchedulingDisabled");
        }
        var info = node.Status?.NodeInfo;
        return
        [
            PrinterCells.Name(node),
            string.Join(",", status),
            Roles(node.Metadata?.Labels),
            PrinterCells.Age(node, now),
            info?.KubeletVersion ?? "",
            Address(node, "InternalIP"),
            Address(node, "ExternalIP"),
            Unknown(info?.OsImage),
            Unknown(info?.KernelVersion),
            Unknown(info?.ContainerRuntimeVersion),
        ];
    }

    private static string Roles(IDictionary<string, string>? labels)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
            {
                roles.Add(key[RolePrefix.Length..]);
            }
            else if (key == "kubernetes.io/role" && value.Length > 0)
            {
                roles.Add(value);
            }
        }
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Address(V1Node node, string type) =>
        (node.Status?.Addresses ?? []).FirstOrDefault(a => a.Type == type)?.Address ?? "<none>";

    private static string Unknown(string? value) => string.IsNullOrEmpty(value) ? "<unknown>" : value;
}
