using KubeRpc.Emulator.Admission.Interim;
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
            new InterimNamespaceStrategy(), new NamespacePrinter(),
            new PassThroughStrategy(returnDeleted: true, createOnUpdate: true), new ServicePrinter(),
            new PassThroughStrategy(), new SecretPrinter(),
            new PassThroughStrategy(), new IngressClassPrinter(),
            new PassThroughStrategy(), new IngressPrinter());
    }

    public static IApiDocuments Documents(ResourceCatalog catalog) => new NoDocuments();

    public static BodyDecoder Decoder() => new(new FieldValidation((_, _) => []));

    private sealed class NoDocuments : IApiDocuments
    {
        public ApiResponse? Handle(ApiRequest request, string path) => null;
    }
}
