using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Ingresses;

/// <summary>
/// Compares an Ingress as KubeRpc returned it with the same object as KubernetesClient reads it, field by field,
/// written independently of the server's mapping so a mapping slip cannot hide itself.
/// </summary>
public static class IngressAssert
{
    public static void SameAs(V1Ingress expected, Ingress actual)
    {
        Metadata(expected.Metadata, actual.Metadata);
        var spec = expected.Spec;
        Assert.Equal(spec.IngressClassName, actual.Spec.HasIngressClassName ? actual.Spec.IngressClassName : null);
        Backend(spec.DefaultBackend, actual.Spec.DefaultBackend);
        Assert.Equal(spec.Tls?.Count ?? 0, actual.Spec.Tls.Count);
        for (var i = 0; i < actual.Spec.Tls.Count; i++)
        {
            Assert.Equal(spec.Tls![i].SecretName ?? "", actual.Spec.Tls[i].SecretName);
            Assert.Equal(spec.Tls[i].Hosts ?? [], actual.Spec.Tls[i].Hosts);
        }
        Assert.Equal(spec.Rules?.Count ?? 0, actual.Spec.Rules.Count);
        for (var i = 0; i < actual.Spec.Rules.Count; i++)
        {
            var rule = spec.Rules![i];
            Assert.Equal(rule.Host ?? "", actual.Spec.Rules[i].Host);
            var paths = actual.Spec.Rules[i].Http.Paths;
            Assert.Equal(rule.Http.Paths.Count, paths.Count);
            for (var p = 0; p < paths.Count; p++)
            {
                Assert.Equal(rule.Http.Paths[p].Path ?? "", paths[p].Path);
                Assert.Equal(rule.Http.Paths[p].PathType, PathTypeName(paths[p].PathType));
                Backend(rule.Http.Paths[p].Backend, paths[p].Backend);
            }
        }
        var lb = expected.Status?.LoadBalancer?.Ingress ?? [];
        var actualLb = actual.Status?.LoadBalancer?.Ingress ?? [];
        Assert.Equal(lb.Count, actualLb.Count);
        for (var i = 0; i < lb.Count; i++)
        {
            Assert.Equal(lb[i].Ip ?? "", actualLb[i].Ip);
            Assert.Equal(lb[i].Hostname ?? "", actualLb[i].Hostname);
            Assert.Equal(lb[i].Ports?.Select(p => (p.Port, p.Protocol, (string?)p.Error)) ?? [],
                actualLb[i].Ports.Select(p => (p.Port, ProtocolName(p.Protocol), p.HasError ? p.Error : null)));
        }
    }

    public static string PathTypeName(PathType type) => type switch
    {
        PathType.Exact => "Exact",
        PathType.Prefix => "Prefix",
        PathType.ImplementationSpecific => "ImplementationSpecific",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static string ProtocolName(Protocol protocol) => protocol switch
    {
        Protocol.Tcp => "TCP",
        Protocol.Udp => "UDP",
        Protocol.Sctp => "SCTP",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    private static void Metadata(V1ObjectMeta expected, ObjectMeta actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.NamespaceProperty, actual.Namespace);
        Assert.Equal(expected.Uid, actual.Uid);
        Assert.Equal(expected.ResourceVersion, actual.ResourceVersion);
        Assert.Equal(expected.Generation, actual.Generation);
        Assert.Equal(Utc(expected.CreationTimestamp), actual.CreationTimestamp?.ToDateTime());
        Assert.Equal(expected.Labels ?? new Dictionary<string, string>(), actual.Labels);
        Assert.Equal(expected.Annotations ?? new Dictionary<string, string>(), actual.Annotations);
        Assert.Equal(expected.Finalizers ?? [], actual.Finalizers);
        Assert.Equal(expected.ManagedFields?.Count ?? 0, actual.ManagedFields.Count);
        for (var i = 0; i < actual.ManagedFields.Count; i++)
        {
            var entry = expected.ManagedFields![i];
            var got = actual.ManagedFields[i];
            Assert.Equal((entry.Manager, entry.Operation, entry.ApiVersion, entry.FieldsType, entry.Subresource ?? ""),
                (got.Manager, got.Operation, got.ApiVersion, got.FieldsType, got.Subresource));
            Assert.Equal(Utc(entry.Time), got.Time?.ToDateTime());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(entry.FieldsV1)), JsonNode.Parse(got.FieldsV1)),
                $"fieldsV1 of {entry.Manager} differs: {got.FieldsV1}");
        }
    }

    private static void Backend(V1IngressBackend? expected, IngressBackend? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.Service?.Name, actual.Service?.Name);
        Assert.Equal(expected.Service?.Port?.Name ?? "", actual.Service?.Port?.Name ?? "");
        Assert.Equal(expected.Service?.Port?.Number ?? 0, actual.Service?.Port?.Number ?? 0);
        Assert.Equal(expected.Resource is null, actual.Resource is null);
        if (expected.Resource is { } resource && actual.Resource is { } got)
        {
            Assert.Equal(resource.ApiGroup, got.HasApiGroup ? got.ApiGroup : null);
            Assert.Equal((resource.Kind, resource.Name), (got.Kind, got.Name));
        }
    }

    // KubernetesClient may hand back an unspecified-kind DateTime; the API server's times are UTC.
    private static DateTime? Utc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        { } t => t.ToUniversalTime(),
    };

    /// <summary>The JSON of a KubernetesClient object, for whole-document checks.</summary>
    public static JsonNode Json(object value) => JsonNode.Parse(KubernetesJson.Serialize(value))!;
}
