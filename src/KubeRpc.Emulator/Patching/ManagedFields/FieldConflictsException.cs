using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Patching.ManagedFields;

/// <summary>
/// An apply that would change fields other managers own (structured-merge-diff <c>merge.Conflicts</c>); the
/// field manager turns it into the 409 of apimachinery <c>internal/conflict.go</c>.
/// </summary>
internal sealed class FieldConflictsException(IReadOnlyList<(ManagerId Manager, FieldSet Fields)> conflicts)
    : Exception($"{conflicts.Sum(c => c.Fields.Paths().Count())} apply conflicts")
{
    /// <summary>One (manager, path) pair per conflicting field, grouped by manager identifier in byte order.</summary>
    public IReadOnlyList<(ManagerId Manager, IReadOnlyList<PathElement> Path)> Conflicts { get; } =
        conflicts.OrderBy(c => c.Manager.Identifier, StringComparer.Ordinal)
            .SelectMany(c => c.Fields.Paths().Select(path => (c.Manager, path)))
            .ToList();

    /// <summary>
    /// <c>NewConflictError</c>: 409 Conflict, details holding only the causes (type FieldManagerConflict, message
    /// <c>conflict with "m" using v1</c>, field <c>.spec.x</c>); the message names the single conflict, or counts
    /// them and lists paths under <c>conflicts with "m":</c> per manager.
    /// </summary>
    public ApiException ToApiException() => ToApiException(Conflicts);

    public static ApiException ToApiException(IReadOnlyList<(ManagerId Manager, IReadOnlyList<PathElement> Path)> conflicts)
    {
        var causes = conflicts
            .Select(c => new StatusCauseInfo("FieldManagerConflict", "conflict with " + c.Manager.Describe(), FieldSet.Format(c.Path)))
            .ToList();
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Manager.Describe()}: {FieldSet.Format(conflicts[0].Path)}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => c.Manager)
                .SelectMany(g => new[] { $"conflicts with {g.Key.Describe()}:" }.Concat(g.Select(c => "- " + FieldSet.Format(c.Path))));
            message = $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", lines);
        }

        return new ApiException(409, "Conflict", message, new StatusDetailsInfo(null, null, null, null, causes));
    }
}
