using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>poddisruptionbudgets</c> (printers.go <c>printPodDisruptionBudget</c>): Name, Min
/// Available and Max Unavailable (the value, or <c>N/A</c> when unset), Allowed Disruptions (an int64), Age.
/// </summary>
public sealed class PodDisruptionBudgetPrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Min Available", "string", "", ColumnDescriptions.PodDisruptionBudgetMinAvailable, 0),
        new("Max Unavailable", "string", "", ColumnDescriptions.PodDisruptionBudgetMaxUnavailable, 0),
        new("Allowed Disruptions", "integer", "", ColumnDescriptions.PodDisruptionBudgetAllowedDisruptions, 0),
        PrinterCells.AgeColumn,
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var budget = PrinterCells.As<V1PodDisruptionBudget>(obj);
        return
        [
            PrinterCells.Name(budget),
            budget.Spec?.MinAvailable?.Value ?? "N/A",
            budget.Spec?.MaxUnavailable?.Value ?? "N/A",
            (long)(budget.Status?.DisruptionsAllowed ?? 0),
            PrinterCells.Age(budget, now),
        ];
    }
}
