using k8s.Models;

namespace KubeRpc.Emulator.Admission.PodTemplates;

/// <summary>
/// The defaults kube-apiserver 1.32 gives a pod template (<c>SetObjectDefaults_*</c> of k/k
/// <c>pkg/apis/core/v1/zz_generated.defaults.go</c>, which call <c>SetDefaults_PodSpec</c>, <c>SetDefaults_Container</c>,
/// <c>SetDefaults_Probe</c>, <c>SetDefaults_HTTPGetAction</c>, the volume source defaults and the
/// <c>+default</c> markers). <c>SetDefaults_Pod</c>'s extras (enableServiceLinks, requests from limits) apply to Pods
/// only, not to templates. The v1 conversion's alias <c>serviceAccount</c> is filled in here too.
/// </summary>
/// <remarks>
/// Not defaulted here: quantities are not rounded up to milli units (<c>SetDefaults_ResourceList</c>), and the
/// rarely used volume sources (iSCSI, RBD, Azure disk, ScaleIO, ephemeral claim templates) keep what was sent.
/// </remarks>
internal static class PodTemplateDefaults
{
    private const int DefaultMode = 420; // 0644, the default file mode of secret, configMap, downwardAPI and projected volumes

    public static void Apply(V1PodTemplateSpec template)
    {
        // ObjectMeta and PodSpec are structs in Go: always there, if only empty.
        template.Metadata ??= new V1ObjectMeta();
        var spec = template.Spec ??= new V1PodSpec();
        ApplyPodSpec(spec);
    }

    /// <summary><c>SetDefaults_PodSpec</c> and what it reaches, shared by templates and Pods.</summary>
    internal static void ApplyPodSpec(V1PodSpec spec)
    {
        // The v1 conversions: serviceAccount is the deprecated alias of serviceAccountName, read when the name is
        // empty and always written back from it.
        if (string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            spec.ServiceAccountName = spec.ServiceAccount;
        }
        spec.ServiceAccount = string.IsNullOrEmpty(spec.ServiceAccountName) ? null : spec.ServiceAccountName;
        if (string.IsNullOrEmpty(spec.DnsPolicy))
        {
            spec.DnsPolicy = "ClusterFirst";
        }
        if (string.IsNullOrEmpty(spec.RestartPolicy))
        {
            spec.RestartPolicy = "Always";
        }
        spec.SecurityContext ??= new V1PodSecurityContext();
        spec.TerminationGracePeriodSeconds ??= 30;
        if (string.IsNullOrEmpty(spec.SchedulerName))
        {
            spec.SchedulerName = "default-scheduler";
        }
        foreach (var volume in spec.Volumes ?? [])
        {
            ApplyVolume(volume);
        }
        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
        {
            ApplyContainer(container);
        }
    }

    private static void ApplyContainer(V1Container container)
    {
        if (string.IsNullOrEmpty(container.ImagePullPolicy))
        {
            container.ImagePullPolicy = ImagePullPolicy.DefaultFor(container.Image);
        }
        if (string.IsNullOrEmpty(container.TerminationMessagePath))
        {
            container.TerminationMessagePath = "/dev/termination-log";
        }
        if (string.IsNullOrEmpty(container.TerminationMessagePolicy))
        {
            container.TerminationMessagePolicy = "File";
        }
        // A struct in Go, so every container shows resources: {}.
        container.Resources ??= new V1ResourceRequirements();
        foreach (var port in container.Ports ?? [])
        {
            if (string.IsNullOrEmpty(port.Protocol))
            {
                port.Protocol = "TCP";
            }
        }
        foreach (var env in container.Env ?? [])
        {
            ApplyFieldRef(env.ValueFrom?.FieldRef);
        }
        ApplyProbe(container.LivenessProbe);
        ApplyProbe(container.ReadinessProbe);
        ApplyProbe(container.StartupProbe);
        ApplyHttpGet(container.Lifecycle?.PostStart?.HttpGet);
        ApplyHttpGet(container.Lifecycle?.PreStop?.HttpGet);
    }

    private static void ApplyProbe(V1Probe? probe)
    {
        if (probe is null)
        {
            return;
        }
        if (probe.TimeoutSeconds is null or 0)
        {
            probe.TimeoutSeconds = 1;
        }
        if (probe.PeriodSeconds is null or 0)
        {
            probe.PeriodSeconds = 10;
        }
        if (probe.SuccessThreshold is null or 0)
        {
            probe.SuccessThreshold = 1;
        }
        if (probe.FailureThreshold is null or 0)
        {
            probe.FailureThreshold = 3;
        }
        ApplyHttpGet(probe.HttpGet);
        if (probe.Grpc is { } grpc)
        {
            grpc.Service ??= "";
        }
    }

    private static void ApplyHttpGet(V1HTTPGetAction? action)
    {
        if (action is null)
        {
            return;
        }
        if (string.IsNullOrEmpty(action.Path))
        {
            action.Path = "/";
        }
        if (string.IsNullOrEmpty(action.Scheme))
        {
            action.Scheme = "HTTP";
        }
    }

    private static void ApplyFieldRef(V1ObjectFieldSelector? fieldRef)
    {
        if (fieldRef is not null && string.IsNullOrEmpty(fieldRef.ApiVersion))
        {
            fieldRef.ApiVersion = "v1";
        }
    }

    private static void ApplyVolume(V1Volume volume)
    {
        if (!HasSource(volume))
        {
            volume.EmptyDir = new V1EmptyDirVolumeSource();
        }
        if (volume.Secret is { } secret)
        {
            secret.DefaultMode ??= DefaultMode;
        }
        if (volume.ConfigMap is { } configMap)
        {
            configMap.DefaultMode ??= DefaultMode;
        }
        if (volume.DownwardAPI is { } downward)
        {
            downward.DefaultMode ??= DefaultMode;
            foreach (var item in downward.Items ?? [])
            {
                ApplyFieldRef(item.FieldRef);
            }
        }
        if (volume.Projected is { } projected)
        {
            projected.DefaultMode ??= DefaultMode;
            foreach (var source in projected.Sources ?? [])
            {
                foreach (var item in source.DownwardAPI?.Items ?? [])
                {
                    ApplyFieldRef(item.FieldRef);
                }
                if (source.ServiceAccountToken is { } token)
                {
                    token.ExpirationSeconds ??= 3600;
                }
            }
        }
        if (volume.HostPath is { } hostPath)
        {
            hostPath.Type ??= "";
        }
    }

    // util.AllPtrFieldsNil(&obj.VolumeSource): every source of the model is a reference, so one set means a source.
    private static bool HasSource(V1Volume volume) => typeof(V1Volume).GetProperties()
        .Where(p => p.Name != nameof(V1Volume.Name) && !p.PropertyType.IsValueType && p.PropertyType != typeof(string))
        .Any(p => p.GetValue(volume) is not null);
}
