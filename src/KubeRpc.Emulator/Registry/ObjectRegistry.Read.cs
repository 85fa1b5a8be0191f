using System.Collections.Immutable;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Resources;
using KubeRpc.Emulator.Storage;
using KubeRpc.Machinery;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Registry;

/// <summary>The query of a LIST: filter, resourceVersion semantics and paging.</summary>
internal sealed record ListRequest(
    ObjectFilter Filter,
    string? ResourceVersion = null,
    string? ResourceVersionMatch = null,
    long Limit = 0,
    string? Continue = null);

/// <summary>One page of a LIST from one snapshot.</summary>
internal sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);

internal sealed partial class ObjectRegistry
{
    public StoredObject Get(ResourceType type, string? ns, string name) =>
        Store.Get(type, ns, name) ?? throw ApiErrors.NotFound(type, name);

    /// <summary>LIST with kube-apiserver's resourceVersion/resourceVersionMatch semantics and limit/continue paging.</summary>
    public ListPage List(ResourceType type, ListRequest request)
    {
        ValidateListOptions(request);
        var log = Store.Log(type);
        ImmutableSortedDictionary<string, StoredObject>? items;
        long snapshotRv;
        string? startAfter = null;
        var limit = request.Limit;

        if (!string.IsNullOrEmpty(request.Continue))
        {
            (snapshotRv, startAfter) = ContinueToken.Decode(request.Continue);
            if (snapshotRv < log.FloorResourceVersion)
            {
                throw ExpiredContinue();
            }
            items = null; // taken from the walk's view, or found in the history when that view was evicted
        }
        else if (string.IsNullOrEmpty(request.ResourceVersion))
        {
            (items, snapshotRv) = Latest(log);
        }
        else
        {
            var rv = ParseResourceVersion(request.ResourceVersion);
            if (rv > Store.ResourceVersion)
            {
                throw TooLargeResourceVersion(rv);
            }
            if (request.ResourceVersionMatch == "Exact")
            {
                items = SnapshotAt(log, rv) ?? throw new ApiException(410, "Expired", "The resourceVersion for the provided list is too old.");
                snapshotRv = rv;
            }
            else
            {
                (items, snapshotRv) = Latest(log);
                if (rv == 0)
                {
                    limit = 0; // RV=0 may be served from the watch cache, which ignores limit.
                }
            }
        }

        if (limit <= 0 && startAfter is null)
        {
            return Whole(items!, request.Filter, snapshotRv);
        }
        // Every page of one walk is cut from the same snapshot, so the walk shares one view of it.
        var view = log.Views.GetOrAdd(snapshotRv, () => new SortedView(items ?? SnapshotAt(log, snapshotRv) ?? throw ExpiredContinue()));
        return Page(view, request.Filter, snapshotRv, startAfter, limit);
    }

    /// <summary>
    /// The current objects and the resourceVersion they are at, read together under the write lock: the counter
    /// moves before a write is appended, so read apart a list could claim a version whose object it lacks (and a
    /// watch from that version would never deliver it).
    /// </summary>
    private (ImmutableSortedDictionary<string, StoredObject> Items, long ResourceVersion) Latest(ResourceLog log) =>
        Store.Write(() => (log.Items, Store.ResourceVersion));

    private static ApiException ExpiredContinue() => new(410, "Expired",
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");

    private static ImmutableSortedDictionary<string, StoredObject>? SnapshotAt(ResourceLog log, long resourceVersion) =>
        log.FindResumePoint(resourceVersion)?.Items;

    public static long ParseResourceVersion(string value)
    {
        if (!ResourceVersions.TryParse(value, out var rv))
        {
            throw ApiException.BadRequest($"invalid resource version \"{value}\": strconv.ParseUint: parsing {FieldError.Quote(value)}: invalid syntax");
        }
        return rv;
    }

    private ApiException TooLargeResourceVersion(long rv) =>
        new(504, "Timeout", $"Too large resource version: {rv}, current: {Store.ResourceVersion}",
            new StatusDetailsInfo(null, null, null, null,
                [new StatusCauseInfo("ResourceVersionTooLarge", "Too large resource version", null)], RetryAfterSeconds: 1));

    private static void ValidateListOptions(ListRequest request)
    {
        var errors = new List<FieldError>();
        var match = request.ResourceVersionMatch;
        if (!string.IsNullOrEmpty(match))
        {
            if (string.IsNullOrEmpty(request.ResourceVersion))
            {
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
            }
            if (!string.IsNullOrEmpty(request.Continue))
            {
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
            }
            if (match is not ("Exact" or "NotOlderThan"))
            {
                errors.Add(FieldError.NotSupported("resourceVersionMatch", match, ["Exact", "NotOlderThan", ""]));
            }
            if (match == "Exact" && request.ResourceVersion == "0")
            {
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }
        if (errors.Count > 0)
        {
            throw ApiErrors.InvalidOptions("ListOptions", errors);
        }
    }
}
