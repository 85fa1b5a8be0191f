using KubeRpc.Machinery.Text;

namespace KubeRpc.Emulator.Api;

/// <summary>The size and nesting limits the emulator enforces on what callers send, each with its source.</summary>
internal static class ApiLimits
{
    /// <summary>
    /// The largest request body: kube-apiserver's <c>MaxRequestBodyBytes</c> default of 3 MiB (k8s.io/apiserver
    /// <c>server.NewConfig</c>); its handlers refuse more with 413 <c>Request entity too large: limit is 3145728</c>.
    /// </summary>
    public const int MaxRequestBodyBytes = 3 * 1024 * 1024;

    /// <summary>
    /// The largest object the store keeps: etcd's default request limit of 1.5 MiB (<c>--max-request-bytes</c>,
    /// <c>embed.DefaultMaxRequestBytes</c>), which kube-apiserver's defaults are sized around.
    /// </summary>
    public const int MaxObjectBytes = 1536 * 1024;

    /// <summary>
    /// How many bytes the <c>copy</c> operations of one JSON patch may add: kube-apiserver's <c>JSONPatchMaxCopyBytes</c>
    /// default of 3 MiB (k8s.io/apiserver <c>server.NewConfig</c>), handed to evanphx/json-patch as
    /// <c>AccumulatedCopySizeLimit</c>.
    /// </summary>
    public const long JsonPatchMaxCopyBytes = 3 * 1024 * 1024;

    /// <summary>
    /// The deepest nesting of JSON objects and arrays the emulator reads or produces. Go's decoder allows 10000
    /// levels; the emulator's recursive walkers and System.Text.Json (64 levels by default) need far less, and
    /// nothing Kubernetes sends for the emulated kinds is deeper than about 20 (managedFields included).
    /// </summary>
    public const int MaxJsonDepth = 48;

    /// <summary>Characters of one input value a message may repeat (see <see cref="Excerpt"/>).</summary>
    public const int MaxQuotedLength = 256;

    /// <summary>Characters of a whole message built from input (several values, or a list of errors about them).</summary>
    public const int MaxQuotedMessageLength = 1024;
}
