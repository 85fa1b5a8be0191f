using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Strategic merge patch failures (apimachinery <c>util/mergepatch/errors.go</c>, <c>util/strategicpatch</c>)
/// with the status <c>interpretStrategicMergePatchError</c> in apiserver <c>handlers/patch.go</c> gives them:
/// the format errors are 400 BadRequest, lists of lists 422, and every other error a plain 500.
/// </summary>
internal static class SmpErrors
{
    private const string MapType = "map[string]interface {}";
    private const string SliceType = "[]interface {}";

    public static ApiException BadPatchFormatForPrimitiveList() =>
        PatchErrors.BadRequest("invalid patch format of primitive list");

    public static ApiException BadPatchFormatForRetainKeys() =>
        PatchErrors.BadRequest("invalid patch format of retainKeys");

    public static ApiException BadPatchFormatForSetElementOrderList() =>
        PatchErrors.BadRequest("invalid patch format of setElementOrder list");

    public static ApiException NoListOfLists() => PatchErrors.Unprocessable("lists of lists are not supported");

    public static ApiException NoMergeKey(JsonNode? map, string key) =>
        PatchErrors.Internal($"map: {GoValues.Format(map)} does not contain declared merge key: {key}");

    public static ApiException ExpectedMap(JsonNode? actual) => BadArgType(MapType, actual);

    public static ApiException ExpectedSlice(JsonNode? actual) => BadArgType(SliceType, actual);

    public static ApiException BadPatchType(JsonNode? directive, JsonObject map) =>
        PatchErrors.Internal($"unknown patch type: {GoValues.FormatS(directive)} in map: {GoValues.Format(map)}");

    public static ApiException MergeDirectiveInList() =>
        PatchErrors.Internal("merging lists cannot yet be specified in the patch");

    public static ApiException NotAMap(int index) => PatchErrors.Internal($"value for key {index} is not a map.");

    public static ApiException ElementTypesDiffer(IReadOnlyList<JsonNode?> original, IReadOnlyList<JsonNode?> patch) =>
        PatchErrors.Internal("list element types are not identical: " + GoValues.FormatLists(original, patch));

    public static ApiException NoMergeKeyDeclared() =>
        PatchErrors.Internal("cannot merge lists without merge key for type struct");

    public static ApiException OrderMismatch(IEnumerable<JsonNode?> patchList, IEnumerable<JsonNode?> order) =>
        PatchErrors.Internal($"The order in patch list:\n{GoValues.FormatList(patchList)}\n doesn't match " +
            $"{SmpValues.SetElementOrder} list:\n{GoValues.FormatList(order)}\n");

    /// <summary><c>mergepatch.ErrBadArgType</c>: <c>expected a T, but received a U</c> with reflect type names.</summary>
    private static ApiException BadArgType(string expected, JsonNode? actual) =>
        PatchErrors.Internal($"expected a {expected}, but received a {GoValues.TypeName(actual)}");
}
