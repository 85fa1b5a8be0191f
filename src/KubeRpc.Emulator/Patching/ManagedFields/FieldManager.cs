using System.Text;
using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// Field ownership as kube-apiserver tracks it in <c>metadata.managedFields</c> (apimachinery
/// <c>pkg/util/managedfields</c> over structured-merge-diff): server-side apply with pruning and conflicts, and
/// the ownership every other write takes.
/// </summary>
/// <remarks>
/// <para>
/// Each entry is one (manager, operation, subresource) — plus the API version for updates — with the fields it
/// owns in FieldsV1 and the time its fields last changed (RFC 3339, whole seconds). Entries are kept appliers
/// first, then by time, manager, version and subresource; entries without fields are dropped; at most ten update
/// entries survive, older ones merging into <c>ancient-changes</c>.
/// </para>
/// <para>
/// Nobody owns <c>apiVersion</c>, <c>kind</c>, <c>metadata.name/namespace/uid/resourceVersion/generation/
/// creationTimestamp/managedFields/deletionTimestamp</c>, nor what the strategy resets: <c>status</c> for a
/// Service, Ingress or Namespace write, <c>spec</c> for their <c>/status</c> writes.
/// </para>
/// <para>
/// Callers pass objects as the apiserver's field manager sees them: after decoding and defaulting, before the
/// registry strategy (so a Service's allocated clusterIP is nobody's, while its defaulted sessionAffinity
/// belongs to the creator).
/// </para>
/// </remarks>
public static partial class FieldManager
{
    private const string BeforeFirstApply = "before-first-apply";

    /// <summary>
    /// Server-side apply of <paramref name="applied"/> to <paramref name="live"/> (null when the apply creates
    /// the object) for <paramref name="manager"/>.
    /// </summary>
    /// <remarks>
    /// The configuration is merged as <see cref="ApplyMerge"/> does; then the manager owns exactly what it applied,
    /// and what it applied before but not now is removed unless another manager owns it too. Changing a value
    /// another manager owns is a conflict, unless <paramref name="force"/> moves the field to this manager.
    /// An apply that changes nothing keeps the manager's time. When the manager is <c>kubectl</c>, conflicts
    /// with values client-side apply recorded in the last-applied annotation are allowed, and that annotation,
    /// if present, is rewritten to the applied configuration.
    /// </remarks>
    /// <returns>The new object with <c>metadata.managedFields</c> set (absent if nobody owns anything).</returns>
    /// <exception cref="Api.ApiException">
    /// 409 Conflict <c>Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .spec.selector</c>
    /// (details.causes: FieldManagerConflict per field); the 400 errors of <see cref="ApplyMerge.Apply"/>.
    /// </exception>
    public static JsonObject Apply(JsonObject? live, JsonObject applied, string manager, bool force, PatchSchema schema,
        string apiVersion, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(apiVersion);
        var merged = (JsonObject)ApplyMerge.Apply(live, applied, schema);
        RemoveManagedFields(merged);
        now = ManagedFieldsCodec.WholeSeconds(now);

        ManagedFieldSets managed;
        try
        {
            managed = ManagedFieldsCodec.Decode(live?["metadata"]?["managedFields"]);
        }
        catch (FormatException e)
        {
            throw PatchErrors.Internal("failed to decode managed fields: " + e.Message);
        }

        var liveValue = live is null ? KindRules.Empty(schema.Kind) : WithoutManagedFields(live);
        var updater = new FieldUpdater(schema.Root, KindRules.ResetFields(schema.Kind, ""), apiVersion);
        if (managed.IsEmpty && live is not null)
        {
            // An object nobody tracked yet: what it holds belongs to an updater, so the first apply can conflict.
            RecordUpdate(KindRules.Empty(schema.Kind), liveValue, managed, ManagerId.ForUpdate(BeforeFirstApply, apiVersion, ""), updater, now);
        }

        var me = ManagerId.ForApply(manager, "");
        (JsonObject Result, ManagedFieldSets Managed) Attempt(bool forced)
        {
            var copy = Clone(managed);
            var pruned = updater.Apply(liveValue, merged, applied, copy, me, forced);
            Strip(copy, me);
            var unchanged = live is not null && SmdValues.Equal(liveValue, pruned);
            if (!unchanged)
            {
                copy.Times[me] = now;
            }

            return (unchanged ? (JsonObject)liveValue.DeepClone() : pruned, copy);
        }

        (JsonObject Result, ManagedFieldSets Managed) outcome;
        try
        {
            outcome = Attempt(force);
        }
        catch (FieldConflictsException conflicts) when (manager == LastAppliedConfiguration.KubectlManager && live is not null)
        {
            var allowed = LastAppliedConfiguration.OwnedFields(liveValue, apiVersion, schema.Root);
            var remaining = conflicts.Conflicts.Where(c => allowed is null || !allowed.Has(c.Path)).ToList();
            if (remaining.Count > 0)
            {
                throw FieldConflictsException.ToApiException(remaining);
            }

            outcome = Attempt(forced: true);
        }
        catch (FieldConflictsException conflicts)
        {
            throw conflicts.ToApiException();
        }

        if (manager == LastAppliedConfiguration.KubectlManager)
        {
            LastAppliedConfiguration.Sync(outcome.Result, applied);
        }

        return SetManagedFields(outcome.Result, outcome.Managed);
    }

    /// <summary>
    /// Records a non-apply write (create, update, patch, or a <paramref name="subresource"/> write such as
    /// <c>status</c>): the fields whose value <paramref name="updated"/> changes against <paramref name="live"/>
    /// (null on create) become <paramref name="manager"/>'s, as an Update entry, and leave every other manager.
    /// </summary>
    /// <remarks>
    /// The managedFields the request carries are kept when it sends some (an empty list, or one empty entry,
    /// resets them), except on subresources, which always start from the live object's. An object that exists
    /// without managedFields stays untracked. The manager's time moves only when it takes fields.
    /// </remarks>
    /// <returns><paramref name="updated"/> (a copy) with <c>metadata.managedFields</c> set or removed.</returns>
    public static JsonObject Update(JsonObject? live, JsonObject updated, string manager, PatchSchema schema, string apiVersion,
        DateTime now, string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(apiVersion);
        subresource ??= "";
        var result = WithoutManagedFields(updated);
        var managed = ManagedFieldsOf(live, updated, subresource.Length > 0);
        if (managed.IsEmpty && live is not null)
        {
            return result;
        }

        var liveValue = live is null ? KindRules.Empty(schema.Kind) : WithoutManagedFields(live);
        var updater = new FieldUpdater(schema.Root, KindRules.ResetFields(schema.Kind, subresource), apiVersion);
        RecordUpdate(liveValue, result, managed, ManagerId.ForUpdate(manager ?? "", apiVersion, subresource), updater,
            ManagedFieldsCodec.WholeSeconds(now));
        return SetManagedFields(result, managed);
    }

    /// <summary>
    /// managerOrUserAgent: the <c>fieldManager</c> parameter, else the User-Agent up to its first <c>/</c>,
    /// without non-printable characters, cut to 128 bytes.
    /// </summary>
    public static string ManagerFor(string? fieldManager, string? userAgent)
    {
        if (!string.IsNullOrEmpty(fieldManager))
        {
            return fieldManager;
        }

        var prefix = (userAgent ?? "").Split('/')[0];
        var sb = new StringBuilder();
        var bytes = 0;
        foreach (var rune in prefix.EnumerateRunes())
        {
            if (!IsPrint(rune))
            {
                continue;
            }

            if (bytes + rune.Utf8SequenceLength > 128)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            sb.Append(rune.ToString());
        }

        return sb.ToString();
    }
}
