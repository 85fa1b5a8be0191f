using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace KubeRpc.Benchmarks;

/// <summary>
/// A prototype of the cheap memory win performance.md §2.6 suggests, measured here but not (yet) in the
/// server: every string of a projected proto (map keys and values, names, namespaces, port names) is replaced
/// by one shared instance from a pool, so the label keys, namespaces, helm annotations and values repeated
/// between objects (or within one, e.g. the selector repeating the labels) are held once.
/// </summary>
internal sealed class StringSharing
{
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    public int Count => _pool.Count;

    public string Share(string value)
    {
        if (value.Length == 0)
        {
            return "";
        }
        if (_pool.TryGetValue(value, out var shared))
        {
            return shared;
        }
        _pool.Add(value, value);
        return value;
    }

    /// <summary>Rewrites every string in <paramref name="message"/> (recursively) to its shared instance.</summary>
    public void ShareAll(IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                ShareMap((IDictionary)value, field.MessageType.FindFieldByNumber(2).FieldType);
            }
            else if (field.IsRepeated)
            {
                var list = (IList)value;
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is string s)
                    {
                        list[i] = Share(s);
                    }
                    else if (list[i] is IMessage m)
                    {
                        ShareAll(m);
                    }
                }
            }
            else if (field.FieldType == FieldType.String && value is string text && text.Length > 0)
            {
                field.Accessor.SetValue(message, Share(text));
            }
            else if (field.FieldType == FieldType.Message && value is IMessage child)
            {
                ShareAll(child);
            }
        }
    }

    private void ShareMap(IDictionary map, FieldType valueType)
    {
        if (map.Count == 0)
        {
            return;
        }
        var entries = new List<DictionaryEntry>(map.Count);
        foreach (DictionaryEntry entry in map)
        {
            entries.Add(entry);
        }
        map.Clear();
        foreach (var entry in entries)
        {
            var key = entry.Key is string k ? Share(k) : entry.Key;
            var value = valueType == FieldType.String && entry.Value is string v ? Share(v) : entry.Value;
            map.Add(key, value);
        }
    }
}
