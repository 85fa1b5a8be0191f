namespace KubeRpc.Emulator.Storage;

/// <summary>Watch event types as they appear on the wire.</summary>
internal enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}
