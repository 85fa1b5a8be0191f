using System.Text.RegularExpressions;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>EndpointSlices through kubectl: the controller's slices of an applied Service and its Pods, in kubectl's table.</summary>
public partial class KubectlEndpointSliceTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: http
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: empty
        spec:
          selector:
            app: nothing
          ports:
          - port: 80
        """;

    private const string PodTemplate = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: NAME
          labels:
            app: web
        spec:
          containers:
          - name: app
            image: nginx:1.27
            ports:
            - name: http
              containerPort: 8080
        """;

    [RequiresToolFact("kubectl")]
    public async Task GetEndpointSlices_TableWithPortsAndTheFirstThreeAddresses()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        kubectl.WriteFile("web.yaml", Manifest + "\n---\n" + string.Join("\n---\n", Enumerable.Range(1, 4).Select(i => PodTemplate.Replace("NAME", $"web-{i}", StringComparison.Ordinal))));

        var applied = await kubectl.RunAsync("apply", "-f", "web.yaml");
        var table = await Polling.UntilAsync(() => kubectl.RunAsync("get", "endpointslices"), r => r.Stdout.Contains("+ 1 more...", StringComparison.Ordinal), "four endpoints");
        var ips = await kubectl.RunAsync("get", "pods", "-o", "jsonpath={range .items[*]}{.metadata.name} {.status.podIP}{\"\\n\"}{end}");
        var labelled = await kubectl.RunAsync("get", "endpointslices", "-l", "kubernetes.io/service-name=web", "-o", "name");

        Assert.Equal(0, applied.ExitCode);
        var addresses = KubectlResult.SplitLines(ips.Stdout).Select(l => l.Split(' ')).OrderBy(p => p[0], StringComparer.Ordinal).Select(p => p[1]).ToList();
        Assert.Equal(4, addresses.Count);
        Assert.Equal(0, table.ExitCode);
        Assert.Equal(
            KubectlTable.Format(
                ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
                ["web-xxxxx", "IPv4", "8080", string.Join(",", addresses.Take(3)) + " + 1 more...", "0s"]) + "\n",
            GeneratedSuffix().Replace(table.Stdout, "-xxxxx"));
        // The Service without pods has no slice (EndpointSliceController writes none for it).
        Assert.Matches("^endpointslice.discovery.k8s.io/web-[a-z0-9]{5}\n$", labelled.Stdout);
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyHandMadeSlice_UnchangedOnReapply_Deleted()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        // The protocol is given: ports is an atomic list, so a defaulted one would differ from the manifest on reapply.
        kubectl.WriteFile("slice.yaml", """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: external-1
              labels:
                kubernetes.io/service-name: external
            addressType: IPv4
            ports:
            - name: http
              port: 80
              protocol: TCP
            endpoints:
            - addresses: ["192.0.2.10"]
            """);

        var applied = await kubectl.RunAsync("apply", "-f", "slice.yaml");
        var reapplied = await kubectl.RunAsync("apply", "-f", "slice.yaml");
        var table = await kubectl.RunAsync("get", "endpointslice", "external-1");
        var deleted = await kubectl.RunAsync("delete", "-f", "slice.yaml");

        KubectlAssert.Success(applied, "endpointslice.discovery.k8s.io/external-1 created");
        KubectlAssert.Success(reapplied, "endpointslice.discovery.k8s.io/external-1 unchanged");
        KubectlAssert.Success(table, """
            NAME         ADDRESSTYPE   PORTS   ENDPOINTS    AGE
            external-1   IPv4          80      192.0.2.10   0s
            """);
        KubectlAssert.Success(deleted, "endpointslice.discovery.k8s.io \"external-1\" deleted");
    }

    [GeneratedRegex("-[a-z0-9]{5}(?= )")]
    private static partial Regex GeneratedSuffix();
}
