using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Printing;

/// <summary>The server-side printer of one resource: kubectl's columns and cell values (k/k printers.go).</summary>
public interface ITablePrinter
{
    /// <summary>Column definitions, wide (priority 1) columns included.</summary>
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The cells of one row, one per column; strings, longs, or null. <paramref name="now"/> computes Age.</summary>
    IReadOnlyList<object?> Cells(IKubernetesObject<V1ObjectMeta> obj, DateTime now);
}
