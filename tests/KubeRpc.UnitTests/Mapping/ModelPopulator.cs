using System.Collections;
using System.Reflection;
using System.Text.Json;
using k8s.Models;

namespace KubeRpc.UnitTests.Mapping;

/// <summary>
/// Builds a KubernetesClient model with every public property, recursively, set to a non-default value:
/// strings <c>x-&lt;path&gt;</c>, distinct numbers, true, whole-second UTC times, one-item lists, one-entry
/// dictionaries, a small FieldsV1 object. A property type it does not know fails loudly, so a new
/// KubernetesClient version cannot add a field that the coverage test silently skips.
/// </summary>
internal sealed class ModelPopulator(IReadOnlyDictionary<(Type Owner, string Property), string> fixedStrings, bool numericIntOrString)
{
    private static readonly DateTime Epoch = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private int _counter = 1000;

    /// <summary>The fixed-string entries that were used, to keep the exception list free of stale entries.</summary>
    public HashSet<(Type Owner, string Property)> UsedFixedStrings { get; } = [];

    public T Populate<T>()
        where T : class => (T)Build(typeof(T), typeof(T).Name, null, depth: 0);

    private object Build(Type type, string path, (Type, string)? owner, int depth)
    {
        if (depth > 16)
        {
            throw new NotSupportedException($"{path}: the model graph is deeper than expected (a cycle?)");
        }
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            if (owner is { } key && fixedStrings.TryGetValue(key, out var value))
            {
                UsedFixedStrings.Add(key);
                return value;
            }
            return "x-" + path;
        }
        if (t == typeof(int))
        {
            return ++_counter;
        }
        if (t == typeof(long))
        {
            return (long)++_counter;
        }
        if (t == typeof(bool))
        {
            return true;
        }
        if (t == typeof(DateTime))
        {
            return Epoch.AddSeconds(++_counter);
        }
        if (t == typeof(IntOrString))
        {
            return numericIntOrString ? (IntOrString)(++_counter) : (IntOrString)("x-" + path);
        }
        if (t == typeof(object))
        {
            // V1ManagedFieldsEntry.FieldsV1: KubernetesClient reads it as a JsonElement.
            using var document = JsonDocument.Parse("{\"f:" + path + "\":{\".\":{}}}");
            return document.RootElement.Clone();
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            if (t.GetGenericArguments().Any(a => a != typeof(string)))
            {
                throw new NotSupportedException($"{path}: no generator for {t}");
            }
            return new Dictionary<string, string> { [$"x-{path}-key"] = $"x-{path}-value" };
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IList<>))
        {
            var item = t.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
            list.Add(Build(item, path + "[0]", owner, depth + 1));
            return list;
        }
        if (t.IsClass && t.Namespace == "k8s.Models")
        {
            return BuildModel(t, path, depth);
        }
        throw new NotSupportedException($"{path}: no generator for {t}; teach the populator (and check the mapping)");
    }

    private object BuildModel(Type type, string path, int depth)
    {
        var model = Activator.CreateInstance(type)
            ?? throw new NotSupportedException($"{path}: cannot create {type}");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true })
            {
                throw new NotSupportedException($"{path}.{property.Name}: not settable, so the populator cannot cover it");
            }
            property.SetValue(model, Build(property.PropertyType, $"{path}.{property.Name}", (type, property.Name), depth + 1));
        }
        return model;
    }
}
