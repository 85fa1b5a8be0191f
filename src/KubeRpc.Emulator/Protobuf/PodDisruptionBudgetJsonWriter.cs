using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>JSON of the policy/v1 PodDisruptionBudget, members in the order and with the omissions of Go's JSON.</summary>
internal static class PodDisruptionBudgetJsonWriter
{
    /// <summary>A PodDisruptionBudget; <c>spec</c> and <c>status</c> are structs, so always written.</summary>
    public static void PodDisruptionBudget(JsonObject o, PodDisruptionBudget budget)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(budget.Metadata);
        var spec = budget.Spec ?? new PodDisruptionBudgetSpec();
        var specJson = new JsonObject();
        if (spec.MinAvailable is { } minAvailable)
        {
            specJson["minAvailable"] = GoJson.IntOrString(minAvailable);
        }
        if (spec.Selector is { } selector)
        {
            specJson["selector"] = MetaJsonWriter.LabelSelector(selector);
        }
        if (spec.MaxUnavailable is { } maxUnavailable)
        {
            specJson["maxUnavailable"] = GoJson.IntOrString(maxUnavailable);
        }
        GoJson.OptionalString(specJson, "unhealthyPodEvictionPolicy", spec.HasUnhealthyPodEvictionPolicy, spec.UnhealthyPodEvictionPolicy);
        o["spec"] = specJson;
        o["status"] = Status(budget.Status ?? new PodDisruptionBudgetStatus());
    }

    /// <summary>The four counts have no <c>omitempty</c>: Go writes them even when 0.</summary>
    private static JsonObject Status(PodDisruptionBudgetStatus status)
    {
        var o = new JsonObject();
        GoJson.Number(o, "observedGeneration", status.ObservedGeneration);
        if (status.DisruptedPods.Count > 0)
        {
            var pods = new JsonObject();
            foreach (var (name, time) in status.DisruptedPods.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                pods[name] = GoJson.Time(time);
            }
            o["disruptedPods"] = pods;
        }
        o["disruptionsAllowed"] = status.DisruptionsAllowed;
        o["currentHealthy"] = status.CurrentHealthy;
        o["desiredHealthy"] = status.DesiredHealthy;
        o["expectedPods"] = status.ExpectedPods;
        GoJson.Objects(o, "conditions", status.Conditions, MetaJsonWriter.Condition);
        return o;
    }
}
