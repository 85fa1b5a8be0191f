using KubeRpc.Emulator.Admission.ConfigMaps;
using KubeRpc.Emulator.Admission.Deployments;
using KubeRpc.Emulator.Admission.IngressClasses;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Emulator.Admission.Namespaces;
using KubeRpc.Emulator.Admission.NetworkPolicies;
using KubeRpc.Emulator.Admission.PodDisruptionBudgets;
using KubeRpc.Emulator.Admission.Secrets;
using KubeRpc.Emulator.Admission.Services;
using KubeRpc.Emulator.Http;
using KubeRpc.Emulator.Printing;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator;

/// <summary>Builds the pluggable parts of an emulator: strategies, printers, documents, body decoding.</summary>
internal static class EmulatorComponents
{
    public static ResourceStrategies Strategies()
    {
        return new ResourceStrategies(
            new NamespaceStrategy(), new NamespacePrinter(),
            new ServiceStrategy(), new ServicePrinter(),
            new SecretStrategy(), new SecretPrinter(),
            new IngressClassStrategy(), new IngressClassPrinter(),
            new IngressStrategy(), new IngressPrinter(),
            new ConfigMapStrategy(), new ConfigMapPrinter(),
            new DeploymentStrategy(), new DeploymentPrinter(),
            new PodDisruptionBudgetStrategy(), new PodDisruptionBudgetPrinter(),
            new NetworkPolicyStrategy(), new NetworkPolicyPrinter());
    }

    public static IApiDocuments Documents(ResourceCatalog catalog) => new ApiDocuments(catalog.All);

    public static BodyDecoder Decoder() => new(new FieldValidation());
}
