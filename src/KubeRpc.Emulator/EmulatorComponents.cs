using KubeRpc.Emulator.Admission.ConfigMaps;
using KubeRpc.Emulator.Admission.Deployments;
using KubeRpc.Emulator.Admission.EndpointSlices;
using KubeRpc.Emulator.Admission.IngressClasses;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Emulator.Admission.Namespaces;
using KubeRpc.Emulator.Admission.NetworkPolicies;
using KubeRpc.Emulator.Admission.Nodes;
using KubeRpc.Emulator.Admission.PodDisruptionBudgets;
using KubeRpc.Emulator.Admission.Pods;
using KubeRpc.Emulator.Admission.Rbac;
using KubeRpc.Emulator.Admission.Secrets;
using KubeRpc.Emulator.Admission.ServiceAccounts;
using KubeRpc.Emulator.Admission.Services;
using KubeRpc.Emulator.Auth.Endpoints;
using KubeRpc.Emulator.Auth.Rbac;
using KubeRpc.Emulator.Auth.Reviews;
using KubeRpc.Emulator.Http;
using KubeRpc.Emulator.Printing;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator;

/// <summary>Builds the pluggable parts of an emulator: strategies, printers, documents, body decoding.</summary>
internal static class EmulatorComponents
{
    /// <param name="authorizer">The emulator's authorizer, for the access reviews (it needs the store, which needs these).</param>
    public static ResourceStrategies Strategies(Func<RbacAuthorizer> authorizer)
    {
        return new ResourceStrategies(
            new NamespaceStrategy(), new NamespacePrinter(),
            new ServiceStrategy(), new ServicePrinter(),
            new SecretStrategy(), new SecretPrinter(),
            new IngressClassStrategy(), new IngressClassPrinter(),
            new IngressStrategy(), new IngressPrinter(),
            new ServiceAccountStrategy(), new ServiceAccountPrinter(),
            Authorization(authorizer),
            new ConfigMapStrategy(), new ConfigMapPrinter(),
            new DeploymentStrategy(), new DeploymentPrinter(),
            new PodDisruptionBudgetStrategy(), new PodDisruptionBudgetPrinter(),
            new NetworkPolicyStrategy(), new NetworkPolicyPrinter(),
            new NodeStrategy(), new NodePrinter(),
            new PodStrategy(), new PodPrinter(),
            new EndpointSliceStrategy(), new EndpointSlicePrinter());
    }

    private static AuthorizationKinds Authorization(Func<RbacAuthorizer> authorizer) => new(
        new RoleStrategy(), new ClusterRoleStrategy(), new CreatedAtPrinter(),
        new RoleBindingStrategy(), RoleBindingPrinter.ForRoleBindings(),
        new ClusterRoleBindingStrategy(), RoleBindingPrinter.ForClusterRoleBindings(),
        new AccessReviews(authorizer));

    /// <summary>A catalog outside an emulator, for what only reads the resource types (documents, discovery, tests).</summary>
    public static ResourceCatalog Catalog() => new(
        Strategies(() => throw new InvalidOperationException("access reviews need an emulator")),
        new AuthenticationEndpoints(TimeProvider.System, new Dictionary<string, Auth.UserInfo>()));

    public static IApiDocuments Documents(ResourceCatalog catalog) => new ApiDocuments(catalog.All);

    public static BodyDecoder Decoder() => new(new FieldValidation());
}
