using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>JSON of the apps/v1 Deployment, members in the order and with the omissions of Go's JSON.</summary>
internal static class DeploymentJsonWriter
{
    /// <summary>A Deployment; <c>spec</c> and <c>status</c> are structs, so always written.</summary>
    public static void Deployment(JsonObject o, Deployment deployment)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(deployment.Metadata);
        o["spec"] = Spec(deployment.Spec ?? new DeploymentSpec());
        o["status"] = Status(deployment.Status ?? new DeploymentStatus());
    }

    /// <summary>The spec: <c>selector</c> is a pointer without omitempty (null when unset); template and strategy are structs.</summary>
    private static JsonObject Spec(DeploymentSpec spec)
    {
        var o = new JsonObject();
        GoJson.OptionalNumber(o, "replicas", spec.HasReplicas, spec.Replicas);
        o["selector"] = spec.Selector is { } selector ? MetaJsonWriter.LabelSelector(selector) : null;
        o["template"] = PodTemplateJsonWriter.PodTemplateSpec(spec.Template ?? new PodTemplateSpec());
        var strategy = spec.Strategy ?? new DeploymentStrategy();
        var strategyJson = new JsonObject();
        GoJson.String(strategyJson, "type", strategy.Type);
        if (strategy.RollingUpdate is { } rolling)
        {
            var rollingJson = new JsonObject();
            if (rolling.MaxUnavailable is { } maxUnavailable)
            {
                rollingJson["maxUnavailable"] = GoJson.IntOrString(maxUnavailable);
            }
            if (rolling.MaxSurge is { } maxSurge)
            {
                rollingJson["maxSurge"] = GoJson.IntOrString(maxSurge);
            }
            strategyJson["rollingUpdate"] = rollingJson;
        }
        o["strategy"] = strategyJson;
        GoJson.Number(o, "minReadySeconds", spec.MinReadySeconds);
        GoJson.OptionalNumber(o, "revisionHistoryLimit", spec.HasRevisionHistoryLimit, spec.RevisionHistoryLimit);
        GoJson.Bool(o, "paused", spec.Paused);
        GoJson.OptionalNumber(o, "progressDeadlineSeconds", spec.HasProgressDeadlineSeconds, spec.ProgressDeadlineSeconds);
        return o;
    }

    private static JsonObject Status(DeploymentStatus status)
    {
        var o = new JsonObject();
        GoJson.Number(o, "observedGeneration", status.ObservedGeneration);
        GoJson.Number(o, "replicas", status.Replicas);
        GoJson.Number(o, "updatedReplicas", status.UpdatedReplicas);
        GoJson.Number(o, "readyReplicas", status.ReadyReplicas);
        GoJson.Number(o, "availableReplicas", status.AvailableReplicas);
        GoJson.Number(o, "unavailableReplicas", status.UnavailableReplicas);
        GoJson.Objects(o, "conditions", status.Conditions, condition =>
        {
            var c = new JsonObject
            {
                ["type"] = condition.Type,
                ["status"] = condition.Status,
                // metav1.Time structs: omitempty never drops them, the zero time is null.
                ["lastUpdateTime"] = GoJson.Time(condition.LastUpdateTime),
                ["lastTransitionTime"] = GoJson.Time(condition.LastTransitionTime),
            };
            GoJson.String(c, "reason", condition.Reason);
            GoJson.String(c, "message", condition.Message);
            return c;
        });
        GoJson.OptionalNumber(o, "collisionCount", status.HasCollisionCount, status.CollisionCount);
        return o;
    }
}
