namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// Lays out expected rows the way kubectl's tabwriter does (cells padded by 3 spaces, minimum width 6, the
/// last column unpadded). Used only where a cell holds a value the server picks at random (an allocated
/// clusterIP or nodePort), so the column width depends on it; fixed tables are written out literally.
/// </summary>
internal static class KubectlTable
{
    private const int Padding = 3;
    private const int MinWidth = 6;

    public static string Format(params string[][] rows)
    {
        var columns = rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length - 1; i++)
            {
                widths[i] = Math.Max(widths[i], Math.Max(row[i].Length + Padding, MinWidth));
            }
        }
        return string.Join('\n', rows.Select(row =>
            string.Concat(row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])))));
    }
}
