using System.Text.Json;
using k8s.Models;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Api;

/// <summary>Writes <c>Status</c> objects with kube-apiserver's field order and omitempty rules.</summary>
internal static class StatusBodies
{
    public static byte[] Failure(ApiException e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Http.JsonBodies.WriterOptions))
        {
            WriteFailure(w, e);
        }
        return buffer.ToArray();
    }

    public static void WriteFailure(Utf8JsonWriter w, ApiException e)
    {
        w.WriteStartObject();
        w.WriteString("kind", "Status");
        w.WriteString("apiVersion", "v1");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteString("status", "Failure");
        w.WriteString("message", e.Message);
        if (e.Reason.Length > 0)
        {
            w.WriteString("reason", e.Reason);
        }
        if (e.Details is { } d)
        {
            WriteDetails(w, d);
        }
        w.WriteNumber("code", e.Code);
        w.WriteEndObject();
    }

    /// <summary>The Success Status a DELETE of a Secret, Ingress or IngressClass answers with.</summary>
    public static byte[] DeleteSuccess(ResourceType type, V1ObjectMeta meta)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Http.JsonBodies.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("kind", "Status");
            w.WriteString("apiVersion", "v1");
            w.WriteStartObject("metadata");
            w.WriteEndObject();
            w.WriteString("status", "Success");
            WriteDetails(w, new StatusDetailsInfo(meta.Name, type.Group.Length == 0 ? null : type.Group, type.Plural, meta.Uid, null));
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteDetails(Utf8JsonWriter w, StatusDetailsInfo d)
    {
        w.WriteStartObject("details");
        WriteIfSet(w, "name", d.Name);
        WriteIfSet(w, "group", d.Group);
        WriteIfSet(w, "kind", d.Kind);
        WriteIfSet(w, "uid", d.Uid);
        if (d.Causes is { Count: > 0 } causes)
        {
            w.WriteStartArray("causes");
            foreach (var c in causes)
            {
                w.WriteStartObject();
                WriteIfSet(w, "reason", c.Reason);
                WriteIfSet(w, "message", c.Message);
                WriteIfSet(w, "field", c.Field);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (d.RetryAfterSeconds is { } retry)
        {
            w.WriteNumber("retryAfterSeconds", retry);
        }
        w.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }
}
