using KubeRpc.Emulator.Auth;
using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator;

/// <summary>Settings of one emulator instance.</summary>
public sealed record EmulatorOptions
{
    /// <summary>How much change history each resource keeps for watch resume and paged lists.</summary>
    public HistoryOptions History { get; init; } = new();

    /// <summary>How often watches that allow bookmarks get one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often watchers are checked for having fallen behind the history (then they are ended).</summary>
    public TimeSpan SlowWatcherCheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock for timestamps, history age and service-account token lifetimes.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Bearer tokens that authenticate as fixed users, as kube-apiserver's <c>--token-auth-file</c> does (for a client that
    /// must present a token, e.g. from a kubeconfig); <c>system:authenticated</c> is added to their groups. Empty: only
    /// service-account tokens from TokenRequest authenticate.
    /// </summary>
    public IReadOnlyDictionary<string, UserInfo> StaticTokens { get; init; } = new Dictionary<string, UserInfo>();

    /// <summary>
    /// The range the simulated kubelet takes pod IPs from (IPv4 CIDR; network and broadcast addresses are skipped). A
    /// test may use <c>127.0.0.0/24</c> so that backends listening on 127.0.0.x answer at their pod IPs.
    /// </summary>
    public string PodCidr { get; init; } = "10.244.0.0/16";

    /// <summary>
    /// How long a deleted Pod stays Terminating (not ready) before the simulated kubelet removes it, in place of the
    /// pod's full grace period; timed by <see cref="TimeProvider"/>.
    /// </summary>
    public TimeSpan PodShutdown { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether the EndpointSlice controller runs. Load benchmarks turn it off: it makes a pass over every Service after
    /// each change, inside the API server's process (kube-controller-manager is a process of its own), so under a stream
    /// of writes it takes a core the API server would have.
    /// </summary>
    public bool EndpointSliceController { get; init; } = true;
}
