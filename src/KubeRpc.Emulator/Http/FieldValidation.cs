using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.OpenApi;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Http;

/// <summary>
/// The <c>fieldValidation</c> query parameter: Strict fails on unknown or duplicate fields (400), Warn (the
/// default) answers with <c>Warning: 299</c> headers, Ignore drops them silently.
/// </summary>
internal sealed class FieldValidation
{
    private static IReadOnlyList<string> FindProblems(ReadOnlyMemory<byte> json, Type modelType)
    {
        try
        {
            return StrictFieldValidator.FindUnknownAndDuplicateFields(json.Span, modelType);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiException.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    public void Check(ApiRequest request, ReadOnlyMemory<byte> json, ResourceType type, List<string> warnings)
    {
        var mode = request.QueryValue("fieldValidation");
        switch (mode)
        {
            case null or "" or "Warn":
                warnings.AddRange(FindProblems(json, type.ModelType));
                break;
            case "Strict":
                var problems = FindProblems(json, type.ModelType);
                if (problems.Count > 0)
                {
                    throw StrictFieldValidator.StrictDecodingFailure(type.Kind, type.Version, problems);
                }
                break;
            case "Ignore":
                break;
            default:
                throw ApiException.BadRequest($"fieldValidation parameter unsupported: {mode}");
        }
    }
}
