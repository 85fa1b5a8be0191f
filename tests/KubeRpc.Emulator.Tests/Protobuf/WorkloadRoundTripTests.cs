using Google.Protobuf;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Protobuf;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>ConfigMaps, Deployments and PodDisruptionBudgets encoded with the generated messages, decoded to Go-shaped JSON.</summary>
public class WorkloadRoundTripTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 15, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Decode_ConfigMapImmutableFalse_WritesPointerAndSortedMaps()
    {
        var configMap = new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "c" },
            Immutable = false,
            Data = { ["z"] = "1", ["a"] = "" },
            BinaryData = { ["b.bin"] = ByteString.CopyFrom(0x00, 0xff) },
        };

        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("v1", "ConfigMap", configMap)).ToJsonString();

        Assert.Equal(
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","creationTimestamp":null},"immutable":false,"data":{"a":"","z":"1"},"binaryData":{"b.bin":"AP8="}}""",
            json);
    }

    [Fact]
    public void Decode_DeploymentWithEveryModelledField_WritesThemInGoOrder()
    {
        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("apps/v1", "Deployment", FullDeployment())).ToJsonString();

        const string Expected =
            """
            {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","creationTimestamp":null},"spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"Exists"}]},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"initContainers":[{"name":"init","image":"busybox","resources":{},"restartPolicy":"Always"}],"containers":[{"name":"web","image":"nginx:1.27","command":["nginx"],"args":["-g","daemon off;"],"workingDir":"/srv","ports":[{"name":"http","hostPort":8080,"containerPort":80,"protocol":"TCP","hostIP":"127.0.0.1"}],"env":[{"name":"MODE","value":"fast"},{"name":"EMPTY"}],"resources":{"limits":{"memory":"512Mi"},"requests":{"cpu":"100m"},"claims":[{"name":"gpu","request":"one"}]},"volumeMounts":[{"name":"data","readOnly":true,"recursiveReadOnly":"Enabled","mountPath":"/data","subPath":"x","mountPropagation":"None","subPathExpr":"$(POD)"}],"terminationMessagePath":"/tmp/log","terminationMessagePolicy":"File","imagePullPolicy":"Always","stdin":true,"stdinOnce":true,"tty":true}],"restartPolicy":"Always","terminationGracePeriodSeconds":0,"activeDeadlineSeconds":60,"dnsPolicy":"ClusterFirst","nodeSelector":{"disk":"ssd"},"serviceAccountName":"sa","serviceAccount":"sa","automountServiceAccountToken":false,"nodeName":"n1","hostNetwork":true,"hostPID":true,"hostIPC":true,"shareProcessNamespace":false,"imagePullSecrets":[{"name":"pull"}],"hostname":"h","subdomain":"s","schedulerName":"default-scheduler","priorityClassName":"high","priority":0,"runtimeClassName":"","enableServiceLinks":false,"preemptionPolicy":"Never","setHostnameAsFQDN":false,"hostUsers":false}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":1}},"minReadySeconds":5,"revisionHistoryLimit":0,"paused":true,"progressDeadlineSeconds":600},"status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":1,"unavailableReplicas":2,"conditions":[{"type":"Available","status":"False","lastUpdateTime":"2025-01-02T15:04:05Z","lastTransitionTime":null,"reason":"MinimumReplicasUnavailable"}],"collisionCount":0}}
            """;
        Assert.Equal(Expected, json);
    }

    [Fact]
    public void Decode_DeploymentWithoutSelector_WritesNullSelectorAndEmptyStructs()
    {
        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("apps/v1", "Deployment", new Deployment { Metadata = new ObjectMeta { Name = "d" } })).ToJsonString();

        Assert.Equal(
            """{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"d","creationTimestamp":null},"spec":{"selector":null,"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":null}},"strategy":{}},"status":{}}""",
            json);
    }

    [Fact]
    public void Decode_PodDisruptionBudgetWithStatus_WritesCountsDisruptedPodsAndConditions()
    {
        var budget = new PodDisruptionBudget
        {
            Metadata = new ObjectMeta { Name = "p" },
            Spec = new PodDisruptionBudgetSpec { MinAvailable = new IntOrString { Type = 1, StrVal = "50%" }, UnhealthyPodEvictionPolicy = "AlwaysAllow" },
            Status = new PodDisruptionBudgetStatus { ObservedGeneration = 1, DisruptionsAllowed = 1, ExpectedPods = 2 },
        };
        budget.Status.DisruptedPods["web-1"] = WireBody.Time(At);
        budget.Status.Conditions.Add(new Condition { Type = "DisruptionAllowed", Status = "True", Reason = "SufficientPods", Message = "" });

        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("policy/v1", "PodDisruptionBudget", budget)).ToJsonString();

        Assert.Equal(
            """{"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"p","creationTimestamp":null},"spec":{"minAvailable":"50%","unhealthyPodEvictionPolicy":"AlwaysAllow"},"status":{"observedGeneration":1,"disruptedPods":{"web-1":"2025-01-02T15:04:05Z"},"disruptionsAllowed":1,"currentHealthy":0,"desiredHealthy":0,"expectedPods":2,"conditions":[{"type":"DisruptionAllowed","status":"True","lastTransitionTime":null,"reason":"SufficientPods","message":""}]}}""",
            json);
    }

    [Theory]
    [InlineData(14, "PodSpec")] // securityContext
    [InlineData(1, "PodSpec")] // volumes
    public void DecodeExpected_PodSpecFieldNotModelled_Refused(int field, string message)
    {
        var deployment = FullDeployment();
        deployment.Spec.Template.Spec = WithUnknownField(deployment.Spec.Template.Spec, field);

        AssertRefused(deployment, field, message);
    }

    [Fact]
    public void DecodeExpected_ContainerSecurityContext_Refused()
    {
        var deployment = FullDeployment();
        var containers = deployment.Spec.Template.Spec.Containers;
        containers[0] = WithUnknownField(containers[0], 15);

        AssertRefused(deployment, 15, "Container");
    }

    [Fact]
    public void DecodeExpected_EnvValueFrom_Refused()
    {
        var deployment = FullDeployment();
        var env = deployment.Spec.Template.Spec.Containers[0].Env;
        env[0] = WithUnknownField(env[0], 3);

        AssertRefused(deployment, 3, "EnvVar");
    }

    [Fact]
    public void Decode_UnknownFieldOfACompleteMessage_IsSkipped()
    {
        // DeploymentSpec is complete for 1.32: a field it lacks is newer, and 1.32 would skip it too.
        var deployment = FullDeployment();
        deployment.Spec = WithUnknownField(deployment.Spec, 99);

        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("apps/v1", "Deployment", deployment), "apps/v1", "Deployment");

        Assert.Equal(5, (int)json["spec"]!["minReadySeconds"]!);
    }

    private static void AssertRefused(Deployment deployment, int field, string message)
    {
        var e = Assert.Throws<ApiException>(() => KubeProtobufDecoder.Decode(WireBody.Envelope("apps/v1", "Deployment", deployment), "apps/v1", "Deployment"));
        Assert.Equal((400, "BadRequest"), (e.Code, e.Reason));
        Assert.Equal(
            $"Deployment in version \"v1\" cannot be handled as a Deployment: the emulator does not decode field {field} of the protobuf {message} message; send this object as JSON instead",
            e.Message);
    }

    /// <summary>The message re-parsed with one more, empty length-delimited field: Google.Protobuf keeps unknown fields.</summary>
    private static T WithUnknownField<T>(T message, int field)
        where T : IMessage<T>, new()
    {
        var output = new MemoryStream();
        var coded = new CodedOutputStream(output);
        message.WriteTo(coded);
        coded.WriteTag(field, WireFormat.WireType.LengthDelimited);
        coded.WriteLength(0);
        coded.Flush();
        return new MessageParser<T>(() => new T()).ParseFrom(output.ToArray());
    }

    private static Deployment FullDeployment()
    {
        var container = new Container
        {
            Name = "web", Image = "nginx:1.27", Command = { "nginx" }, Args = { "-g", "daemon off;" }, WorkingDir = "/srv",
            Ports = { new ContainerPort { Name = "http", HostPort = 8080, ContainerPort_ = 80, Protocol = "TCP", HostIp = "127.0.0.1" } },
            Env = { new EnvVar { Name = "MODE", Value = "fast" }, new EnvVar { Name = "EMPTY", Value = "" } },
            Resources = new ResourceRequirements
            {
                Limits = { ["memory"] = new Quantity { String = "512Mi" } },
                Requests = { ["cpu"] = new Quantity { String = "100m" } },
                Claims = { new ResourceClaim { Name = "gpu", Request = "one" } },
            },
            VolumeMounts =
            {
                new VolumeMount
                {
                    Name = "data", ReadOnly = true, RecursiveReadOnly = "Enabled", MountPath = "/data", SubPath = "x",
                    MountPropagation = "None", SubPathExpr = "$(POD)",
                },
            },
            TerminationMessagePath = "/tmp/log", TerminationMessagePolicy = "File", ImagePullPolicy = "Always",
            Stdin = true, StdinOnce = true, Tty = true,
        };
        var spec = new PodSpec
        {
            Containers = { container },
            InitContainers = { new Container { Name = "init", Image = "busybox", RestartPolicy = "Always" } },
            RestartPolicy = "Always", TerminationGracePeriodSeconds = 0, ActiveDeadlineSeconds = 60, DnsPolicy = "ClusterFirst",
            NodeSelector = { ["disk"] = "ssd" }, ServiceAccountName = "sa", ServiceAccount = "sa", AutomountServiceAccountToken = false,
            NodeName = "n1", HostNetwork = true, HostPid = true, HostIpc = true, ShareProcessNamespace = false,
            ImagePullSecrets = { new LocalObjectReference { Name = "pull" } }, Hostname = "h", Subdomain = "s",
            SchedulerName = "default-scheduler", PriorityClassName = "high", Priority = 0, RuntimeClassName = "",
            EnableServiceLinks = false, PreemptionPolicy = "Never", SetHostnameAsFqdn = false, HostUsers = false,
        };
        var status = new DeploymentStatus
        {
            ObservedGeneration = 2, Replicas = 3, UpdatedReplicas = 3, ReadyReplicas = 2, AvailableReplicas = 1, UnavailableReplicas = 2,
            CollisionCount = 0,
        };
        status.Conditions.Add(new DeploymentCondition
        {
            Type = "Available", Status = "False", Reason = "MinimumReplicasUnavailable", Message = "", LastUpdateTime = WireBody.Time(At),
            LastTransitionTime = new Time(),
        });
        return new Deployment
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec
            {
                Replicas = 0,
                Selector = new LabelSelector
                {
                    MatchLabels = { ["app"] = "web" },
                    MatchExpressions = { new LabelSelectorRequirement { Key = "tier", Operator = "Exists" } },
                },
                Template = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = { ["app"] = "web" } }, Spec = spec },
                Strategy = new DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new RollingUpdateDeployment
                    {
                        MaxUnavailable = new IntOrString { Type = 1, StrVal = "25%" },
                        MaxSurge = new IntOrString { Type = 0, IntVal = 1 },
                    },
                },
                MinReadySeconds = 5, RevisionHistoryLimit = 0, Paused = true, ProgressDeadlineSeconds = 600,
            },
            Status = status,
        };
    }
}
