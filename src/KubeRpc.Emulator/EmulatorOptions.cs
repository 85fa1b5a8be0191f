using KubeRpc.Emulator.Storage;

namespace KubeRpc.Emulator;

/// <summary>Settings of one emulator instance.</summary>
public sealed record EmulatorOptions
{
    /// <summary>How much change history each resource keeps for watch resume and paged lists.</summary>
    public HistoryOptions History { get; init; } = new();

    /// <summary>How often watches that allow bookmarks get one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock for timestamps and history age.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
