using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// apiserver's default table convertor (<c>rest.NewDefaultTableConvertor</c>), for resources printers.go has no printer
/// for: Name and Created At (RFC 3339).
/// </summary>
public sealed class DefaultTablePrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Created At", "date", "", ColumnDescriptions.ObjectMetaCreationTimestamp, 0),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now) =>
    [
        PrinterCells.Name(obj),
        obj.Metadata?.CreationTimestamp?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "",
    ];
}
