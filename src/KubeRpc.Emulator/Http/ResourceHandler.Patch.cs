using KubeRpc.Emulator.Registry;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Http;

internal sealed partial class ResourceHandler
{
    // Replaced when the patch engines land.
    private ApiResponse Patch(ApiRequest request, ResourceType type, string? ns, string name, UpdateTarget target) =>
        throw BodyDecoder.UnsupportedMediaType();
}
