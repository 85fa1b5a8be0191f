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

    /// <summary>The clock for timestamps and history age.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
