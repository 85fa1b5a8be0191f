namespace KubeRpc.RobustnessTests.History;

/// <summary>
/// Everything a run did and saw, with results: the API server's own change log, every write and read, every
/// subscriber's lists, streams and events, and the cluster at the end. The checker judges a run from this alone.
/// </summary>
internal sealed record RunHistory(
    IReadOnlyDictionary<string, long> StartState,
    IReadOnlyList<ApiChange> Changes,
    IReadOnlyList<WriteRecord> Writes,
    IReadOnlyList<ReadRecord> Reads,
    IReadOnlyList<SubscriberRecord> Subscribers,
    IReadOnlyDictionary<string, long> FinalState);

/// <summary>A change in the API server's log (keys are namespace/name); <paramref name="Op"/> is the write's <c>op</c> label.</summary>
/// <summary>One change in the API server's log; <paramref name="Tier"/> is the object's <c>tier</c> label after it.</summary>
internal sealed record ApiChange(string Type, string Key, long Rv, string? Op, string? Tier = null);

internal enum WriteOutcome
{
    /// <summary>KubeRpc answered OK with <see cref="WriteRecord.Rv"/>.</summary>
    Acknowledged,

    /// <summary>KubeRpc answered an error that says the write did not happen (AlreadyExists, NotFound, a conflict, invalid).</summary>
    Refused,

    /// <summary>An error that leaves it open (UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, …).</summary>
    Unknown,
}

/// <param name="Op">The <c>op</c> label the write sets (creates, updates and patches; null for a delete).</param>
internal sealed record WriteRecord(string Client, string Replica, string Verb, string Key, string? Op, WriteOutcome Outcome, long? Rv, string? Error);

/// <summary>
/// A Get (<paramref name="Key"/> set) or a List of the namespace. <paramref name="MinRv"/>: the min_resource_version sent
/// (cached) or the API server's version when a strong read began. <paramref name="Found"/>: for a Get, the object's
/// version or null for NOT_FOUND; <paramref name="Items"/> and <paramref name="ListRv"/>: a List's answer.
/// </summary>
internal sealed record ReadRecord(string Client, string Replica, bool Strong, string? Key, long MinRv, string? MinFromReplica,
    long? Found, IReadOnlyDictionary<string, long>? Items, long? ListRv);

/// <summary>What one subscriber did and received, in order, and the state it built.</summary>
/// <param name="Tier">The subscriber lists and watches <c>tier=&lt;Tier&gt;</c> only; null: every Service.</param>
internal sealed record SubscriberRecord(string Name, IReadOnlyList<SubscriberStep> Steps, IReadOnlyDictionary<string, long> FinalState,
    string? Tier = null);

internal abstract record SubscriberStep;

/// <summary>A complete (paged) listing: the state the next watch continues from.</summary>
internal sealed record Listed(string Replica, long Rv, IReadOnlyDictionary<string, long> Items) : SubscriberStep;

/// <summary>A watch opened from <paramref name="From"/>.</summary>
internal sealed record Opened(string Replica, long From) : SubscriberStep;

/// <summary>
/// An event; for a BOOKMARK <paramref name="Key"/> is empty and <paramref name="ObjectRv"/> 0. <paramref name="RelistBatch"/>:
/// the event's <c>relist_batch</c> mark.
/// </summary>
internal sealed record Received(string Type, string Key, long ObjectRv, long EventRv, bool RelistBatch = false) : SubscriberStep;

/// <summary>
/// How a stream ended: <paramref name="ByClient"/> when the subscriber dropped it; else the gRPC status code and its
/// ErrorInfo reason, or <paramref name="Code"/> <c>OK</c> for a stream that just completed. <paramref name="Detail"/>:
/// the status's message, for the report. <paramref name="ReplicaRestarted"/>: the replica was restarted while the stream
/// was open or being opened, so the client's own transport may have reported the end.
/// </summary>
internal sealed record Ended(bool ByClient, string Code, string? Reason, string? Detail = null, bool ReplicaRestarted = false) : SubscriberStep;
