using k8s.Models;
using KubeRpc.V1;
using static KubeRpc.Server.Mapping.ValueMapping;

namespace KubeRpc.Server.Mapping;

/// <summary>
/// A networking.k8s.io/v1 Ingress and its spec (TLS, host rules, paths) both ways, with the same rules as
/// <see cref="ServiceMapping"/>. Backends are in <see cref="IngressBackendMapping"/>, status in
/// <see cref="IngressStatusMapping"/>.
/// </summary>
internal static class IngressMapping
{
    public const string ApiVersion = "networking.k8s.io/v1";
    public const string Kind = "Ingress";

    /// <param name="ingress">The proto Ingress.</param>
    /// <param name="field">Its proto field path, for errors: the request field, <c>ingress</c>.</param>
    public static V1Ingress ToKubernetes(Ingress ingress, string field = "ingress")
    {
        ArgumentNullException.ThrowIfNull(ingress);
        return new V1Ingress
        {
            ApiVersion = ApiVersion,
            Kind = Kind,
            Metadata = ObjectMetaMapping.ToKubernetes(ingress.Metadata, field + ".metadata"),
            Spec = ingress.Spec is null ? null : ToKubernetes(ingress.Spec, field + ".spec"),
            Status = ingress.Status is null ? null : IngressStatusMapping.ToKubernetes(ingress.Status, field + ".status"),
        };
    }

    public static Ingress ToProto(V1Ingress ingress)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        return new Ingress
        {
            Metadata = ObjectMetaMapping.ToProto(ingress.Metadata),
            Spec = ingress.Spec is null ? null : ToProto(ingress.Spec),
            Status = ingress.Status is null ? null : IngressStatusMapping.ToProto(ingress.Status),
        };
    }

    public static V1IngressSpec ToKubernetes(IngressSpec spec, string field) => new()
    {
        IngressClassName = spec.HasIngressClassName ? spec.IngressClassName : null,
        DefaultBackend = IngressBackendMapping.ToKubernetes(spec.DefaultBackend),
        Tls = ListOrNull(spec.Tls, (tls, _) => new V1IngressTLS
        {
            Hosts = ListOrNull(tls.Hosts),
            SecretName = NullIfEmpty(tls.SecretName),
        }),
        Rules = ListOrNull(spec.Rules, (rule, i) => ToKubernetes(rule, $"{field}.rules[{i}]")),
    };

    public static IngressSpec ToProto(V1IngressSpec spec)
    {
        var proto = new IngressSpec { DefaultBackend = IngressBackendMapping.ToProto(spec.DefaultBackend) };
        if (spec.IngressClassName is { } className)
        {
            proto.IngressClassName = className;
        }
        AddAll(proto.Tls, spec.Tls, tls =>
        {
            var protoTls = new IngressTLS { SecretName = tls?.SecretName ?? "" };
            AddAll(protoTls.Hosts, tls?.Hosts);
            return protoTls;
        });
        AddAll(proto.Rules, spec.Rules, r => r is null ? new IngressRule() : ToProto(r));
        return proto;
    }

    public static V1IngressRule ToKubernetes(IngressRule rule, string field) => new()
    {
        Host = NullIfEmpty(rule.Host),
        Http = rule.Http is null ? null : new V1HTTPIngressRuleValue
        {
            Paths = ListOrNull(rule.Http.Paths, (path, i) => ToKubernetes(path, $"{field}.http.paths[{i}]")),
        },
    };

    public static IngressRule ToProto(V1IngressRule rule)
    {
        var proto = new IngressRule { Host = rule.Host ?? "" };
        if (rule.Http is { } http)
        {
            proto.Http = new HTTPIngressRuleValue();
            AddAll(proto.Http.Paths, http.Paths, p => p is null ? new HTTPIngressPath() : ToProto(p));
        }
        return proto;
    }

    public static V1HTTPIngressPath ToKubernetes(HTTPIngressPath path, string field) => new()
    {
        Path = NullIfEmpty(path.Path),
        PathType = EnumMapping.ToKubernetes(path.PathType, field + ".path_type"),
        Backend = IngressBackendMapping.ToKubernetes(path.Backend),
    };

    public static HTTPIngressPath ToProto(V1HTTPIngressPath path) => new()
    {
        Path = path.Path ?? "",
        PathType = EnumMapping.ToPathType(path.PathType),
        Backend = IngressBackendMapping.ToProto(path.Backend),
    };
}
