using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>
/// Drives a <see cref="ResourceStrategy"/> in the store's order (create: Default → BeginCreate → PrepareForCreate →
/// ValidateCreate; update: Default → BeginUpdate → PrepareForUpdate → ValidateUpdate; status: PrepareForStatusUpdate
/// → ValidateStatusUpdate) on a JSON round-tripped copy, as a request body would arrive.
/// </summary>
public static class NetworkingStrategyHarness
{
    /// <summary>The outcome of one write: the object as it would be stored, and the validation errors.</summary>
    public sealed record Result<T>(T Object, IReadOnlyList<FieldError> Errors);

    public static AdmissionContext Context(IClusterReader? cluster = null) => new(false, cluster ?? new FakeClusterReader());

    public static T Copy<T>(T obj) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));

    public static Result<T> Create<T>(ResourceStrategy strategy, T obj, AdmissionContext? context = null)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        context ??= Context();
        var copy = Copy(obj);
        strategy.Default(copy, context);
        var errors = strategy.BeginCreate(copy, context).ToList();
        if (errors.Count > 0)
        {
            return new(copy, errors);
        }
        strategy.PrepareForCreate(copy);
        // The store's part: identity and timestamps, so that later updates see a stored object.
        copy.Metadata.Uid ??= "6f7c4b7e-0000-4000-8000-000000000001";
        copy.Metadata.CreationTimestamp ??= new DateTime(2026, 1, 2, 15, 4, 5, DateTimeKind.Utc);
        return new(copy, strategy.ValidateCreate(copy, context).ToList());
    }

    /// <summary>Creates and insists that the object is valid: the starting point for update tests.</summary>
    public static T Stored<T>(ResourceStrategy strategy, T obj) where T : IKubernetesObject<V1ObjectMeta>
    {
        var result = Create(strategy, obj);
        Assert.Empty(result.Errors);
        return result.Object;
    }

    public static Result<T> Update<T>(ResourceStrategy strategy, T obj, T old, AdmissionContext? context = null)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        context ??= Context();
        var copy = Copy(obj);
        strategy.Default(copy, context);
        var errors = strategy.BeginUpdate(copy, old, context).ToList();
        if (errors.Count > 0)
        {
            return new(copy, errors);
        }
        strategy.PrepareForUpdate(copy, old);
        return new(copy, strategy.ValidateUpdate(copy, old, context).ToList());
    }

    public static Result<T> UpdateStatus<T>(ResourceStrategy strategy, T obj, T old, AdmissionContext? context = null)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        context ??= Context();
        var copy = Copy(obj);
        strategy.PrepareForStatusUpdate(copy, old);
        return new(copy, strategy.ValidateStatusUpdate(copy, old, context).ToList());
    }

    /// <summary>Asserts exactly one error with this field, cause reason and cause message.</summary>
    public static void AssertSingleError(IReadOnlyList<FieldError> errors, string field, string reason, string message)
    {
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(message, error.Body);
    }
}

/// <summary>A hand-written <see cref="IClusterReader"/> holding whatever objects a test puts in.</summary>
public sealed class FakeClusterReader : IClusterReader
{
    private readonly Dictionary<string, List<IKubernetesObject<V1ObjectMeta>>> _objects = new(StringComparer.Ordinal);

    public FakeClusterReader Add(string plural, IKubernetesObject<V1ObjectMeta> obj)
    {
        if (!_objects.TryGetValue(plural, out var list))
        {
            _objects[plural] = list = [];
        }
        list.Add(obj);
        return this;
    }

    public IEnumerable<IKubernetesObject<V1ObjectMeta>> List(string plural) =>
        _objects.TryGetValue(plural, out var list) ? list : [];
}
