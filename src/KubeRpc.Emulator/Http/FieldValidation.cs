using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Resources;

namespace KubeRpc.Emulator.Http;

/// <summary>
/// The <c>fieldValidation</c> query parameter: Strict fails on unknown or duplicate fields (400), Warn (the
/// default) answers with <c>Warning: 299</c> headers, Ignore drops them silently.
/// </summary>
internal sealed class FieldValidation(Func<ReadOnlyMemory<byte>, Type, IReadOnlyList<string>> findProblems)
{
    public void Check(ApiRequest request, ReadOnlyMemory<byte> json, ResourceType type, List<string> warnings)
    {
        var mode = request.QueryValue("fieldValidation");
        switch (mode)
        {
            case null or "" or "Warn":
                warnings.AddRange(findProblems(json, type.ModelType));
                break;
            case "Strict":
                var problems = findProblems(json, type.ModelType);
                if (problems.Count > 0)
                {
                    throw ApiException.BadRequest("strict decoding error: " + string.Join(", ", problems));
                }
                break;
            case "Ignore":
                break;
            default:
                throw ApiException.BadRequest($"fieldValidation parameter unsupported: {mode}");
        }
    }
}
