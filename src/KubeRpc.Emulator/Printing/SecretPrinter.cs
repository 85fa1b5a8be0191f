using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>secrets</c> (printers.go <c>printSecret</c>): Name, Type, Data, Age.
/// The Data cell is an int64 count although its column is declared <c>string</c>, as upstream does.
/// </summary>
public sealed class SecretPrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Type", "string", "", ColumnDescriptions.SecretType, 0),
        new("Data", "string", "", ColumnDescriptions.SecretData, 0),
        PrinterCells.AgeColumn,
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var secret = PrinterCells.As<V1Secret>(obj);
        return
        [
            PrinterCells.Name(secret),
            secret.Type ?? "",
            (long)(secret.Data?.Count ?? 0),
            PrinterCells.Age(secret, now),
        ];
    }
}
