using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.PodTemplates;

/// <summary>
/// The container rules of k/k <c>pkg/apis/core/validation/validation.go</c> (release-1.32: <c>validateContainers</c>,
/// <c>validateInitContainers</c>, <c>validateContainerCommon</c>) that matter before a kubelet ever sees a pod: name,
/// image, termination message policy, ports, environment variable names, volume mounts against the pod's volumes,
/// image pull policy and names unique across init and regular containers.
/// </summary>
/// <remarks>
/// Not checked: environment variable name syntax, env sources, probes, lifecycle handlers, resources and their
/// claims, resize policy, volume devices and security contexts (kube-apiserver's further rules there are kept as sent).
/// </remarks>
internal static class ContainerValidator
{
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private static readonly string[] MessagePolicies = ["File", "FallbackToLogsOnError"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];

    /// <summary><c>validateContainers</c>: at least one container, each valid, names unique, no restartPolicy.</summary>
    public static IEnumerable<FieldError> ValidateContainers(IList<V1Container>? containers, ISet<string> volumes, FieldPath path)
    {
        if (containers is not { Count: > 0 })
        {
            yield return FieldError.Required(path);
            yield break;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            var itemPath = path.Index(i);
            foreach (var error in ValidateCommon(container, volumes, itemPath))
            {
                yield return error;
            }
            if (!names.Add(container.Name ?? ""))
            {
                yield return FieldError.Duplicate(itemPath.Child("name"), container.Name ?? "");
            }
            if (container.RestartPolicy is not null)
            {
                yield return FieldError.Forbidden(itemPath.Child("restartPolicy"), "may not be set for non-init containers");
            }
        }
    }

    /// <summary><c>validateInitContainers</c>: each valid, names unique among init and regular containers.</summary>
    public static IEnumerable<FieldError> ValidateInitContainers(IList<V1Container>? initContainers, IList<V1Container>? containers, ISet<string> volumes, FieldPath path)
    {
        var names = new HashSet<string>((containers ?? []).Select(c => c.Name ?? ""), StringComparer.Ordinal);
        var list = initContainers ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = path.Index(i);
            foreach (var error in ValidateCommon(list[i], volumes, itemPath))
            {
                yield return error;
            }
            if (!names.Add(list[i].Name ?? ""))
            {
                yield return FieldError.Duplicate(itemPath.Child("name"), list[i].Name ?? "");
            }
            if (list[i].RestartPolicy is { } restart && restart != "Always")
            {
                yield return FieldError.NotSupported(itemPath.Child("restartPolicy"), restart, ["Always"]);
            }
        }
    }

    private static IEnumerable<FieldError> ValidateCommon(V1Container container, ISet<string> volumes, FieldPath path)
    {
        var name = container.Name ?? "";
        if (name.Length == 0)
        {
            yield return FieldError.Required(path.Child("name"));
        }
        else
        {
            foreach (var msg in NameValidation.IsDns1123Label(name))
            {
                yield return FieldError.Invalid(path.Child("name"), name, msg);
            }
        }
        if (string.IsNullOrEmpty(container.Image))
        {
            yield return FieldError.Required(path.Child("image"));
        }
        foreach (var error in OneOf(container.TerminationMessagePolicy, MessagePolicies, path.Child("terminationMessagePolicy")))
        {
            yield return error;
        }
        foreach (var error in ValidatePorts(container.Ports, path.Child("ports")))
        {
            yield return error;
        }
        var env = container.Env ?? [];
        for (var i = 0; i < env.Count; i++)
        {
            if (string.IsNullOrEmpty(env[i].Name))
            {
                yield return FieldError.Required(path.Child("env").Index(i).Child("name"));
            }
        }
        foreach (var error in ValidateVolumeMounts(container.VolumeMounts, volumes, path.Child("volumeMounts")))
        {
            yield return error;
        }
        foreach (var error in OneOf(container.ImagePullPolicy, PullPolicies, path.Child("imagePullPolicy")))
        {
            yield return error;
        }
    }

    /// <summary><c>validateContainerPorts</c>.</summary>
    private static IEnumerable<FieldError> ValidatePorts(IList<V1ContainerPort>? ports, FieldPath path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var list = ports ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var port = list[i];
            var itemPath = path.Index(i);
            if (!string.IsNullOrEmpty(port.Name))
            {
                var messages = NameValidation.IsValidPortName(port.Name);
                foreach (var msg in messages)
                {
                    yield return FieldError.Invalid(itemPath.Child("name"), port.Name, msg);
                }
                if (messages.Count == 0 && !names.Add(port.Name))
                {
                    yield return FieldError.Duplicate(itemPath.Child("name"), port.Name);
                }
            }
            if (port.ContainerPort == 0)
            {
                yield return FieldError.Required(itemPath.Child("containerPort"));
            }
            else
            {
                foreach (var msg in NameValidation.IsValidPortNum(port.ContainerPort))
                {
                    yield return FieldError.Invalid(itemPath.Child("containerPort"), (long)port.ContainerPort, msg);
                }
            }
            if (port.HostPort is { } hostPort and not 0)
            {
                foreach (var msg in NameValidation.IsValidPortNum(hostPort))
                {
                    yield return FieldError.Invalid(itemPath.Child("hostPort"), (long)hostPort, msg);
                }
            }
            if (string.IsNullOrEmpty(port.Protocol))
            {
                yield return FieldError.Required(itemPath.Child("protocol"));
            }
            else if (!Protocols.Contains(port.Protocol))
            {
                yield return FieldError.NotSupported(itemPath.Child("protocol"), port.Protocol, Protocols);
            }
        }
    }

    /// <summary>The first rules of <c>ValidateVolumeMounts</c>: a name that is one of the pod's volumes, a unique mount path.</summary>
    private static IEnumerable<FieldError> ValidateVolumeMounts(IList<V1VolumeMount>? mounts, ISet<string> volumes, FieldPath path)
    {
        var list = mounts ?? [];
        var mountPoints = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = path.Index(i);
            var name = list[i].Name ?? "";
            var mountPath = list[i].MountPath ?? "";
            if (name.Length == 0)
            {
                yield return FieldError.Required(itemPath.Child("name"));
            }
            if (!volumes.Contains(name))
            {
                yield return new FieldError(FieldErrorType.NotFound, itemPath.Child("name"), name, "");
            }
            if (mountPath.Length == 0)
            {
                yield return FieldError.Required(itemPath.Child("mountPath"));
            }
            if (!mountPoints.Add(mountPath))
            {
                yield return FieldError.Invalid(itemPath.Child("mountPath"), mountPath, "must be unique");
            }
        }
    }

    /// <summary>Required when empty, NotSupported when not one of <paramref name="supported"/> (kept in kube-apiserver's order).</summary>
    internal static IEnumerable<FieldError> OneOf(string? value, string[] supported, FieldPath path)
    {
        if (string.IsNullOrEmpty(value))
        {
            yield return FieldError.Required(path);
        }
        else if (!supported.Contains(value))
        {
            yield return FieldError.NotSupported(path, value, supported);
        }
    }
}
