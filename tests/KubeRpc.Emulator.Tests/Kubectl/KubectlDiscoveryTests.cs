using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>What kubectl learns from discovery and OpenAPI: the served resources and field documentation.</summary>
public class KubectlDiscoveryTests
{
    [RequiresToolFact("kubectl")]
    public async Task ApiResources_AggregatedDiscovery_ListsServedResources()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var resources = await kubectl.RunAsync("api-resources");

        KubectlAssert.Success(resources, """
            NAME                        SHORTNAMES   APIVERSION                     NAMESPACED   KIND
            configmaps                  cm           v1                             true         ConfigMap
            namespaces                  ns           v1                             false        Namespace
            nodes                       no           v1                             false        Node
            pods                        po           v1                             true         Pod
            secrets                                  v1                             true         Secret
            serviceaccounts             sa           v1                             true         ServiceAccount
            services                    svc          v1                             true         Service
            deployments                 deploy       apps/v1                        true         Deployment
            selfsubjectreviews                       authentication.k8s.io/v1       false        SelfSubjectReview
            tokenreviews                             authentication.k8s.io/v1       false        TokenReview
            localsubjectaccessreviews                authorization.k8s.io/v1        true         LocalSubjectAccessReview
            selfsubjectaccessreviews                 authorization.k8s.io/v1        false        SelfSubjectAccessReview
            selfsubjectrulesreviews                  authorization.k8s.io/v1        false        SelfSubjectRulesReview
            subjectaccessreviews                     authorization.k8s.io/v1        false        SubjectAccessReview
            endpointslices                           discovery.k8s.io/v1            true         EndpointSlice
            ingressclasses                           networking.k8s.io/v1           false        IngressClass
            ingresses                   ing          networking.k8s.io/v1           true         Ingress
            networkpolicies             netpol       networking.k8s.io/v1           true         NetworkPolicy
            poddisruptionbudgets        pdb          policy/v1                      true         PodDisruptionBudget
            clusterrolebindings                      rbac.authorization.k8s.io/v1   false        ClusterRoleBinding
            clusterroles                             rbac.authorization.k8s.io/v1   false        ClusterRole
            rolebindings                             rbac.authorization.k8s.io/v1   true         RoleBinding
            roles                                    rbac.authorization.k8s.io/v1   true         Role
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Explain_ServicePortsPort_PrintsFieldDocsFromOpenApiV3()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var port = await kubectl.RunAsync("explain", "service.spec.ports.port");
        var ports = await kubectl.RunAsync("explain", "service.spec.ports");

        Assert.Equal(0, port.ExitCode);
        Assert.Equal(
            "KIND:       Service\nVERSION:    v1\n\nFIELD: port <integer>\n\n\nDESCRIPTION:\n    The port that will be exposed by this service.\n    \n\n",
            port.Stdout);
        Assert.Equal(0, ports.ExitCode);
        Assert.Contains("FIELD: ports <[]ServicePort>", ports.Stdout, StringComparison.Ordinal);
        Assert.Contains("  targetPort\t<IntOrString>", ports.Stdout, StringComparison.Ordinal);
        Assert.Contains("  port\t<integer> -required-", ports.Stdout, StringComparison.Ordinal);
    }
}
