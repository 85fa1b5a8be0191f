using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>serviceaccounts</c> (printers.go <c>printServiceAccount</c>): Name, Secrets (an int64
/// count of <c>secrets</c>, its column declared <c>string</c> as upstream does), Age.
/// </summary>
public sealed class ServiceAccountPrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Secrets", "string", "", ColumnDescriptions.ServiceAccountSecrets, 0),
        PrinterCells.AgeColumn,
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var account = PrinterCells.As<V1ServiceAccount>(obj);
        return [PrinterCells.Name(account), (long)(account.Secrets?.Count ?? 0), PrinterCells.Age(account, now)];
    }
}
