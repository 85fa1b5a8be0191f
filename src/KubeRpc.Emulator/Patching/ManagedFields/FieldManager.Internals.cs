using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.Patching.ManagedFields;

public static partial class FieldManager
{
    /// <summary>
    /// An update as the wrapped managers see it: the writer takes what changed (minus the fields nobody owns),
    /// merged into its earlier entry, and its time moves only if it took something; then the update entries
    /// are capped.
    /// </summary>
    private static void RecordUpdate(JsonObject live, JsonObject updated, ManagedFieldSets managed, ManagerId id, FieldUpdater updater, DateTime now)
    {
        var taken = updater.Update(live, updated, managed).Difference(KindRules.Stripped);
        if (!taken.IsEmpty)
        {
            var previous = managed.Fields.TryGetValue(id, out var owned) ? owned.Set : new FieldSet();
            managed.Fields[id] = new OwnedFields(taken.Union(previous), id.ApiVersion);
            managed.Times[id] = now;
        }

        UpdateManagerCap.Apply(managed);
    }

    /// <summary>stripmeta.go: the applier's set loses the fields nobody owns; an entry left empty goes.</summary>
    private static void Strip(ManagedFieldSets managed, ManagerId id)
    {
        if (managed.Fields.TryGetValue(id, out var owned))
        {
            managed.Fields[id] = owned with { Set = owned.Set.Difference(KindRules.Stripped) };
            managed.DropEmpty();
        }
    }

    private static ManagedFieldSets Clone(ManagedFieldSets managed)
    {
        var copy = new ManagedFieldSets();
        foreach (var (id, owned) in managed.Fields)
        {
            copy.Fields[id] = owned;
        }

        foreach (var (id, time) in managed.Times)
        {
            copy.Times[id] = time;
        }

        return copy;
    }

    /// <summary>
    /// decodeLiveOrNew: the request's managedFields when it carries decodable, non-empty ones (<c>[]</c> or
    /// <c>[{}]</c> reset them), else the live object's; subresource writes always use the live object's.
    /// Undecodable entries count as none.
    /// </summary>
    private static ManagedFieldSets ManagedFieldsOf(JsonObject? live, JsonObject updated, bool subresource)
    {
        ManagedFieldSets LiveOnes()
        {
            try
            {
                return ManagedFieldsCodec.Decode(live?["metadata"]?["managedFields"]);
            }
            catch (FormatException)
            {
                return new ManagedFieldSets();
            }
        }

        if (subresource)
        {
            return LiveOnes();
        }

        var requested = updated["metadata"]?["managedFields"];
        if (requested is JsonArray list && (list.Count == 0 || (list.Count == 1 && IsZeroEntry(list[0]))))
        {
            return new ManagedFieldSets();
        }

        try
        {
            var decoded = ManagedFieldsCodec.Decode(requested);
            if (!decoded.IsEmpty)
            {
                return decoded;
            }
        }
        catch (FormatException)
        {
            // Clients that do not understand managedFields must not be able to wipe them by accident.
        }

        return LiveOnes();
    }

    private static bool IsZeroEntry(JsonNode? entry) =>
        entry is JsonObject o && o.All(p => p.Value is null || (p.Value is JsonValue v && v.ToJsonString() == "\"\""));

    private static JsonObject WithoutManagedFields(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        RemoveManagedFields(copy);
        return copy;
    }

    private static void RemoveManagedFields(JsonObject obj) => (obj["metadata"] as JsonObject)?.Remove("managedFields");

    private static JsonObject SetManagedFields(JsonObject obj, ManagedFieldSets managed)
    {
        RemoveManagedFields(obj);
        if (ManagedFieldsCodec.Encode(managed) is { } entries)
        {
            if (obj["metadata"] is not JsonObject metadata)
            {
                metadata = new JsonObject();
                obj["metadata"] = metadata;
            }

            metadata["managedFields"] = entries;
        }

        return obj;
    }

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsPrint(Rune rune) => rune.Value == ' ' || Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
        _ => false,
    };
}
