using KubeRpc.Emulator.Admission.IngressClasses;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Emulator.Admission.Namespaces;
using KubeRpc.Emulator.Admission.Rbac;
using KubeRpc.Emulator.Admission.Secrets;
using KubeRpc.Emulator.Admission.ServiceAccounts;
using KubeRpc.Emulator.Admission.Services;
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
            Authorization(authorizer));
    }

    private static AuthorizationKinds Authorization(Func<RbacAuthorizer> authorizer) => new(
        new RoleStrategy(), new ClusterRoleStrategy(), new CreatedAtPrinter(),
        new RoleBindingStrategy(), RoleBindingPrinter.ForRoleBindings(),
        new ClusterRoleBindingStrategy(), RoleBindingPrinter.ForClusterRoleBindings(),
        new AccessReviews(authorizer));

    public static IApiDocuments Documents(ResourceCatalog catalog) => new ApiDocuments(catalog.All);

    public static BodyDecoder Decoder() => new(new FieldValidation());
}
