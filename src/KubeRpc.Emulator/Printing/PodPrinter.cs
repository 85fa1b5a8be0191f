using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>pods</c> (printers.go <c>printPod</c>): Name, Ready (ready running containers / all),
/// Status (the phase, or a container's waiting or terminated reason, or Terminating), Restarts, Age; wide: IP, Node,
/// Nominated Node, Readiness Gates. Init containers' progress (<c>Init:1/2</c>) and the restart age are not shown.
/// </summary>
public sealed class PodPrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Ready", "string", "", ColumnDescriptions.PodReady, 0),
        new("Status", "string", "", ColumnDescriptions.PodStatus, 0),
        new("Restarts", "string", "", ColumnDescriptions.PodRestarts, 0),
        PrinterCells.AgeColumn,
        new("IP", "string", "", ColumnDescriptions.PodIp, 1),
        new("Node", "string", "", ColumnDescriptions.PodNode, 1),
        new("Nominated Node", "string", "", ColumnDescriptions.PodNominatedNode, 1),
        new("Readiness Gates", "string", "", ColumnDescriptions.PodReadinessGates, 1),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var pod = PrinterCells.As<V1Pod>(obj);
        var status = pod.Status ?? new V1PodStatus();
        var reason = string.IsNullOrEmpty(status.Reason) ? status.Phase ?? "" : status.Reason;
        long restarts = 0;
        var ready = 0;
        foreach (var container in (status.ContainerStatuses ?? []).Reverse())
        {
            restarts += container.RestartCount;
            if (container.State?.Waiting is { Reason: { Length: > 0 } waiting })
            {
                reason = waiting;
            }
            else if (container.State?.Terminated is { } terminated)
            {
                reason = !string.IsNullOrEmpty(terminated.Reason) ? terminated.Reason
                    : terminated.Signal is { } signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{terminated.ExitCode}";
            }
            else if (container.State?.Running is not null && container.Ready)
            {
                ready++;
            }
        }
        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            reason = status.Reason == "NodeLost" ? "Unknown" : status.Phase is "Succeeded" or "Failed" ? reason : "Terminating";
        }
        var gates = pod.Spec?.ReadinessGates ?? [];
        var gatesCell = gates.Count == 0 ? "<none>"
            : $"{gates.Count(g => (status.Conditions ?? []).Any(c => c.Type == g.ConditionType && c.Status == "True"))}/{gates.Count}";
        return
        [
            PrinterCells.Name(pod),
            $"{ready}/{pod.Spec?.Containers?.Count ?? 0}",
            reason,
            restarts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PrinterCells.Age(pod, now),
            status.PodIPs is { Count: > 0 } ips ? ips[0].Ip : "<none>",
            string.IsNullOrEmpty(pod.Spec?.NodeName) ? "<none>" : pod.Spec.NodeName,
            string.IsNullOrEmpty(status.NominatedNodeName) ? "<none>" : status.NominatedNodeName,
            gatesCell,
        ];
    }
}
