using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>ingresses</c> (printers.go <c>printIngress</c>): Name, Class, Hosts,
/// Address, Ports, Age.
/// </summary>
public sealed class IngressPrinter : ITablePrinter
{
    private const int MaxHosts = 3;

    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Class", "string", "", ColumnDescriptions.IngressClass, 0),
        new("Hosts", "string", "", ColumnDescriptions.IngressHosts, 0),
        new("Address", "string", "", ColumnDescriptions.IngressAddress, 0),
        new("Ports", "string", "", ColumnDescriptions.IngressPorts, 0),
        PrinterCells.AgeColumn,
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var ingress = PrinterCells.As<V1Ingress>(obj);
        var spec = ingress.Spec;
        return
        [
            PrinterCells.Name(ingress),
            spec?.IngressClassName ?? "<none>",
            FormatHosts(spec?.Rules),
            PrinterCells.LoadBalancerAddresses(ingress.Status?.LoadBalancer?.Ingress?.Select(i => ((string?)i.Ip, (string?)i.Hostname))),
            spec?.Tls is { Count: > 0 } ? "80, 443" : "80",
            PrinterCells.Age(ingress, now),
        ];
    }

    /// <summary>
    /// <c>formatHosts</c>: the first three non-empty hosts, <c>*</c> when none, and once three are taken and
    /// another rule follows, <c>a,b,c + N more...</c> where N counts every rule past the third, empty hosts too.
    /// </summary>
    internal static string FormatHosts(IList<V1IngressRule>? rules)
    {
        rules ??= [];
        var list = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            if (list.Count == MaxHosts)
            {
                more = true;
            }
            if (!more && !string.IsNullOrEmpty(rule.Host))
            {
                list.Add(rule.Host);
            }
        }
        if (list.Count == 0)
        {
            return "*";
        }
        var joined = string.Join(",", list);
        return more ? string.Create(CultureInfo.InvariantCulture, $"{joined} + {rules.Count - MaxHosts} more...") : joined;
    }
}
