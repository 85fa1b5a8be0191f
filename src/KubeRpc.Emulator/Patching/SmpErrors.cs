using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;
using KubeRpc.Machinery.Text;

namespace KubeRpc.Emulator.Patching;

/// <summary>
/// Strategic merge patch failures (apimachinery <c>util/mergepatch/errors.go</c>, <c>util/strategicpatch</c>)
/// with the status <c>interpretStrategicMergePatchError</c> in apiserver <c>handlers/patch.go</c> gives them:
/// the format errors are 400 BadRequest and lists of lists 422.
/// </summary>
/// <remarks>
/// Deviation: kube-apiserver answers every other error with a plain 500 whose message is the library's text, and
/// that text can repeat the whole patch (<c>fmt.Sprint</c> of the lists). A client's patch must never produce a
/// 5xx here, so these are 400 BadRequest with the same wording, repeating at most a short prefix of each value
/// (<see cref="Excerpt"/>).
/// </remarks>
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
        Refused($"map: {Cut(GoValues.Format(map))} does not contain declared merge key: {key}");

    public static ApiException ExpectedMap(JsonNode? actual) => BadArgType(MapType, actual);

    public static ApiException ExpectedSlice(JsonNode? actual) => BadArgType(SliceType, actual);

    public static ApiException BadPatchType(JsonNode? directive, JsonObject map) =>
        Refused($"unknown patch type: {Cut(GoValues.FormatS(directive))} in map: {Cut(GoValues.Format(map))}");

    public static ApiException MergeDirectiveInList() =>
        Refused("merging lists cannot yet be specified in the patch");

    public static ApiException NotAMap(int index) => Refused($"value for key {index} is not a map.");

    public static ApiException ElementTypesDiffer(IReadOnlyList<JsonNode?> original, IReadOnlyList<JsonNode?> patch) =>
        Refused("list element types are not identical: " + Cut(GoValues.FormatLists(original, patch)));

    public static ApiException NoMergeKeyDeclared() =>
        Refused("cannot merge lists without merge key for type struct");

    public static ApiException OrderMismatch(IEnumerable<JsonNode?> patchList, IEnumerable<JsonNode?> order) =>
        Refused($"The order in patch list:\n{Cut(GoValues.FormatList(patchList))}\n doesn't match " +
            $"{SmpValues.SetElementOrder} list:\n{Cut(GoValues.FormatList(order))}\n");

    /// <summary>A library error that is the client's fault: 400 with its message.</summary>
    private static ApiException Refused(string message) => PatchErrors.BadRequest(message);

    private static string Cut(string value) => Excerpt.Of(value, ApiLimits.MaxQuotedLength, ExcerptMarker.Ellipsis);

    /// <summary><c>mergepatch.ErrBadArgType</c>: <c>expected a T, but received a U</c> with reflect type names.</summary>
    private static ApiException BadArgType(string expected, JsonNode? actual) =>
        Refused($"expected a {expected}, but received a {GoValues.TypeName(actual)}");
}
