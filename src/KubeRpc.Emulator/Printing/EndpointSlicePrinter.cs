using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// kube-apiserver's Table for <c>endpointslices</c> (printers.go <c>printEndpointSlice</c>): Name, AddressType, Ports
/// (the first 3 port numbers, <c>*</c> for an unset one, comma separated), Endpoints (the first 3 addresses), each
/// followed by <c>+ N more...</c> when there are more, or <c>&lt;unset&gt;</c> when there are none; Age.
/// </summary>
public sealed class EndpointSlicePrinter : ITablePrinter
{
    private const int Shown = 3;

    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("AddressType", "string", "", ColumnDescriptions.EndpointSliceAddressType, 0),
        new("Ports", "string", "", ColumnDescriptions.EndpointSlicePorts, 0),
        new("Endpoints", "string", "", ColumnDescriptions.EndpointSliceEndpoints, 0),
        PrinterCells.AgeColumn,
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        var slice = PrinterCells.As<V1EndpointSlice>(obj);
        var ports = (slice.Ports ?? []).Select(p => p.Port is { } n ? n.ToString(CultureInfo.InvariantCulture) : "*").ToList();
        var addresses = (slice.Endpoints ?? []).SelectMany(e => e.Addresses ?? []).ToList();
        return
        [
            PrinterCells.Name(slice),
            slice.AddressType ?? "",
            FirstFew(ports),
            FirstFew(addresses),
            PrinterCells.Age(slice, now),
        ];
    }

    private static string FirstFew(IReadOnlyList<string> values) => values.Count switch
    {
        0 => "<unset>",
        <= Shown => string.Join(",", values),
        _ => string.Join(",", values.Take(Shown)) + $" + {values.Count - Shown} more...",
    };
}
