using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>configmaps</c> (printers.go <c>printConfigMap</c>): Name, Data, Age. The Data cell
/// counts <c>data</c> and <c>binaryData</c> keys together, an int64 under a column declared <c>string</c>.
/// </summary>
public sealed class ConfigMapPrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Data", "string", "", ColumnDescriptions.ConfigMapData, 0),
        PrinterCells.AgeColumn,
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var configMap = PrinterCells.As<V1ConfigMap>(obj);
        return
        [
            PrinterCells.Name(configMap),
            (long)((configMap.Data?.Count ?? 0) + (configMap.BinaryData?.Count ?? 0)),
            PrinterCells.Age(configMap, now),
        ];
    }
}
