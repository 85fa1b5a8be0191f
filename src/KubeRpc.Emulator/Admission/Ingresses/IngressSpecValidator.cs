using k8s.Models;
using KubeRpc.Emulator.Admission.Validation;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission.Ingresses;

/// <summary>
/// <c>ValidateIngressSpec</c> of k/k <c>pkg/apis/networking/validation/validation.go</c> (release-1.32): the
/// either-rules-or-default-backend rule, host rules, TLS and the class name. Paths and backends are in
/// <see cref="IngressBackendValidator"/>.
/// </summary>
internal static class IngressSpecValidator
{
    public static IEnumerable<FieldError> Validate(V1IngressSpec? spec, FieldPath path, IngressValidationOptions options)
    {
        spec ??= new V1IngressSpec();
        var errors = new List<FieldError>();
        if ((spec.Rules is null || spec.Rules.Count == 0) && spec.DefaultBackend is null)
        {
            // Go prints the (nil or empty) rules slice with %#v; a JSON "rules": [] decodes to an empty, non-nil slice.
            var shown = spec.Rules is null ? "[]networking.IngressRule(nil)" : "[]networking.IngressRule{}";
            errors.Add(FieldError.Invalid(path, GoValue.Raw(shown), "either `defaultBackend` or `rules` must be specified"));
        }
        if (spec.DefaultBackend is not null)
        {
            errors.AddRange(IngressBackendValidator.ValidateBackend(spec.DefaultBackend, path.Child("defaultBackend")));
        }
        if (spec.Rules is { Count: > 0 })
        {
            errors.AddRange(ValidateRules(spec.Rules, path.Child("rules"), options));
        }
        if (spec.Tls is { Count: > 0 })
        {
            errors.AddRange(ValidateTls(spec.Tls, path.Child("tls"), options));
        }
        if (spec.IngressClassName is not null)
        {
            foreach (var msg in NameValidation.NameIsDnsSubdomain(spec.IngressClassName, false))
            {
                errors.Add(FieldError.Invalid(path.Child("ingressClassName"), spec.IngressClassName, msg));
            }
        }
        return errors;
    }

    private static IEnumerable<FieldError> ValidateRules(IList<V1IngressRule> rules, FieldPath path, IngressValidationOptions options)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] ?? new V1IngressRule();
            var host = rule.Host ?? "";
            var hostPath = path.Index(i).Child("host");
            var wildcard = false;
            if (host.Length > 0)
            {
                if (NameValidation.IsValidIP(host).Count == 0)
                {
                    yield return FieldError.Invalid(hostPath, host, "must be a DNS name, not an IP address");
                }
                wildcard = host.Contains('*', StringComparison.Ordinal);
                var messages = wildcard ? NameValidation.IsWildcardDns1123Subdomain(host) : NameValidation.IsDns1123Subdomain(host);
                foreach (var msg in messages)
                {
                    yield return FieldError.Invalid(hostPath, host, msg);
                }
            }
            if (!wildcard || !options.AllowInvalidWildcardHostRule)
            {
                foreach (var error in IngressBackendValidator.ValidateRuleValue(rule, path.Index(i)))
                {
                    yield return error;
                }
            }
        }
    }

    private static IEnumerable<FieldError> ValidateTls(IList<V1IngressTLS> tls, FieldPath path, IngressValidationOptions options)
    {
        for (var t = 0; t < tls.Count; t++)
        {
            var entry = tls[t] ?? new V1IngressTLS();
            var hosts = entry.Hosts ?? [];
            for (var h = 0; h < hosts.Count; h++)
            {
                var host = hosts[h] ?? "";
                var messages = host.Contains('*', StringComparison.Ordinal)
                    ? NameValidation.IsWildcardDns1123Subdomain(host)
                    : NameValidation.IsDns1123Subdomain(host);
                foreach (var msg in messages)
                {
                    yield return FieldError.Invalid(path.Index(t).Child("hosts").Index(h), host, msg);
                }
            }
            if (!options.AllowInvalidSecretName)
            {
                foreach (var msg in SecretNameErrors(entry.SecretName))
                {
                    yield return FieldError.Invalid(path.Index(t).Child("secretName"), entry.SecretName, msg);
                }
            }
        }
    }

    /// <summary><c>validateTLSSecretName</c>: an empty name is fine (SNI without a certificate of its own).</summary>
    public static IReadOnlyList<string> SecretNameErrors(string? name) =>
        string.IsNullOrEmpty(name) ? [] : NameValidation.NameIsDnsSubdomain(name, false);
}
