using System.Globalization;
using k8s;
using k8s.Models;
using KubeRpc.Emulator.Selection;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>deployments</c> (printers.go <c>printDeployment</c>): Name, Ready
/// (<c>ready/desired</c>), Up-to-date, Available, Age and the wide Containers, Images and Selector columns.
/// The counts are int64 cells under columns declared <c>string</c>, as upstream declares them.
/// </summary>
public sealed class DeploymentPrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Ready", "string", "", ColumnDescriptions.DeploymentReady, 0),
        new("Up-to-date", "string", "", ColumnDescriptions.DeploymentUpToDate, 0),
        new("Available", "string", "", ColumnDescriptions.DeploymentAvailable, 0),
        PrinterCells.AgeColumn,
        new("Containers", "string", "", ColumnDescriptions.TemplateContainers, 1),
        new("Images", "string", "", ColumnDescriptions.TemplateImages, 1),
        new("Selector", "string", "", ColumnDescriptions.DeploymentSelector, 1),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var deployment = PrinterCells.As<V1Deployment>(obj);
        var status = deployment.Status;
        var containers = deployment.Spec?.Template?.Spec?.Containers ?? [];
        return
        [
            PrinterCells.Name(deployment),
            string.Create(CultureInfo.InvariantCulture, $"{status?.ReadyReplicas ?? 0}/{deployment.Spec?.Replicas ?? 0}"),
            (long)(status?.UpdatedReplicas ?? 0),
            (long)(status?.AvailableReplicas ?? 0),
            PrinterCells.Age(deployment, now),
            string.Join(",", containers.Select(c => c.Name ?? "")),
            string.Join(",", containers.Select(c => c.Image ?? "")),
            ModelSelectors.Text(deployment.Spec?.Selector) ?? "<invalid>",
        ];
    }
}
