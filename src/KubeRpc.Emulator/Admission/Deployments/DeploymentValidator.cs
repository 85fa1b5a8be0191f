using k8s.Models;
using KubeRpc.Emulator.Admission.PodTemplates;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Emulator.Selection;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Deployments;

/// <summary>
/// <c>ValidateDeployment</c>, <c>ValidateDeploymentUpdate</c> and <c>ValidateDeploymentStatusUpdate</c> of k/k
/// <c>pkg/apis/apps/validation/validation.go</c> (release-1.32), with the selector immutability that
/// <c>pkg/registry/apps/deployment/strategy.go</c> adds for apps/v1.
/// </summary>
internal static class DeploymentValidator
{
    private static readonly FieldPath Metadata = new("metadata");
    private static readonly FieldPath Spec = new("spec");
    private static readonly FieldPath Status = new("status");
    private static readonly string[] StrategyTypes = ["Recreate", "RollingUpdate"];

    public static List<FieldError> Validate(V1Deployment deployment, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errs = ObjectMetaValidator.ValidateObjectMeta(deployment.Metadata ?? new V1ObjectMeta(), true, nameFn, Metadata, coreFinalizerNames: true);
        errs.AddRange(ValidateSpec(deployment.Spec ?? new V1DeploymentSpec()));
        return errs;
    }

    public static List<FieldError> ValidateUpdate(V1Deployment deployment, V1Deployment old)
    {
        var errs = ObjectMetaValidator.ValidateObjectMetaUpdate(deployment.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        var spec = deployment.Spec ?? new V1DeploymentSpec();
        errs.AddRange(ValidateSpec(spec));
        var selector = spec.Selector;
        if (!SemanticSelectorEqual(selector, old.Spec?.Selector))
        {
            errs.Add(FieldError.Invalid(Spec.Child("selector"), selector is null ? null : GoStructs.LabelSelector(selector), ValidationMessages.FieldImmutable));
        }
        return errs;
    }

    public static List<FieldError> ValidateStatusUpdate(V1Deployment deployment, V1Deployment old)
    {
        var errs = ObjectMetaValidator.ValidateObjectMetaUpdate(deployment.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        var status = deployment.Status ?? new V1DeploymentStatus();
        errs.AddRange(NonNegative(status.ObservedGeneration ?? 0, Status.Child("observedGeneration")));
        errs.AddRange(NonNegative(status.Replicas ?? 0, Status.Child("replicas")));
        errs.AddRange(NonNegative(status.UpdatedReplicas ?? 0, Status.Child("updatedReplicas")));
        errs.AddRange(NonNegative(status.ReadyReplicas ?? 0, Status.Child("readyReplicas")));
        errs.AddRange(NonNegative(status.AvailableReplicas ?? 0, Status.Child("availableReplicas")));
        errs.AddRange(NonNegative(status.UnavailableReplicas ?? 0, Status.Child("unavailableReplicas")));
        if (status.CollisionCount is { } collisions)
        {
            errs.AddRange(NonNegative(collisions, Status.Child("collisionCount")));
        }
        const string MoreThanReplicas = "cannot be greater than status.replicas";
        var replicas = status.Replicas ?? 0;
        if ((status.UpdatedReplicas ?? 0) > replicas)
        {
            errs.Add(FieldError.Invalid(Status.Child("updatedReplicas"), (long)status.UpdatedReplicas!.Value, MoreThanReplicas));
        }
        if ((status.ReadyReplicas ?? 0) > replicas)
        {
            errs.Add(FieldError.Invalid(Status.Child("readyReplicas"), (long)status.ReadyReplicas!.Value, MoreThanReplicas));
        }
        if ((status.AvailableReplicas ?? 0) > replicas)
        {
            errs.Add(FieldError.Invalid(Status.Child("availableReplicas"), (long)status.AvailableReplicas!.Value, MoreThanReplicas));
        }
        if ((status.AvailableReplicas ?? 0) > (status.ReadyReplicas ?? 0))
        {
            errs.Add(FieldError.Invalid(Status.Child("availableReplicas"), (long)status.AvailableReplicas!.Value, "cannot be greater than readyReplicas"));
        }
        if ((old.Status?.CollisionCount ?? 0) > (status.CollisionCount ?? 0) && old.Status?.CollisionCount is not null)
        {
            errs.Add(FieldError.Invalid(Status.Child("collisionCount"), (long)(status.CollisionCount ?? 0), "cannot be decremented"));
        }
        return errs;
    }

    private static List<FieldError> ValidateSpec(V1DeploymentSpec spec)
    {
        var errs = NonNegative(spec.Replicas ?? 0, Spec.Child("replicas")).ToList();
        var selectorPath = Spec.Child("selector");
        if (spec.Selector is null)
        {
            errs.Add(FieldError.Required(selectorPath));
        }
        else
        {
            errs.AddRange(LabelSelectorValidator.Validate(spec.Selector, selectorPath));
            if ((spec.Selector.MatchLabels?.Count ?? 0) + (spec.Selector.MatchExpressions?.Count ?? 0) == 0)
            {
                errs.Add(FieldError.Invalid(selectorPath, GoStructs.LabelSelector(spec.Selector), "empty selector is invalid for deployment"));
            }
        }
        var template = spec.Template ?? new V1PodTemplateSpec();
        var templatePath = Spec.Child("template");
        var matches = ModelSelectors.Matches(spec.Selector, template.Metadata?.Labels);
        if (matches is null)
        {
            errs.Add(FieldError.Invalid(selectorPath, spec.Selector is null ? null : GoStructs.LabelSelector(spec.Selector), "invalid label selector"));
        }
        else
        {
            errs.AddRange(ValidateTemplate(spec, template, matches.Value, templatePath));
        }
        errs.AddRange(ValidateStrategy(spec.Strategy ?? new V1DeploymentStrategy(), Spec.Child("strategy")));
        errs.AddRange(NonNegative(spec.MinReadySeconds ?? 0, Spec.Child("minReadySeconds")));
        if (spec.RevisionHistoryLimit is { } limit)
        {
            errs.AddRange(NonNegative(limit, Spec.Child("revisionHistoryLimit")));
        }
        if (spec.ProgressDeadlineSeconds is { } deadline)
        {
            errs.AddRange(NonNegative(deadline, Spec.Child("progressDeadlineSeconds")));
            if (deadline <= (spec.MinReadySeconds ?? 0))
            {
                errs.Add(FieldError.Invalid(Spec.Child("progressDeadlineSeconds"), (long)deadline, "must be greater than minReadySeconds"));
            }
        }
        return errs;
    }

    /// <summary>
    /// <c>ValidatePodTemplateSpecForReplicaSet</c>: the selector must select the template (a missing selector selects
    /// nothing, so it fails here too), the template must be valid, and its pods must restart Always.
    /// </summary>
    private static IEnumerable<FieldError> ValidateTemplate(V1DeploymentSpec spec, V1PodTemplateSpec template, bool selected, FieldPath path)
    {
        var selectsEverything = spec.Selector is not null && (spec.Selector.MatchLabels?.Count ?? 0) + (spec.Selector.MatchExpressions?.Count ?? 0) == 0;
        if (!selectsEverything && !selected)
        {
            yield return FieldError.Invalid(path.Child("metadata").Child("labels"), GoStructs.StringMap(template.Metadata?.Labels),
                "`selector` does not match template `labels`");
        }
        foreach (var error in PodTemplateValidator.Validate(template, path))
        {
            yield return error;
        }
        var podSpec = template.Spec ?? new V1PodSpec();
        if (podSpec.RestartPolicy != "Always")
        {
            yield return FieldError.NotSupported(path.Child("spec").Child("restartPolicy"), podSpec.RestartPolicy ?? "", ["Always"]);
        }
        if (podSpec.ActiveDeadlineSeconds is not null)
        {
            yield return FieldError.Forbidden(path.Child("spec").Child("activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicaSet is not Supported");
        }
    }

    /// <summary><c>ValidateDeploymentStrategy</c> and <c>ValidateRollingUpdateDeployment</c>.</summary>
    private static IEnumerable<FieldError> ValidateStrategy(V1DeploymentStrategy strategy, FieldPath path)
    {
        switch (strategy.Type)
        {
            case "Recreate":
                if (strategy.RollingUpdate is not null)
                {
                    yield return FieldError.Forbidden(path.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
                }
                break;
            case "RollingUpdate":
                if (strategy.RollingUpdate is not { } rolling)
                {
                    yield return FieldError.Required(path.Child("rollingUpdate"), "this should be defaulted and never be nil");
                    break;
                }
                var rollingPath = path.Child("rollingUpdate");
                var maxUnavailable = rolling.MaxUnavailable ?? "0";
                var maxSurge = rolling.MaxSurge ?? "0";
                foreach (var error in IntOrStrings.ValidatePositiveIntOrPercent(maxUnavailable, rollingPath.Child("maxUnavailable"))
                    .Concat(IntOrStrings.ValidatePositiveIntOrPercent(maxSurge, rollingPath.Child("maxSurge"))))
                {
                    yield return error;
                }
                if (IntOrStrings.IntOrPercentValue(maxUnavailable) == 0 && IntOrStrings.IntOrPercentValue(maxSurge) == 0)
                {
                    yield return FieldError.Invalid(rollingPath.Child("maxUnavailable"), GoStructs.IntOrString(maxUnavailable), "may not be 0 when `maxSurge` is 0");
                }
                foreach (var error in IntOrStrings.IsNotMoreThan100Percent(maxUnavailable, rollingPath.Child("maxUnavailable")))
                {
                    yield return error;
                }
                break;
            default:
                yield return FieldError.NotSupported(path, GoValue.Raw(StrategyText(strategy)), StrategyTypes);
                break;
        }
    }

    // NotSupported(fldPath, strategy, …) prints the whole apps.DeploymentStrategy with %#v.
    private static string StrategyText(V1DeploymentStrategy strategy) =>
        "apps.DeploymentStrategy{Type:" + FieldError.Quote(strategy.Type ?? "") + ", RollingUpdate:(*apps.RollingUpdateDeployment)("
        + (strategy.RollingUpdate is null ? "nil" : GoStructs.Address) + ")}";

    private static IEnumerable<FieldError> NonNegative(long value, FieldPath path)
    {
        if (value < 0)
        {
            yield return FieldError.Invalid(path, value, ValidationMessages.IsNegative);
        }
    }

    private static bool SemanticSelectorEqual(V1LabelSelector? a, V1LabelSelector? b) =>
        Ingresses.SemanticEquality.Equal(a, b);
}
