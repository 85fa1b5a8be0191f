using k8s.Models;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Tests.Printing;

public class ServicePrinterTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly ServicePrinter _printer = new();

    private static V1Service Service(V1ServiceSpec spec, V1ServiceStatus? status = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", CreationTimestamp = Now.AddSeconds(-312) },
        Spec = spec,
        Status = status,
    };

    private static V1ServiceStatus LoadBalancer(params V1LoadBalancerIngress[] ingress) =>
        new() { LoadBalancer = new V1LoadBalancerStatus { Ingress = ingress } };

    private object? Cell(V1Service svc, string column)
    {
        var index = _printer.Columns.Select(c => c.Name).ToList().IndexOf(column);
        Assert.True(index >= 0, column);
        return _printer.Cells(svc, Now)[index];
    }

    [Fact]
    public void Columns_MatchPrintersGo()
    {
        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"], _printer.Columns.Select(c => c.Name));
        Assert.All(_printer.Columns, c => Assert.Equal("string", c.Type));
        Assert.Equal([0, 0, 0, 0, 0, 0, 1], _printer.Columns.Select(c => c.Priority));
        Assert.Equal("name", _printer.Columns[0].Format);
        Assert.All(_printer.Columns.Skip(1), c => Assert.Equal("", c.Format));
        Assert.StartsWith("type determines how the Service is exposed.", _printer.Columns[1].Description, StringComparison.Ordinal);
        Assert.Contains("specified, as describe above).  Valid values", _printer.Columns[2].Description, StringComparison.Ordinal);
        Assert.StartsWith("externalIPs is a list of IP addresses", _printer.Columns[3].Description, StringComparison.Ordinal);
        Assert.StartsWith("The list of ports that are exposed by this service.", _printer.Columns[4].Description, StringComparison.Ordinal);
        Assert.StartsWith("Route service traffic to pods with label keys", _printer.Columns[6].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_TypicalClusterIP_FullRow()
    {
        var svc = Service(new V1ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = "10.96.0.10",
            ClusterIPs = ["10.96.0.10", "fd00::10"],
            Ports = [new V1ServicePort { Port = 80, Protocol = "TCP" }, new V1ServicePort { Port = 53, Protocol = "UDP" }],
            Selector = new Dictionary<string, string> { ["tier"] = "fe", ["app"] = "web" },
        });

        Assert.Equal<object?>(["web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,53/UDP", "5m12s", "app=web,tier=fe"], _printer.Cells(svc, Now));
    }

    [Fact]
    public void Cells_ClusterIPWithExternalIPs_JoinsThem()
    {
        var svc = Service(new V1ServiceSpec { Type = "ClusterIP", ExternalIPs = ["1.2.3.4", "5.6.7.8"] });
        Assert.Equal("1.2.3.4,5.6.7.8", Cell(svc, "External-IP"));
    }

    [Fact]
    public void Cells_NodePort_ShowsNodePortInPorts()
    {
        var svc = Service(new V1ServiceSpec
        {
            Type = "NodePort",
            Ports = [new V1ServicePort { Port = 80, NodePort = 30080, Protocol = "TCP" }, new V1ServicePort { Port = 443, NodePort = 30443, Protocol = "TCP" }],
        });
        Assert.Equal("80:30080/TCP,443:30443/TCP", Cell(svc, "Port(s)"));
        Assert.Equal("<none>", Cell(svc, "External-IP"));
    }

    [Fact]
    public void Cells_NoPorts_IsNone()
    {
        Assert.Equal("<none>", Cell(Service(new V1ServiceSpec { Type = "ClusterIP" }), "Port(s)"));
    }

    [Fact]
    public void Cells_NoClusterIPs_IsNoneEvenWithLegacyClusterIP()
    {
        // Only clusterIPs is read; defaulting always fills it on a real server.
        Assert.Equal("<none>", Cell(Service(new V1ServiceSpec { Type = "ClusterIP", ClusterIP = "10.0.0.1" }), "Cluster-IP"));
    }

    [Fact]
    public void Cells_Headless_ShowsNone()
    {
        Assert.Equal("None", Cell(Service(new V1ServiceSpec { Type = "ClusterIP", ClusterIPs = ["None"] }), "Cluster-IP"));
    }

    [Fact]
    public void Cells_LoadBalancerWithoutIngress_IsPending()
    {
        Assert.Equal("<pending>", Cell(Service(new V1ServiceSpec { Type = "LoadBalancer" }), "External-IP"));
    }

    [Fact]
    public void Cells_LoadBalancerWithIngress_SortedIpsAndHostnames()
    {
        var svc = Service(new V1ServiceSpec { Type = "LoadBalancer" },
            LoadBalancer(new V1LoadBalancerIngress { Hostname = "lb.example.com" }, new V1LoadBalancerIngress { Ip = "203.0.113.9" },
                new V1LoadBalancerIngress { Ip = "203.0.113.10", Hostname = "unused.example.com" }));
        // Server-side printing is wide, so the 16-character clipping never applies.
        Assert.Equal("203.0.113.10,203.0.113.9,lb.example.com", Cell(svc, "External-IP"));
    }

    [Fact]
    public void Cells_LoadBalancerWithExternalIPs_AppendsThemAfterIngress()
    {
        var svc = Service(new V1ServiceSpec { Type = "LoadBalancer", ExternalIPs = ["9.9.9.9", "1.1.1.1"] },
            LoadBalancer(new V1LoadBalancerIngress { Ip = "5.5.5.5" }));
        Assert.Equal("5.5.5.5,9.9.9.9,1.1.1.1", Cell(svc, "External-IP"));
    }

    [Fact]
    public void Cells_LoadBalancerPendingWithExternalIPs_ShowsOnlyExternalIPs()
    {
        var svc = Service(new V1ServiceSpec { Type = "LoadBalancer", ExternalIPs = ["9.9.9.9"] });
        Assert.Equal("9.9.9.9", Cell(svc, "External-IP"));
    }

    [Fact]
    public void Cells_ExternalName_ShowsExternalName()
    {
        var svc = Service(new V1ServiceSpec { Type = "ExternalName", ExternalName = "db.example.com" });
        Assert.Equal("db.example.com", Cell(svc, "External-IP"));
        Assert.Equal("ExternalName", Cell(svc, "Type"));
    }

    [Fact]
    public void Cells_UnsetType_EmptyTypeAndUnknownExternalIP()
    {
        var svc = Service(new V1ServiceSpec());
        Assert.Equal("", Cell(svc, "Type"));
        Assert.Equal("<unknown>", Cell(svc, "External-IP"));
    }

    [Fact]
    public void Cells_NoSelector_IsNone()
    {
        Assert.Equal("<none>", Cell(Service(new V1ServiceSpec { Type = "ClusterIP" }), "Selector"));
    }

    [Fact]
    public void Cells_PortWithoutProtocol_PrintsEmptyProtocol()
    {
        // Go prints the zero string; the server always defaults the protocol before this point.
        var svc = Service(new V1ServiceSpec { Type = "ClusterIP", Ports = [new V1ServicePort { Port = 8080 }] });
        Assert.Equal("8080/", Cell(svc, "Port(s)"));
    }

    [Fact]
    public void Cells_AreStringsOrLongs_OnePerColumn()
    {
        var cells = _printer.Cells(Service(new V1ServiceSpec { Type = "ClusterIP" }), Now);
        Assert.Equal(_printer.Columns.Count, cells.Count);
        Assert.All(cells, c => Assert.IsType<string>(c));
    }
}
