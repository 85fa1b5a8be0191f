using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>services</c> (printers.go <c>printService</c>): Name, Type, Cluster-IP,
/// External-IP, Port(s), Age and the wide Selector column, always filled as the server prints wide.
/// </summary>
public sealed class ServicePrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Type", "string", "", ColumnDescriptions.ServiceSpecType, 0),
        new("Cluster-IP", "string", "", ColumnDescriptions.ServiceSpecClusterIP, 0),
        new("External-IP", "string", "", ColumnDescriptions.ServiceSpecExternalIPs, 0),
        new("Port(s)", "string", "", ColumnDescriptions.ServiceSpecPorts, 0),
        PrinterCells.AgeColumn,
        new("Selector", "string", "", ColumnDescriptions.ServiceSpecSelector, 1),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var svc = PrinterCells.As<V1Service>(obj);
        var spec = svc.Spec;
        var clusterIP = spec?.ClusterIPs is { Count: > 0 } ips ? ips[0] : "<none>";
        var ports = PortString(spec?.Ports);
        return
        [
            PrinterCells.Name(svc),
            spec?.Type ?? "",
            clusterIP,
            ExternalIP(svc),
            ports.Length == 0 ? "<none>" : ports,
            PrinterCells.Age(svc, now),
            PrinterCells.FormatLabels(spec?.Selector),
        ];
    }

    /// <summary><c>getServiceExternalIP</c> for a wide print.</summary>
    internal static string ExternalIP(V1Service svc)
    {
        var spec = svc.Spec;
        var externalIPs = spec?.ExternalIPs ?? [];
        switch (spec?.Type)
        {
            case "ClusterIP":
            case "NodePort":
                return externalIPs.Count > 0 ? string.Join(",", externalIPs) : "<none>";
            case "LoadBalancer":
                var lbIps = PrinterCells.LoadBalancerAddresses(
                    svc.Status?.LoadBalancer?.Ingress?.Select(i => ((string?)i.Ip, (string?)i.Hostname)));
                if (externalIPs.Count > 0)
                {
                    var results = new List<string>();
                    if (lbIps.Length > 0)
                    {
                        results.AddRange(lbIps.Split(','));
                    }
                    results.AddRange(externalIPs);
                    return string.Join(",", results);
                }
                return lbIps.Length > 0 ? lbIps : "<pending>";
            case "ExternalName":
                return spec.ExternalName ?? "";
            default:
                return "<unknown>";
        }
    }

    /// <summary><c>makePortString</c>: <c>port/protocol</c>, or <c>port:nodePort/protocol</c> when a node port is set.</summary>
    internal static string PortString(IList<V1ServicePort>? ports)
    {
        if (ports is null)
        {
            return "";
        }
        return string.Join(",", ports.Select(p => p.NodePort is > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{p.Port}:{p.NodePort}/{p.Protocol}")
            : string.Create(CultureInfo.InvariantCulture, $"{p.Port}/{p.Protocol}")));
    }
}
