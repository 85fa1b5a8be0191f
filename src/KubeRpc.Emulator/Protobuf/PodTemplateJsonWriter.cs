using System.Text.Json.Nodes;
using Google.Protobuf.Collections;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>
/// JSON of the core/v1 PodTemplateSpec a Deployment embeds, members in the order and with the omissions of Go's JSON.
/// Only the fields of Wire/pod.proto are here; a body with any other is refused before this runs (<see cref="UnmodelledFields"/>).
/// </summary>
internal static class PodTemplateJsonWriter
{
    /// <summary>A template: <c>metadata</c> and <c>spec</c> are structs, so always written.</summary>
    public static JsonObject PodTemplateSpec(PodTemplateSpec template) => new()
    {
        ["metadata"] = MetaJsonWriter.ObjectMeta(template.Metadata),
        ["spec"] = PodSpec(template.Spec ?? new PodSpec()),
    };

    /// <summary>A Pod (kubectl run): <c>spec</c> and <c>status</c> are structs, so always written; status as the empty one.</summary>
    public static void Pod(JsonObject o, Pod pod)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(pod.Metadata);
        o["spec"] = PodSpec(pod.Spec ?? new PodSpec());
        o["status"] = new JsonObject();
    }

    private static JsonObject PodSpec(PodSpec spec)
    {
        var o = new JsonObject();
        GoJson.Objects(o, "initContainers", spec.InitContainers, Container);
        // containers has no omitempty: an empty list is Go's nil slice, written as null.
        o["containers"] = spec.Containers.Count == 0 ? null : new JsonArray([.. spec.Containers.Select(c => (JsonNode)Container(c))]);
        GoJson.String(o, "restartPolicy", spec.RestartPolicy);
        GoJson.OptionalNumber(o, "terminationGracePeriodSeconds", spec.HasTerminationGracePeriodSeconds, spec.TerminationGracePeriodSeconds);
        GoJson.OptionalNumber(o, "activeDeadlineSeconds", spec.HasActiveDeadlineSeconds, spec.ActiveDeadlineSeconds);
        GoJson.String(o, "dnsPolicy", spec.DnsPolicy);
        GoJson.StringMap(o, "nodeSelector", spec.NodeSelector);
        GoJson.String(o, "serviceAccountName", spec.ServiceAccountName);
        GoJson.String(o, "serviceAccount", spec.ServiceAccount);
        GoJson.OptionalBool(o, "automountServiceAccountToken", spec.HasAutomountServiceAccountToken, spec.AutomountServiceAccountToken);
        GoJson.String(o, "nodeName", spec.NodeName);
        GoJson.Bool(o, "hostNetwork", spec.HostNetwork);
        GoJson.Bool(o, "hostPID", spec.HostPid);
        GoJson.Bool(o, "hostIPC", spec.HostIpc);
        GoJson.OptionalBool(o, "shareProcessNamespace", spec.HasShareProcessNamespace, spec.ShareProcessNamespace);
        GoJson.Objects(o, "imagePullSecrets", spec.ImagePullSecrets, reference =>
        {
            var r = new JsonObject();
            GoJson.String(r, "name", reference.Name);
            return r;
        });
        GoJson.String(o, "hostname", spec.Hostname);
        GoJson.String(o, "subdomain", spec.Subdomain);
        GoJson.String(o, "schedulerName", spec.SchedulerName);
        GoJson.String(o, "priorityClassName", spec.PriorityClassName);
        GoJson.OptionalNumber(o, "priority", spec.HasPriority, spec.Priority);
        GoJson.OptionalString(o, "runtimeClassName", spec.HasRuntimeClassName, spec.RuntimeClassName);
        GoJson.OptionalBool(o, "enableServiceLinks", spec.HasEnableServiceLinks, spec.EnableServiceLinks);
        GoJson.OptionalString(o, "preemptionPolicy", spec.HasPreemptionPolicy, spec.PreemptionPolicy);
        GoJson.OptionalBool(o, "setHostnameAsFQDN", spec.HasSetHostnameAsFqdn, spec.SetHostnameAsFqdn);
        GoJson.OptionalBool(o, "hostUsers", spec.HasHostUsers, spec.HostUsers);
        return o;
    }

    /// <summary>A container: <c>name</c> has no omitempty and <c>resources</c> is a struct, so both are always written.</summary>
    private static JsonObject Container(Container container)
    {
        var o = new JsonObject { ["name"] = container.Name };
        GoJson.String(o, "image", container.Image);
        GoJson.Strings(o, "command", container.Command);
        GoJson.Strings(o, "args", container.Args);
        GoJson.String(o, "workingDir", container.WorkingDir);
        GoJson.Objects(o, "ports", container.Ports, port =>
        {
            var p = new JsonObject();
            GoJson.String(p, "name", port.Name);
            GoJson.Number(p, "hostPort", port.HostPort);
            p["containerPort"] = port.ContainerPort_;
            GoJson.String(p, "protocol", port.Protocol);
            GoJson.String(p, "hostIP", port.HostIp);
            return p;
        });
        GoJson.Objects(o, "env", container.Env, env =>
        {
            var e = new JsonObject { ["name"] = env.Name };
            GoJson.String(e, "value", env.Value);
            return e;
        });
        o["resources"] = Resources(container.Resources ?? new ResourceRequirements());
        GoJson.OptionalString(o, "restartPolicy", container.HasRestartPolicy, container.RestartPolicy);
        GoJson.Objects(o, "volumeMounts", container.VolumeMounts, mount =>
        {
            var m = new JsonObject { ["name"] = mount.Name };
            GoJson.Bool(m, "readOnly", mount.ReadOnly);
            GoJson.OptionalString(m, "recursiveReadOnly", mount.HasRecursiveReadOnly, mount.RecursiveReadOnly);
            m["mountPath"] = mount.MountPath;
            GoJson.String(m, "subPath", mount.SubPath);
            GoJson.OptionalString(m, "mountPropagation", mount.HasMountPropagation, mount.MountPropagation);
            GoJson.String(m, "subPathExpr", mount.SubPathExpr);
            return m;
        });
        GoJson.String(o, "terminationMessagePath", container.TerminationMessagePath);
        GoJson.String(o, "terminationMessagePolicy", container.TerminationMessagePolicy);
        GoJson.String(o, "imagePullPolicy", container.ImagePullPolicy);
        GoJson.Bool(o, "stdin", container.Stdin);
        GoJson.Bool(o, "stdinOnce", container.StdinOnce);
        GoJson.Bool(o, "tty", container.Tty);
        return o;
    }

    private static JsonObject Resources(ResourceRequirements resources)
    {
        var o = new JsonObject();
        Quantities(o, "limits", resources.Limits);
        Quantities(o, "requests", resources.Requests);
        GoJson.Objects(o, "claims", resources.Claims, claim =>
        {
            var c = new JsonObject { ["name"] = claim.Name };
            GoJson.String(c, "request", claim.Request);
            return c;
        });
        return o;
    }

    /// <summary>A <c>ResourceList</c> with <c>omitempty</c>: each quantity as its canonical text, keys sorted.</summary>
    private static void Quantities(JsonObject o, string name, MapField<string, Quantity> map)
    {
        if (map.Count == 0)
        {
            return;
        }
        var result = new JsonObject();
        foreach (var (key, quantity) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            result[key] = quantity?.String ?? "";
        }
        o[name] = result;
    }
}
