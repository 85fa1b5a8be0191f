using k8s.Models;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Tests.Printing;

public class PrinterCellsTests
{
    [Fact]
    public void FormatLabels_Null_IsNone()
    {
        Assert.Equal("<none>", PrinterCells.FormatLabels(null));
    }

    [Fact]
    public void FormatLabels_Empty_IsNone()
    {
        Assert.Equal("<none>", PrinterCells.FormatLabels(new Dictionary<string, string>()));
    }

    [Fact]
    public void FormatLabels_SortsWholePairsNotKeys()
    {
        // Set.String() sorts "k=v" strings: '.' (0x2E) sorts before '=' (0x3D).
        var labels = new Dictionary<string, string> { ["a"] = "1", ["a.b"] = "2", ["Z"] = "3" };
        Assert.Equal("Z=3,a.b=2,a=1", PrinterCells.FormatLabels(labels));
    }

    [Fact]
    public void LoadBalancerAddresses_PrefersIpDeduplicatesAndSorts()
    {
        var text = PrinterCells.LoadBalancerAddresses(
        [
            ("10.0.0.9", "ignored.example.com"),
            (null, "lb.example.com"),
            ("10.0.0.1", null),
            ("10.0.0.9", null),
            ("", ""),
        ]);
        Assert.Equal("10.0.0.1,10.0.0.9,lb.example.com", text);
    }

    [Fact]
    public void LoadBalancerAddresses_None_IsEmptyString()
    {
        Assert.Equal("", PrinterCells.LoadBalancerAddresses(null));
    }

    [Fact]
    public void Name_MissingMetadata_IsEmpty()
    {
        Assert.Equal("", PrinterCells.Name(new V1Namespace()));
    }

    [Fact]
    public void Age_NoCreationTimestamp_IsUnknown()
    {
        var ns = new V1Namespace { Metadata = new V1ObjectMeta { Name = "x" } };
        Assert.Equal("<unknown>", PrinterCells.Age(ns, DateTime.UtcNow));
    }

    [Fact]
    public void CommonColumns_HaveUpstreamShape()
    {
        Assert.Equal(new TableColumn("Name", "string", "name", PrinterCells.NameColumn.Description, 0), PrinterCells.NameColumn);
        Assert.StartsWith("Name must be unique within a namespace.", PrinterCells.NameColumn.Description, StringComparison.Ordinal);
        Assert.EndsWith("names#names", PrinterCells.NameColumn.Description, StringComparison.Ordinal);
        Assert.Equal("Age", PrinterCells.AgeColumn.Name);
        Assert.Equal("", PrinterCells.AgeColumn.Format);
        Assert.Contains("in UTC.\n\nPopulated by the system.", PrinterCells.AgeColumn.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_WrongModel_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServicePrinter().Cells(new V1Secret(), DateTime.UtcNow));
        Assert.Contains("expected V1Service, got V1Secret", ex.Message, StringComparison.Ordinal);
    }
}
