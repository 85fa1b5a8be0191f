namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>Where kubectl is and how long a test waits for it.</summary>
public static class KubectlDefaults
{
    /// <summary>Bound on one whole kubectl command; kubectl against a loopback emulator takes well under a second.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Bound on waiting for the next line of a background kubectl.</summary>
    public static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The kubectl on PATH (gcloud's dispatcher, which picks kubectl.1.32 from the emulator's /version).</summary>
    public static string Executable => Infrastructure.ExternalTool.Find("kubectl") ?? "kubectl";

    /// <summary>
    /// Variables that would let the host's setup leak into a run: another cluster, a proxy, an editor, or
    /// kubectl preferences. Each run gets its own HOME and an empty kubeconfig instead.
    /// </summary>
    public static readonly string[] ScrubbedVariables =
    [
        "KUBECONFIG", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "KUBE_EDITOR", "EDITOR",
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "ALL_PROXY", "all_proxy",
        "KUBECACHEDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "TMPDIR",
    ];
}
