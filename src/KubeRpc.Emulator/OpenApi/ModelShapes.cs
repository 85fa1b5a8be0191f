using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// Derives <see cref="ModelShape"/>s from KubernetesClient model types by reflection: public properties with
/// <c>[JsonPropertyName]</c> are the fields; nullable wrappers are unwrapped; <c>IList&lt;T&gt;</c> is an array,
/// <c>IDictionary&lt;string,T&gt;</c> a map, <c>byte[]</c> base64 bytes, <see cref="IntOrString"/> and
/// <see cref="DateTime"/> the apimachinery scalar types. Shapes are built once and cached for the process.
/// </summary>
internal static class ModelShapes
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<Type, ModelShape> Cache = [];

    // Shapes whose construction has finished; read without the lock on every validated request.
    private static readonly ConcurrentDictionary<Type, ModelShape> Completed = new();

    /// <summary>The shape of <paramref name="type"/>; recursive types resolve to the same cached instance.</summary>
    public static ModelShape Of(Type type)
    {
        if (Completed.TryGetValue(type, out var shape))
        {
            return shape;
        }
        lock (Gate)
        {
            // Object shapes enter Cache before their fields are set, so only a finished walk is published.
            shape = Build(type);
            Completed.TryAdd(type, shape);
            return shape;
        }
    }

    private static ModelShape Build(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Cache.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var shape = Scalar(type) ?? Collection(type);
        if (shape is null)
        {
            if (!IsModelObject(type))
            {
                shape = new ModelShape(ModelShapeKind.Opaque, type);
            }
            else
            {
                // Cache before walking the fields so that a type reaching itself terminates.
                shape = new ModelShape(ModelShapeKind.Object, type);
                Cache[type] = shape;
                shape.SetProperties(Fields(type));
                return shape;
            }
        }
        Cache[type] = shape;
        return shape;
    }

    private static ModelShape? Scalar(Type type)
    {
        ModelShapeKind? kind = type switch
        {
            _ when type == typeof(string) => ModelShapeKind.String,
            _ when type == typeof(bool) => ModelShapeKind.Boolean,
            _ when type == typeof(int) || type == typeof(short) || type == typeof(byte) => ModelShapeKind.Integer,
            _ when type == typeof(long) => ModelShapeKind.Long,
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => ModelShapeKind.Number,
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => ModelShapeKind.Time,
            _ when type == typeof(IntOrString) => ModelShapeKind.IntOrString,
            _ when type == typeof(byte[]) => ModelShapeKind.Bytes,
            _ when type == typeof(ResourceQuantity) => ModelShapeKind.String,
            _ when type == typeof(object) => ModelShapeKind.Opaque,
            _ => null,
        };
        return kind is { } k ? new ModelShape(k, type) : null;
    }

    private static ModelShape? Collection(Type type)
    {
        if (type.IsArray)
        {
            return new ModelShape(ModelShapeKind.Array, type, Build(type.GetElementType()!));
        }
        if (!type.IsGenericType)
        {
            return null;
        }
        var dictionary = FindGeneric(type, typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            return new ModelShape(ModelShapeKind.Map, type, Build(dictionary.GetGenericArguments()[1]));
        }
        var enumerable = FindGeneric(type, typeof(IEnumerable<>));
        return enumerable is null ? null : new ModelShape(ModelShapeKind.Array, type, Build(enumerable.GetGenericArguments()[0]));
    }

    private static Type? FindGeneric(Type type, Type definition)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == definition)
        {
            return type;
        }
        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
    }

    private static bool IsModelObject(Type type) =>
        type.IsClass && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => JsonName(p) is not null);

    private static IEnumerable<ModelProperty> Fields(Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (JsonName(property) is { } name && property.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            {
                yield return new ModelProperty(name, property, Build(property.PropertyType));
            }
        }
    }

    private static string? JsonName(PropertyInfo property) => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
}
