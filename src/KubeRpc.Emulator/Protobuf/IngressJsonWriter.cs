using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>JSON of the networking/v1 Ingress, members in the order and with the omissions of Go's JSON.</summary>
internal static class IngressJsonWriter
{
    /// <summary>An Ingress; <c>spec</c>, <c>status</c> and <c>status.loadBalancer</c> are structs, so always written.</summary>
    public static void Ingress(JsonObject o, Ingress ingress)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(ingress.Metadata);
        o["spec"] = Spec(ingress.Spec ?? new IngressSpec());
        var loadBalancer = new JsonObject();
        GoJson.Objects(loadBalancer, "ingress", ingress.Status?.LoadBalancer?.Ingress ?? [], LoadBalancerIngress);
        o["status"] = new JsonObject { ["loadBalancer"] = loadBalancer };
    }

    private static JsonObject Spec(IngressSpec spec)
    {
        var o = new JsonObject();
        GoJson.OptionalString(o, "ingressClassName", spec.HasIngressClassName, spec.IngressClassName);
        if (spec.DefaultBackend is { } defaultBackend)
        {
            o["defaultBackend"] = Backend(defaultBackend);
        }

        GoJson.Objects(o, "tls", spec.Tls, tls =>
        {
            var t = new JsonObject();
            GoJson.Strings(t, "hosts", tls.Hosts);
            GoJson.String(t, "secretName", tls.SecretName);
            return t;
        });
        GoJson.Objects(o, "rules", spec.Rules, Rule);
        return o;
    }

    /// <summary>A rule; Go inlines <c>IngressRuleValue</c>, so <c>http</c> sits beside <c>host</c>.</summary>
    private static JsonObject Rule(IngressRule rule)
    {
        var o = new JsonObject();
        GoJson.String(o, "host", rule.Host);
        if (rule.IngressRuleValue?.Http is { } http)
        {
            // paths has no omitempty: an empty list is Go's nil slice, written as null.
            o["http"] = new JsonObject
            {
                ["paths"] = http.Paths.Count == 0 ? null : new JsonArray(http.Paths.Select(p => (JsonNode?)Path(p)).ToArray()),
            };
        }

        return o;
    }

    /// <summary>A path: <c>pathType</c> is a pointer without omitempty (null when unset), <c>backend</c> a struct.</summary>
    private static JsonObject Path(HTTPIngressPath path)
    {
        var o = new JsonObject();
        GoJson.String(o, "path", path.Path);
        o["pathType"] = path.HasPathType ? path.PathType : null;
        o["backend"] = Backend(path.Backend ?? new IngressBackend());
        return o;
    }

    private static JsonObject Backend(IngressBackend backend)
    {
        var o = new JsonObject();
        if (backend.Service is { } service)
        {
            var port = new JsonObject();
            GoJson.String(port, "name", service.Port?.Name ?? "");
            GoJson.Number(port, "number", service.Port?.Number ?? 0);
            o["service"] = new JsonObject { ["name"] = service.Name, ["port"] = port };
        }

        if (backend.Resource is { } resource)
        {
            o["resource"] = new JsonObject
            {
                ["apiGroup"] = resource.HasApiGroup ? resource.ApiGroup : null,
                ["kind"] = resource.Kind,
                ["name"] = resource.Name,
            };
        }

        return o;
    }

    private static JsonObject LoadBalancerIngress(IngressLoadBalancerIngress ingress)
    {
        var o = new JsonObject();
        GoJson.String(o, "ip", ingress.Ip);
        GoJson.String(o, "hostname", ingress.Hostname);
        GoJson.Objects(o, "ports", ingress.Ports, status =>
        {
            var p = new JsonObject { ["port"] = status.Port, ["protocol"] = status.Protocol };
            GoJson.OptionalString(p, "error", status.HasError, status.Error);
            return p;
        });
        return o;
    }
}
