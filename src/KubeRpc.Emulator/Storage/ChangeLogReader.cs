namespace KubeRpc.Emulator.Storage;

/// <summary>
/// One resource's changes from the moment the reader was made, in resourceVersion order, whatever the history has
/// dropped since: it holds the log node it started at, and the log's nodes stay linked.
/// </summary>
/// <remarks>It keeps every change after its start in memory: for tests, not for a long-running cluster.</remarks>
public sealed class ChangeLogReader
{
    private readonly HistoryNode _start;

    internal ChangeLogReader(HistoryNode start) => _start = start;

    /// <summary>The resource's version when the reader was made (its changes' last).</summary>
    public long StartResourceVersion => _start.ResourceVersion;

    /// <summary>The resource's objects when the reader was made.</summary>
    public IReadOnlyList<LoggedChange> StartState() =>
        [.. _start.Items.Values.Select(o => Change("ADDED", o))];

    /// <summary>Every change since the start, oldest first.</summary>
    public IReadOnlyList<LoggedChange> Read()
    {
        var changes = new List<LoggedChange>();
        for (var node = _start.Next; node is { Event: { } e }; node = node.Next)
        {
            changes.Add(Change(e.Type.ToString().ToUpperInvariant(), e.Current));
        }
        return changes;
    }

    private static LoggedChange Change(string type, StoredObject o) => new(type, o.Namespace, o.Name, o.ResourceVersion,
        o.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : new Dictionary<string, string>());
}

/// <summary>One change in the API server's log: <c>ADDED</c>, <c>MODIFIED</c> or <c>DELETED</c>, at its resourceVersion.</summary>
public sealed record LoggedChange(string Type, string? Namespace, string Name, long ResourceVersion, IReadOnlyDictionary<string, string> Labels);
