using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// The Table of a resource printers.go has no handler for, such as Roles and ClusterRoles: apiserver's
/// <c>rest.DefaultTableConvertor</c>, Name and Created At (the creation timestamp in RFC 3339, UTC).
/// </summary>
public sealed class CreatedAtPrinter : ITablePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        PrinterCells.NameColumn,
        new("Created At", "date", "", ColumnDescriptions.ObjectMetaCreationTimestamp, 0),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TableColumn> Columns => ColumnList;

    /// <inheritdoc />
    public IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now)
    {
        // Go formats the zero time too: 0001-01-01T00:00:00Z.
        var created = obj.Metadata?.CreationTimestamp?.ToUniversalTime() ?? DateTime.MinValue;
        return [PrinterCells.Name(obj), created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)];
    }
}
