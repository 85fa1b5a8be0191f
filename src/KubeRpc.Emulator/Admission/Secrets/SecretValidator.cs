using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Secrets;

/// <summary>
/// <c>ValidateSecret</c> and <c>ValidateSecretUpdate</c> of k/k <c>pkg/apis/core/validation/validation.go</c>
/// (release-1.32): data keys and total size, the per-type required keys, type and <c>immutable</c> rules.
/// </summary>
internal static class SecretValidator
{
    /// <summary>core's <c>MaxSecretSize</c>: 1 MiB of data values.</summary>
    public const int MaxSecretSize = 1024 * 1024;

    private const string Redacted = "<secret contents redacted>";
    private const string ImmutableWhenSet = "field is immutable when `immutable` is set";
    private static readonly FieldPath Metadata = new("metadata");
    private static readonly FieldPath DataPath = new("data");
    private static readonly string[] TlsKeys = ["tls.crt", "tls.key"];

    public static List<FieldError> Validate(V1Secret secret, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errors = ObjectMetaValidator.ValidateObjectMeta(secret.Metadata ?? new V1ObjectMeta(), true, nameFn, Metadata, coreFinalizerNames: true);
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        long totalSize = 0;
        foreach (var (key, value) in data)
        {
            foreach (var msg in ConfigKeyValidation.Validate(key))
            {
                errors.Add(FieldError.Invalid(DataPath.Key(key), key, msg));
            }
            totalSize += value?.Length ?? 0;
        }
        if (totalSize > MaxSecretSize)
        {
            errors.Add(FieldError.TooLong(DataPath, MaxSecretSize));
        }
        errors.AddRange(ValidateType(secret, data));
        return errors;
    }

    public static List<FieldError> ValidateUpdate(V1Secret secret, V1Secret old, Func<string, bool, IReadOnlyList<string>> nameFn)
    {
        var errors = ObjectMetaValidator.ValidateObjectMetaUpdate(secret.Metadata, old.Metadata, Metadata, coreFinalizerNames: true);
        if ((secret.Type ?? "") != (old.Type ?? ""))
        {
            errors.Add(FieldError.Invalid("type", secret.Type ?? "", ValidationMessages.FieldImmutable));
        }
        if (old.Immutable == true)
        {
            if (secret.Immutable != true)
            {
                errors.Add(FieldError.Forbidden("immutable", ImmutableWhenSet));
            }
            if (!SameData(secret.Data, old.Data))
            {
                errors.Add(FieldError.Forbidden("data", ImmutableWhenSet));
            }
        }
        errors.AddRange(Validate(secret, nameFn));
        return errors;
    }

    private static IEnumerable<FieldError> ValidateType(V1Secret secret, IDictionary<string, byte[]> data)
    {
        switch (secret.Type)
        {
            case "kubernetes.io/service-account-token":
                // Only the account name: a controller fills in the uid and the token later.
                var annotations = secret.Metadata?.Annotations;
                if (annotations is null || !annotations.TryGetValue("kubernetes.io/service-account.name", out var account) || string.IsNullOrEmpty(account))
                {
                    yield return FieldError.Required(Metadata.Child("annotations").Key("kubernetes.io/service-account.name"));
                }
                break;
            case "kubernetes.io/dockercfg":
                foreach (var error in RequireJson(data, ".dockercfg"))
                {
                    yield return error;
                }
                break;
            case "kubernetes.io/dockerconfigjson":
                foreach (var error in RequireJson(data, ".dockerconfigjson"))
                {
                    yield return error;
                }
                break;
            case "kubernetes.io/basic-auth":
                // Either key may be empty, but one of them must be there.
                if (!data.ContainsKey("username") && !data.ContainsKey("password"))
                {
                    yield return FieldError.Required(DataPath.Key("username"));
                    yield return FieldError.Required(DataPath.Key("password"));
                }
                break;
            case "kubernetes.io/ssh-auth":
                if (!data.TryGetValue("ssh-privatekey", out var privateKey) || privateKey is not { Length: > 0 })
                {
                    yield return FieldError.Required(DataPath.Key("ssh-privatekey"));
                }
                break;
            case "kubernetes.io/tls":
                foreach (var key in TlsKeys.Where(k => !data.ContainsKey(k)))
                {
                    yield return FieldError.Required(DataPath.Key(key));
                }
                break;
        }
    }

    private static IEnumerable<FieldError> RequireJson(IDictionary<string, byte[]> data, string key)
    {
        if (!data.TryGetValue(key, out var bytes))
        {
            yield return FieldError.Required(DataPath.Key(key));
            yield break;
        }
        if (GoJsonCheck.UnmarshalIntoMapError(bytes ?? []) is { } message)
        {
            yield return FieldError.Invalid(DataPath.Key(key), Redacted, message);
        }
    }

    // reflect.DeepEqual on map[string][]byte: nil and empty maps differ there, but neither JSON nor our store can
    // tell them apart, so both count as "no data".
    private static bool SameData(IDictionary<string, byte[]>? a, IDictionary<string, byte[]>? b)
    {
        a ??= new Dictionary<string, byte[]>();
        b ??= new Dictionary<string, byte[]>();
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && (kv.Value ?? []).AsSpan().SequenceEqual(other ?? []));
    }
}
