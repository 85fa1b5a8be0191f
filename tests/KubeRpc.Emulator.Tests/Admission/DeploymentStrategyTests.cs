using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.Deployments;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>The Deployment registry strategy: 1.32 defaults, generation and the status subresource.</summary>
public class DeploymentStrategyTests
{
    private readonly DeploymentStrategy _strategy = new();

    [Fact]
    public void Create_Minimal_GetsKubeApiserversDefaults()
    {
        var created = Create(_strategy, DeploymentValidationTests.Valid()).Object;

        var json = KubernetesJson.Serialize(created.Spec);
        Assert.Equal(
            """{"progressDeadlineSeconds":600,"replicas":1,"revisionHistoryLimit":10,"selector":{"matchLabels":{"app":"web"}},"strategy":{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","imagePullPolicy":"IfNotPresent","name":"web","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],"dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}}""",
            json);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("{}", KubernetesJson.Serialize(created.Status));
    }

    [Fact]
    public void Create_RecreateStrategy_GetsNoRollingUpdate()
    {
        var deployment = DeploymentValidationTests.Valid();
        deployment.Spec.Strategy = new V1DeploymentStrategy { Type = "Recreate" };

        Assert.Null(Create(_strategy, deployment).Object.Spec.Strategy.RollingUpdate);
    }

    [Fact]
    public void Create_ProbesPortsEnvAndVolumes_GetTheirDefaults()
    {
        var deployment = DeploymentValidationTests.Valid();
        var container = deployment.Spec.Template.Spec.Containers[0];
        container.Ports = [new V1ContainerPort { ContainerPort = 80 }];
        container.LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = "http" } };
        container.Env = [new V1EnvVar { Name = "POD", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } }];
        deployment.Spec.Template.Spec.Volumes =
        [
            new V1Volume { Name = "scratch" },
            new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "app" } },
        ];

        var created = Create(_strategy, deployment).Object.Spec.Template.Spec;

        var probe = created.Containers[0].LivenessProbe;
        Assert.Equal((1, 10, 1, 3), (probe.TimeoutSeconds, probe.PeriodSeconds, probe.SuccessThreshold, probe.FailureThreshold));
        Assert.Equal(("/", "HTTP"), (probe.HttpGet.Path, probe.HttpGet.Scheme));
        Assert.Equal("TCP", created.Containers[0].Ports[0].Protocol);
        Assert.Equal("v1", created.Containers[0].Env[0].ValueFrom.FieldRef.ApiVersion);
        Assert.NotNull(created.Volumes[0].EmptyDir);
        Assert.Equal(420, created.Volumes[1].ConfigMap.DefaultMode);
        Assert.Null(created.Volumes[1].EmptyDir);
    }

    [Fact]
    public void Create_ServiceAccountName_AlsoWritesTheDeprecatedAlias()
    {
        var deployment = DeploymentValidationTests.Valid();
        deployment.Spec.Template.Spec.ServiceAccount = "legacy";

        var spec = Create(_strategy, deployment).Object.Spec.Template.Spec;

        Assert.Equal(("legacy", "legacy"), (spec.ServiceAccountName, spec.ServiceAccount));
    }

    [Fact]
    public void Update_SpecOrAnnotationsChanged_BumpsGenerationAndKeepsStatus()
    {
        var stored = Stored(_strategy, DeploymentValidationTests.Valid());
        stored.Status = new V1DeploymentStatus { Replicas = 1 };
        var scaled = Copy(stored);
        scaled.Spec.Replicas = 3;
        scaled.Status = new V1DeploymentStatus { Replicas = 9 };
        var annotated = Copy(stored);
        annotated.Metadata.Annotations = new Dictionary<string, string> { ["team"] = "a" };
        var labelled = Copy(stored);
        labelled.Metadata.Labels["tier"] = "front";

        var scaledResult = Update(_strategy, scaled, stored).Object;
        Assert.Equal((2L, 1), (scaledResult.Metadata.Generation, scaledResult.Status.Replicas));
        Assert.Equal(2, Update(_strategy, annotated, stored).Object.Metadata.Generation);
        Assert.Equal(1, Update(_strategy, labelled, stored).Object.Metadata.Generation);
    }

    [Fact]
    public void UpdateStatus_KeepsSpecAndLabels()
    {
        var stored = Stored(_strategy, DeploymentValidationTests.Valid());
        var changed = Copy(stored);
        changed.Spec.Replicas = 5;
        changed.Metadata.Labels["tier"] = "front";
        changed.Status = new V1DeploymentStatus { Replicas = 1, ReadyReplicas = 1 };

        var result = UpdateStatus(_strategy, changed, stored);

        Assert.Empty(result.Errors);
        Assert.Equal(1, result.Object.Spec.Replicas);
        Assert.False(result.Object.Metadata.Labels.ContainsKey("tier"));
        Assert.Equal(1, result.Object.Status.ReadyReplicas);
    }
}
