using k8s.Models;
using KubeRpc.Emulator.Admission.PodTemplates;

namespace KubeRpc.Emulator.Admission.Deployments;

/// <summary>
/// <c>SetDefaults_Deployment</c> (k/k <c>pkg/apis/apps/v1/defaults.go</c>): one replica, a RollingUpdate strategy of
/// 25% surge and 25% unavailable, 10 revisions kept, a 600 s progress deadline; then the pod template's defaults.
/// </summary>
internal static class DeploymentDefaults
{
    public static void Apply(V1Deployment deployment)
    {
        var spec = deployment.Spec ??= new V1DeploymentSpec();
        spec.Replicas ??= 1;
        var strategy = spec.Strategy ??= new V1DeploymentStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
        {
            strategy.Type = "RollingUpdate";
        }
        if (strategy.Type == "RollingUpdate")
        {
            var rollingUpdate = strategy.RollingUpdate ??= new V1RollingUpdateDeployment();
            rollingUpdate.MaxUnavailable ??= "25%";
            rollingUpdate.MaxSurge ??= "25%";
        }
        spec.RevisionHistoryLimit ??= 10;
        spec.ProgressDeadlineSeconds ??= 600;
        PodTemplateDefaults.Apply(spec.Template ??= new V1PodTemplateSpec());
    }
}
