using k8s.Models;
using KubeRpc.Emulator.Printing;

namespace KubeRpc.Emulator.Tests.Printing;

/// <summary>The ConfigMap, Deployment, PodDisruptionBudget and NetworkPolicy printers against printers.go.</summary>
public class WorkloadPrintersTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static V1ObjectMeta Meta(string name, TimeSpan age) => new() { Name = name, CreationTimestamp = Now - age };

    [Fact]
    public void ConfigMap_Columns_NameDataAge()
    {
        var columns = new ConfigMapPrinter().Columns;

        Assert.Equal([("Name", "string", 0), ("Data", "string", 0), ("Age", "string", 0)], columns.Select(c => (c.Name, c.Type, c.Priority)));
        Assert.StartsWith("Data contains the configuration data.", columns[1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigMap_DataAndBinaryData_CountedTogetherAsInt64()
    {
        var configMap = new V1ConfigMap
        {
            Metadata = Meta("app", TimeSpan.FromMinutes(5)),
            Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
            BinaryData = new Dictionary<string, byte[]> { ["c"] = [0xff] },
        };

        Assert.Equal<object?>(["app", 3L, "5m"], new ConfigMapPrinter().Cells(configMap, Now));
    }

    [Fact]
    public void Deployment_Columns_WideOnesArePriorityOne()
    {
        var columns = new DeploymentPrinter().Columns;

        Assert.Equal(
            [("Name", 0), ("Ready", 0), ("Up-to-date", 0), ("Available", 0), ("Age", 0), ("Containers", 1), ("Images", 1), ("Selector", 1)],
            columns.Select(c => (c.Name, c.Priority)));
        Assert.All(columns, c => Assert.Equal("string", c.Type));
        Assert.Equal("Number of the pod with ready state", columns[1].Description);
        Assert.Equal("Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", columns[7].Description);
    }

    [Fact]
    public void Deployment_StatusAndTemplate_ReadyOverDesiredContainersImagesAndSortedSelector()
    {
        var deployment = new V1Deployment
        {
            Metadata = Meta("web", TimeSpan.FromHours(2)),
            Spec = new V1DeploymentSpec
            {
                Replicas = 3,
                Selector = new V1LabelSelector
                {
                    MatchLabels = new Dictionary<string, string> { ["tier"] = "front", ["app"] = "web" },
                    MatchExpressions = [new V1LabelSelectorRequirement { Key = "env", OperatorProperty = "In", Values = ["prod", "dev"] }],
                },
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }, new V1Container { Name = "log", Image = "busybox" }] },
                },
            },
            Status = new V1DeploymentStatus { ReadyReplicas = 2, UpdatedReplicas = 3, AvailableReplicas = 1 },
        };

        Assert.Equal<object?>(["web", "2/3", 3L, 1L, "120m", "web,log", "nginx:1.27,busybox", "app=web,env in (dev,prod),tier=front"],
            new DeploymentPrinter().Cells(deployment, Now));
    }

    [Fact]
    public void Deployment_NoStatusNoSelector_ZerosAndEmptySelector()
    {
        var deployment = new V1Deployment { Metadata = Meta("d", TimeSpan.FromSeconds(30)), Spec = new V1DeploymentSpec { Replicas = 1 } };

        Assert.Equal<object?>(["d", "0/1", 0L, 0L, "30s", "", "", ""], new DeploymentPrinter().Cells(deployment, Now));
    }

    [Fact]
    public void Deployment_SelectorThatDoesNotConvert_IsInvalid()
    {
        var deployment = new V1Deployment
        {
            Metadata = Meta("d", TimeSpan.Zero),
            Spec = new V1DeploymentSpec { Selector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "a", OperatorProperty = "Gt" }] } },
        };

        Assert.Equal("<invalid>", new DeploymentPrinter().Cells(deployment, Now)[7]);
    }

    [Fact]
    public void PodDisruptionBudget_Columns_AllowedDisruptionsIsAnInteger()
    {
        var columns = new PodDisruptionBudgetPrinter().Columns;

        Assert.Equal([("Name", "string"), ("Min Available", "string"), ("Max Unavailable", "string"), ("Allowed Disruptions", "integer"), ("Age", "string")],
            columns.Select(c => (c.Name, c.Type)));
        Assert.Equal("Calculated number of pods that may be disrupted at this time.", columns[3].Description);
    }

    [Theory]
    [InlineData("2", null, "2", "N/A")]
    [InlineData(null, "25%", "N/A", "25%")]
    [InlineData(null, null, "N/A", "N/A")]
    public void PodDisruptionBudget_UnsetBounds_AreNotApplicable(string? min, string? max, string minCell, string maxCell)
    {
        var budget = new V1PodDisruptionBudget
        {
            Metadata = Meta("pdb", TimeSpan.FromDays(2)),
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = min, MaxUnavailable = max },
            Status = new V1PodDisruptionBudgetStatus { DisruptionsAllowed = 1 },
        };

        Assert.Equal<object?>(["pdb", minCell, maxCell, 1L, "2d"], new PodDisruptionBudgetPrinter().Cells(budget, Now));
    }

    [Fact]
    public void NetworkPolicy_Columns_NamePodSelectorAge()
    {
        var columns = new NetworkPolicyPrinter().Columns;

        Assert.Equal(["Name", "Pod-Selector", "Age"], columns.Select(c => c.Name));
        Assert.StartsWith("Selects the pods to which this NetworkPolicy object applies.  The array", columns[1].Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "<none>")]
    [InlineData("app", "app=web")]
    public void NetworkPolicy_PodSelector_FormattedOrNone(string? key, string cell)
    {
        var selector = new V1LabelSelector { MatchLabels = key is null ? null : new Dictionary<string, string> { [key] = "web" } };
        var policy = new V1NetworkPolicy { Metadata = Meta("np", TimeSpan.FromMinutes(1)), Spec = new V1NetworkPolicySpec { PodSelector = selector } };

        Assert.Equal<object?>(["np", cell, "60s"], new NetworkPolicyPrinter().Cells(policy, Now));
    }

    [Fact]
    public void NetworkPolicy_SelectorThatDoesNotConvert_IsError()
    {
        var selector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "a", OperatorProperty = "In" }] };
        var policy = new V1NetworkPolicy { Metadata = Meta("np", TimeSpan.Zero), Spec = new V1NetworkPolicySpec { PodSelector = selector } };

        Assert.Equal("<error>", new NetworkPolicyPrinter().Cells(policy, Now)[1]);
    }
}
