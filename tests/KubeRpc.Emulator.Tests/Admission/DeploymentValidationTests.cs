using k8s.Models;
using KubeRpc.Emulator.Admission.Deployments;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;
using static KubeRpc.Emulator.Tests.Admission.ServiceValidationCases;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>
/// Deployment validation (k/k <c>pkg/apis/apps/validation</c> and the pod template rules of
/// <c>pkg/apis/core/validation</c>, release-1.32): each case breaks one rule of a valid Deployment and must get
/// exactly kube-apiserver's cause.
/// </summary>
public class DeploymentValidationTests
{
    private const string Percent = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
    private const string NoMatch = "`selector` does not match template `labels`";

    private static readonly Dictionary<string, (Action<V1Deployment> Mutate, string Field, string Reason, string Message)> Cases = new()
    {
        ["name not a DNS subdomain"] = (d => d.Metadata.Name = "Web_1",
            "metadata.name", Invalid, "Invalid value: \"Web_1\": " + Dns1123SubdomainMessage),
        ["negative replicas"] = (d => d.Spec.Replicas = -1,
            "spec.replicas", Invalid, "Invalid value: -1: must be greater than or equal to 0"),
        ["selector does not select the template"] = (d => d.Spec.Selector.MatchLabels["app"] = "api",
            "spec.template.metadata.labels", Invalid, "Invalid value: map[string]string{\"app\":\"web\"}: " + NoMatch),
        ["empty selector"] = (d => d.Spec.Selector = new V1LabelSelector(),
            "spec.selector", Invalid, "Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"),
        ["no containers"] = (d => d.Spec.Template.Spec.Containers = [],
            "spec.template.spec.containers", Required, "Required value"),
        ["container without name"] = (d => d.Spec.Template.Spec.Containers[0].Name = null,
            "spec.template.spec.containers[0].name", Required, "Required value"),
        ["container name not a DNS label"] = (d => d.Spec.Template.Spec.Containers[0].Name = "Web_1",
            "spec.template.spec.containers[0].name", Invalid, "Invalid value: \"Web_1\": " + Dns1123LabelMessage),
        ["container without image"] = (d => d.Spec.Template.Spec.Containers[0].Image = null,
            "spec.template.spec.containers[0].image", Required, "Required value"),
        ["two containers with one name"] = (d => d.Spec.Template.Spec.Containers.Add(new V1Container { Name = "web", Image = "busybox" }),
            "spec.template.spec.containers[1].name", Duplicate, "Duplicate value: \"web\""),
        ["container port 0"] = (d => d.Spec.Template.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 0 }],
            "spec.template.spec.containers[0].ports[0].containerPort", Required, "Required value"),
        ["container port out of range"] = (d => d.Spec.Template.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 70000 }],
            "spec.template.spec.containers[0].ports[0].containerPort", Invalid, "Invalid value: 70000: " + PortRangeMessage),
        ["container port protocol HTTP"] = (d => d.Spec.Template.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 80, Protocol = "HTTP" }],
            "spec.template.spec.containers[0].ports[0].protocol", NotSupported, "Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
        ["env without name"] = (d => d.Spec.Template.Spec.Containers[0].Env = [new V1EnvVar { Value = "x" }],
            "spec.template.spec.containers[0].env[0].name", Required, "Required value"),
        ["volume mount of no volume"] = (d => d.Spec.Template.Spec.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }],
            "spec.template.spec.containers[0].volumeMounts[0].name", "FieldValueNotFound", "Not found: \"data\""),
        ["image pull policy unknown"] = (d => d.Spec.Template.Spec.Containers[0].ImagePullPolicy = "Sometimes",
            "spec.template.spec.containers[0].imagePullPolicy", NotSupported, "Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""),
        ["restart policy Never"] = (d => d.Spec.Template.Spec.RestartPolicy = "Never",
            "spec.template.spec.restartPolicy", NotSupported, "Unsupported value: \"Never\": supported values: \"Always\""),
        ["active deadline"] = (d => d.Spec.Template.Spec.ActiveDeadlineSeconds = 30,
            "spec.template.spec.activeDeadlineSeconds", Forbidden, "Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"),
        ["both surge and unavailable 0"] = (d => d.Spec.Strategy = Rolling(0, 0),
            "spec.strategy.rollingUpdate.maxUnavailable", Invalid, "Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"),
        ["max unavailable above 100%"] = (d => d.Spec.Strategy = Rolling("120%", 1),
            "spec.strategy.rollingUpdate.maxUnavailable", Invalid, "Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"120%\"}: must not be greater than 100%"),
        ["max surge not a percent"] = (d => d.Spec.Strategy = Rolling(1, "abc"),
            "spec.strategy.rollingUpdate.maxSurge", Invalid, "Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"abc\"}: " + Percent),
        ["negative max surge"] = (d => d.Spec.Strategy = Rolling(1, -1),
            "spec.strategy.rollingUpdate.maxSurge", Invalid, "Invalid value: -1: must be greater than or equal to 0"),
        ["recreate with rolling update"] = (d => d.Spec.Strategy = new V1DeploymentStrategy { Type = "Recreate", RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = 1 } },
            "spec.strategy.rollingUpdate", Forbidden, "Forbidden: may not be specified when strategy `type` is 'Recreate'"),
        ["unknown strategy"] = (d => d.Spec.Strategy = new V1DeploymentStrategy { Type = "BlueGreen" },
            "spec.strategy", NotSupported, "Unsupported value: apps.DeploymentStrategy{Type:\"BlueGreen\", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\""),
        ["progress deadline not above min ready"] = (d => { d.Spec.MinReadySeconds = 10; d.Spec.ProgressDeadlineSeconds = 10; },
            "spec.progressDeadlineSeconds", Invalid, "Invalid value: 10: must be greater than minReadySeconds"),
        ["negative revision history"] = (d => d.Spec.RevisionHistoryLimit = -1,
            "spec.revisionHistoryLimit", Invalid, "Invalid value: -1: must be greater than or equal to 0"),
        ["service account not a DNS subdomain"] = (d => d.Spec.Template.Spec.ServiceAccountName = "Ops_Bot",
            "spec.template.spec.serviceAccountName", Invalid, "Invalid value: \"Ops_Bot\": " + Dns1123SubdomainMessage),
    };

    private readonly DeploymentStrategy _strategy = new();

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    public static V1Deployment Valid() => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] },
            },
        },
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValidateCreate_CaseBreakingOneRule_ReturnsExactlyThatCause(string description)
    {
        var (mutate, field, reason, message) = Cases[description];
        var deployment = Valid();
        mutate(deployment);

        AssertSingleError(Create(_strategy, deployment).Errors, field, reason, message);
    }

    [Fact]
    public void ValidateCreate_Valid_HasNoErrors() => Assert.Empty(Create(_strategy, Valid()).Errors);

    [Fact]
    public void ValidateCreate_NoSelector_RequiredAndTemplateNotSelected()
    {
        // A missing selector converts to labels.Nothing(), which selects no template either.
        var deployment = Valid();
        deployment.Spec.Selector = null;

        Assert.Equal(
            ["spec.selector: Required value", "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: " + NoMatch],
            Create(_strategy, deployment).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateCreate_UnknownSelectorOperator_InvalidOperatorAndInvalidSelectorWithoutTemplateChecks()
    {
        var deployment = Valid();
        deployment.Spec.Selector.MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "Within", Values = ["a"] }];
        deployment.Spec.Template.Spec.Containers[0].Image = null;

        Assert.Equal(
            [
                "spec.selector.matchExpressions[0].operator: Invalid value: \"Within\": not a valid selector operator",
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"tier\", Operator:\"Within\", Values:[]string{\"a\"}}}}: invalid label selector",
            ],
            Create(_strategy, deployment).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateCreate_InExpressionWithoutValues_RequiredAndInvalidSelector()
    {
        var deployment = Valid();
        deployment.Spec.Selector.MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In" }];

        Assert.Equal(
            [
                "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"tier\", Operator:\"In\", Values:[]string(nil)}}}: invalid label selector",
            ],
            Create(_strategy, deployment).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateUpdate_SelectorChanged_IsImmutable()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Spec.Selector.MatchLabels["tier"] = "front";
        changed.Spec.Template.Metadata.Labels["tier"] = "front";

        AssertSingleError(Update(_strategy, changed, stored).Errors, "spec.selector", Invalid,
            "Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"tier\":\"front\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    [Fact]
    public void ValidateStatusUpdate_AvailableAboveReady_Invalid()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Status = new V1DeploymentStatus { Replicas = 2, ReadyReplicas = 1, AvailableReplicas = 2 };

        AssertSingleError(UpdateStatus(_strategy, changed, stored).Errors, "status.availableReplicas", Invalid,
            "Invalid value: 2: cannot be greater than readyReplicas");
    }

    private static V1DeploymentStrategy Rolling(IntOrString maxUnavailable, IntOrString maxSurge) =>
        new() { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge } };
}
