using k8s;
using k8s.Models;
using KubeRpc.Emulator.Selection;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>networkpolicies</c> (printers.go <c>printNetworkPolicy</c>): Name, Pod-Selector
/// (<c>metav1.FormatLabelSelector</c>: <c>&lt;none&gt;</c> when it selects every pod, <c>&lt;error&gt;</c> when it does
/// not convert), Age.
/// </summary>
public sealed class NetworkPolicyPrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Pod-Selector", "string", "", ColumnDescriptions.NetworkPolicyPodSelector, 0),
        PrinterCells.AgeColumn,
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var policy = PrinterCells.As<V1NetworkPolicy>(obj);
        var selector = ModelSelectors.Text(policy.Spec?.PodSelector ?? new V1LabelSelector());
        return
        [
            PrinterCells.Name(policy),
            selector is null ? "<error>" : selector.Length == 0 ? "<none>" : selector,
            PrinterCells.Age(policy, now),
        ];
    }
}
