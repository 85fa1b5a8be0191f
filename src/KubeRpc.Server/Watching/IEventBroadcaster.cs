namespace KubeRpc.Server.Watching;

/// <summary>What the host's shutdown needs of a kind's <see cref="EventBroadcaster{TProto,TEvent}"/>, whatever its kind.</summary>
internal interface IEventBroadcaster
{
    string Kind { get; }

    /// <summary>Ends every stream with SHUTTING_DOWN and refuses new ones.</summary>
    void Stop();
}
