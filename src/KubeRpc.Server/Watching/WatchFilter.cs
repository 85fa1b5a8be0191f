using KubeRpc.Machinery.Selection;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Kinds;

namespace KubeRpc.Server.Watching;

/// <summary>
/// One subscriber's namespace, label and field selectors, and how a change looks through them (Kubernetes watch
/// semantics: an object that stops matching is DELETED, one that starts matching is ADDED).
/// </summary>
internal sealed class WatchFilter
{
    private readonly string _namespace;
    private readonly LabelSelector _labels;
    private readonly FieldSelector _fields;
    private readonly bool _everything;

    public WatchFilter(string? @namespace, LabelSelector labels, FieldSelector fields, bool bookmarks)
    {
        _namespace = @namespace ?? "";
        _labels = labels;
        _fields = fields;
        Bookmarks = bookmarks;
        _everything = _namespace.Length == 0 && labels.IsEmpty && fields.IsEmpty;
    }

    /// <summary>
    /// The filter of a request whose selectors have passed the syntax check; a field the kind cannot select on is
    /// the API server's 400 BadRequest, worded as it words it (core vs other groups).
    /// </summary>
    public static WatchFilter ForRequest(string? @namespace, string labelSelector, string fieldSelector, bool bookmarks,
        SelectableFields supported, string groupResource)
    {
        var fields = FieldSelector.Parse(fieldSelector);
        foreach (var field in fields.Fields.Where(f => !supported.Supports(f)))
        {
            throw new FieldNotSelectableException(field, groupResource.Contains('.', StringComparison.Ordinal)
                ? $"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""
                : $"field label not supported: {field}");
        }
        return new WatchFilter(@namespace, LabelSelector.Parse(labelSelector), fields, bookmarks);
    }

    public static WatchFilter Everything(bool bookmarks = false) => new(null, LabelSelector.Parse(""), FieldSelector.Parse(""), bookmarks);

    /// <summary>Whether the subscriber asked for bookmarks (allow_bookmarks).</summary>
    public bool Bookmarks { get; }

    public bool Matches<TProto>(CachedObject<TProto> item) where TProto : class
    {
        if (_everything)
        {
            return true;
        }
        if (_namespace.Length > 0 && !string.Equals(item.Namespace, _namespace, StringComparison.Ordinal))
        {
            return false;
        }
        if (!_labels.IsEmpty)
        {
            if (!_labels.Matches(item.Labels))
            {
                return false;
            }
        }
        return _fields.IsEmpty || _fields.Matches(f => item.TryGetField(f, out var value) ? value : null);
    }

    /// <summary>The event this subscriber receives for <paramref name="change"/>, or None.</summary>
    public WatchEventKind Translate<TProto>(ResourceChange<TProto> change) where TProto : class
    {
        switch (change.Type)
        {
            case ResourceChangeType.Bookmark:
                return Bookmarks ? WatchEventKind.Bookmark : WatchEventKind.None;
            case ResourceChangeType.Added:
                return change.Current is { } added && Matches(added) ? WatchEventKind.Added : WatchEventKind.None;
            case ResourceChangeType.Modified:
                var was = change.Previous is { } previous && Matches(previous);
                var now = change.Current is { } current && Matches(current);
                return (was, now) switch
                {
                    (true, true) => WatchEventKind.Modified,
                    (false, true) => WatchEventKind.Added,
                    (true, false) => WatchEventKind.DeletedPrevious,
                    _ => WatchEventKind.None,
                };
            default:
                // The subscriber holds the object only if its last state matched.
                var shown = change.Previous ?? change.Current;
                if (shown is null || !Matches(shown))
                {
                    return WatchEventKind.None;
                }
                return change.Current is null ? WatchEventKind.DeletedPrevious : WatchEventKind.DeletedCurrent;
        }
    }
}
