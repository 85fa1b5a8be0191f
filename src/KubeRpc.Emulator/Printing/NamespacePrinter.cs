using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>kube-apiserver's Table for <c>namespaces</c> (printers.go <c>printNamespace</c>): Name, Status (phase), Age.</summary>
public sealed class NamespacePrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Status", "string", "", ColumnDescriptions.NamespaceStatus, 0),
        PrinterCells.AgeColumn,
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var ns = PrinterCells.As<V1Namespace>(obj);
        return [PrinterCells.Name(ns), ns.Status?.Phase ?? "", PrinterCells.Age(ns, now)];
    }
}
