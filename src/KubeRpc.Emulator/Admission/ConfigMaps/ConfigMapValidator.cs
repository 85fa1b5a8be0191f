using k8s.Models;
using KubeRpc.Emulator.Admission.Secrets;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.ConfigMaps;

/// <summary>
/// <c>ValidateConfigMap</c> and <c>ValidateConfigMapUpdate</c> of k/k <c>pkg/apis/core/validation/validation.go</c>
/// (release-1.32): keys of <c>data</c> and <c>binaryData</c> are config keys and do not overlap, values together hold
/// at most 1 MiB, and <c>immutable: true</c> freezes both maps and itself.
/// </summary>
internal static class ConfigMapValidator
{
    private const string ImmutableWhenSet = "field is immutable when `immutable` is set";
    private static readonly FieldPath Metadata = new("metadata");
    private static readonly FieldPath DataPath = new("data");
    private static readonly FieldPath BinaryDataPath = new("binaryData");

    public static List<FieldError> Validate(V1ConfigMap configMap, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errs = ObjectMetaValidator.ValidateObjectMeta(configMap.Metadata ?? new V1ObjectMeta(), true, nameFn, Metadata, coreFinalizerNames: true);
        var binary = configMap.BinaryData ?? new Dictionary<string, byte[]>();
        long total = 0;
        foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
        {
            foreach (var msg in ConfigKeyValidation.Validate(key))
            {
                errs.Add(FieldError.Invalid(DataPath.Key(key), key, msg));
            }
            if (binary.ContainsKey(key))
            {
                errs.Add(FieldError.Invalid(DataPath.Key(key), key, "duplicate of key present in binaryData"));
            }
            total += NameValidation.GoLen(value ?? "");
        }
        foreach (var (key, value) in binary)
        {
            foreach (var msg in ConfigKeyValidation.Validate(key))
            {
                errs.Add(FieldError.Invalid(BinaryDataPath.Key(key), key, msg));
            }
            total += value?.Length ?? 0;
        }
        if (total > SecretValidator.MaxSecretSize)
        {
            // The path is "" there: the error concerns the whole object.
            errs.Add(FieldError.TooLong("", SecretValidator.MaxSecretSize));
        }
        return errs;
    }

    public static List<FieldError> ValidateUpdate(V1ConfigMap configMap, V1ConfigMap old, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errs = ObjectMetaValidator.ValidateObjectMetaUpdate(configMap.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        if (old.Immutable == true)
        {
            if (configMap.Immutable != true)
            {
                errs.Add(FieldError.Forbidden("immutable", ImmutableWhenSet));
            }
            if (!SameStrings(configMap.Data, old.Data))
            {
                errs.Add(FieldError.Forbidden("data", ImmutableWhenSet));
            }
            if (!SameBytes(configMap.BinaryData, old.BinaryData))
            {
                errs.Add(FieldError.Forbidden("binaryData", ImmutableWhenSet));
            }
        }
        errs.AddRange(Validate(configMap, nameFn));
        return errs;
    }

    // reflect.DeepEqual on the maps: nil and empty differ there, but neither JSON nor the store can tell them apart.
    private static bool SameStrings(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        a ??= new Dictionary<string, string>();
        b ??= new Dictionary<string, string>();
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && kv.Value == other);
    }

    private static bool SameBytes(IDictionary<string, byte[]>? a, IDictionary<string, byte[]>? b)
    {
        a ??= new Dictionary<string, byte[]>();
        b ??= new Dictionary<string, byte[]>();
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && (kv.Value ?? []).AsSpan().SequenceEqual(other ?? []));
    }
}
