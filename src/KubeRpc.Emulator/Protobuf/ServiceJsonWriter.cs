using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>JSON of the core/v1 Service, members in the order and with the omissions of Go's JSON.</summary>
internal static class ServiceJsonWriter
{
    /// <summary>A Service; <c>spec</c>, <c>status</c> and <c>status.loadBalancer</c> are structs, so always written.</summary>
    public static void Service(JsonObject o, Service service)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(service.Metadata);
        o["spec"] = Spec(service.Spec ?? new ServiceSpec());
        var status = new JsonObject { ["loadBalancer"] = LoadBalancerStatus(service.Status?.LoadBalancer) };
        GoJson.Objects(status, "conditions", service.Status?.Conditions ?? [], MetaJsonWriter.Condition);
        o["status"] = status;
    }

    private static JsonObject Spec(ServiceSpec spec)
    {
        var o = new JsonObject();
        GoJson.Objects(o, "ports", spec.Ports, Port);
        GoJson.StringMap(o, "selector", spec.Selector);
        GoJson.String(o, "clusterIP", spec.ClusterIp);
        GoJson.Strings(o, "clusterIPs", spec.ClusterIps);
        GoJson.String(o, "type", spec.Type);
        GoJson.Strings(o, "externalIPs", spec.ExternalIps);
        GoJson.String(o, "sessionAffinity", spec.SessionAffinity);
        GoJson.String(o, "loadBalancerIP", spec.LoadBalancerIp);
        GoJson.Strings(o, "loadBalancerSourceRanges", spec.LoadBalancerSourceRanges);
        GoJson.String(o, "externalName", spec.ExternalName);
        GoJson.String(o, "externalTrafficPolicy", spec.ExternalTrafficPolicy);
        GoJson.Number(o, "healthCheckNodePort", spec.HealthCheckNodePort);
        GoJson.Bool(o, "publishNotReadyAddresses", spec.PublishNotReadyAddresses);
        if (spec.SessionAffinityConfig is { } affinity)
        {
            var config = new JsonObject();
            if (affinity.ClientIp is { } clientIp)
            {
                var clientIpJson = new JsonObject();
                GoJson.OptionalNumber(clientIpJson, "timeoutSeconds", clientIp.HasTimeoutSeconds, clientIp.TimeoutSeconds);
                config["clientIP"] = clientIpJson;
            }

            o["sessionAffinityConfig"] = config;
        }

        GoJson.Strings(o, "ipFamilies", spec.IpFamilies);
        GoJson.OptionalString(o, "ipFamilyPolicy", spec.HasIpFamilyPolicy, spec.IpFamilyPolicy);
        GoJson.OptionalBool(o, "allocateLoadBalancerNodePorts", spec.HasAllocateLoadBalancerNodePorts, spec.AllocateLoadBalancerNodePorts);
        GoJson.OptionalString(o, "loadBalancerClass", spec.HasLoadBalancerClass, spec.LoadBalancerClass);
        GoJson.OptionalString(o, "internalTrafficPolicy", spec.HasInternalTrafficPolicy, spec.InternalTrafficPolicy);
        GoJson.OptionalString(o, "trafficDistribution", spec.HasTrafficDistribution, spec.TrafficDistribution);
        return o;
    }

    /// <summary>A port: <c>port</c> and <c>targetPort</c> have no <c>omitempty</c> (an unset target is 0).</summary>
    private static JsonObject Port(ServicePort port)
    {
        var o = new JsonObject();
        GoJson.String(o, "name", port.Name);
        GoJson.String(o, "protocol", port.Protocol);
        GoJson.OptionalString(o, "appProtocol", port.HasAppProtocol, port.AppProtocol);
        o["port"] = port.Port;
        o["targetPort"] = GoJson.IntOrString(port.TargetPort);
        GoJson.Number(o, "nodePort", port.NodePort);
        return o;
    }

    private static JsonObject LoadBalancerStatus(LoadBalancerStatus? status)
    {
        var o = new JsonObject();
        GoJson.Objects(o, "ingress", status?.Ingress ?? [], ingress =>
        {
            var i = new JsonObject();
            GoJson.String(i, "ip", ingress.Ip);
            GoJson.String(i, "hostname", ingress.Hostname);
            GoJson.OptionalString(i, "ipMode", ingress.HasIpMode, ingress.IpMode);
            GoJson.Objects(i, "ports", ingress.Ports, PortStatus);
            return i;
        });
        return o;
    }

    private static JsonObject PortStatus(PortStatus status)
    {
        var o = new JsonObject { ["port"] = status.Port, ["protocol"] = status.Protocol };
        GoJson.OptionalString(o, "error", status.HasError, status.Error);
        return o;
    }
}
