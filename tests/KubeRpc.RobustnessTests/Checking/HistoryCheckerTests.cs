using KubeRpc.RobustnessTests.History;

namespace KubeRpc.RobustnessTests.Checking;

/// <summary>The checker on hand-made histories: a clean one passes, each known violation is named.</summary>
public sealed class HistoryCheckerTests
{
    // The API server: a created at 10, b created at 11, a patched at 12 (op a.2), b deleted at 13.
    private static readonly ApiChange[] Changes =
    [
        new("ADDED", "ns/a", 10, "a.1"),
        new("ADDED", "ns/b", 11, "b.1"),
        new("MODIFIED", "ns/a", 12, "a.2"),
        new("DELETED", "ns/b", 13, null),
    ];

    private static readonly Dictionary<string, long> Final = new() { ["ns/a"] = 12 };

    private static readonly WriteRecord[] Writes =
    [
        new("w", "A", "create", "ns/a", "a.1", WriteOutcome.Acknowledged, 10, null),
        new("w", "B", "create", "ns/b", "b.1", WriteOutcome.Acknowledged, 11, null),
        new("w", "A", "patch", "ns/a", "a.2", WriteOutcome.Acknowledged, 12, null),
        new("w", "B", "delete", "ns/b", null, WriteOutcome.Acknowledged, 13, null),
    ];

    private static SubscriberStep[] CleanStream() =>
    [
        new Listed("A", 9, new Dictionary<string, long>()),
        new Opened("A", 9),
        new Received("ADDED", "ns/a", 10, 10),
        new Received("ADDED", "ns/b", 11, 11),
        new Ended(false, "Aborted", "WATCH_TOO_SLOW"),
        new Opened("B", 11),
        new Received("MODIFIED", "ns/a", 12, 12),
        new Received("DELETED", "ns/b", 13, 13),
        new Ended(true, "Cancelled", null),
    ];

    private static RunHistory History(SubscriberStep[]? steps = null, WriteRecord[]? writes = null, ReadRecord[]? reads = null,
        Dictionary<string, long>? subscriberEnd = null) =>
        new(new Dictionary<string, long>(), Changes, writes ?? Writes, reads ?? [],
            [new SubscriberRecord("s", steps ?? CleanStream(), subscriberEnd ?? Final)], Final);

    [Fact]
    public void CleanHistory_NoViolation() => Assert.Empty(HistoryChecker.Check(History(reads:
    [
        new ReadRecord("r", "B", false, "ns/a", 12, "A", 12, null, null),
        new ReadRecord("r", "A", false, null, 11, "B", null, new Dictionary<string, long> { ["ns/a"] = 10, ["ns/b"] = 11 }, 11),
    ])));

    [Fact]
    public void LostWrite_AcknowledgedButNotInTheLog_Reported()
    {
        var violations = HistoryChecker.Check(History(writes: [.. Writes, new("w", "B", "patch", "ns/a", "a.3", WriteOutcome.Acknowledged, 14, null)]));
        Assert.Contains(violations, v => v.StartsWith("lost write: w patch ns/a through B acknowledged at 14", StringComparison.Ordinal));
    }

    [Fact]
    public void RefusedWrite_ThatLanded_Reported()
    {
        var violations = HistoryChecker.Check(History(writes: [.. Writes, new("w", "A", "patch", "ns/a", "a.2", WriteOutcome.Refused, null, "Aborted")]));
        Assert.Contains(violations, v => v.Contains("was refused (Aborted) yet the API server stored it at 12", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateEvent_Reported()
    {
        var steps = CleanStream().ToList();
        steps.Insert(7, new Received("MODIFIED", "ns/a", 12, 12));
        var violations = HistoryChecker.Check(History([.. steps]));
        Assert.Contains(violations, v => v.Contains("duplicate: MODIFIED ns/a@12", StringComparison.Ordinal));
    }

    [Fact]
    public void Gap_AMissingEvent_Reported()
    {
        var steps = CleanStream().Where(s => s is not Received { Key: "ns/b", Type: "ADDED" }).ToArray();
        var violations = HistoryChecker.Check(History(steps));
        Assert.Contains(violations, v => v.Contains("lacks ns/b@11", StringComparison.Ordinal) && v.Contains("a gap", StringComparison.Ordinal));
    }

    [Fact]
    public void RelistBatch_CollapsedChanges_ClosedByItsBookmark_NoViolation()
    {
        // The cache relisted at 13 from 11: a's change arrives carrying 11, b's deletion too, then BOOKMARK 13.
        SubscriberStep[] steps =
        [
            new Listed("A", 11, new Dictionary<string, long> { ["ns/a"] = 10, ["ns/b"] = 11 }),
            new Opened("A", 11),
            new Received("MODIFIED", "ns/a", 12, 11, RelistBatch: true),
            new Received("DELETED", "ns/b", 11, 11, RelistBatch: true),
            new Received("BOOKMARK", "", 0, 13),
            new Ended(true, "Cancelled", null),
        ];
        Assert.Empty(HistoryChecker.Check(History(steps)));
    }

    [Fact]
    public void RelistBatch_ChangeNotMarked_Reported()
    {
        SubscriberStep[] steps =
        [
            new Listed("A", 11, new Dictionary<string, long> { ["ns/a"] = 10, ["ns/b"] = 11 }),
            new Opened("A", 11),
            new Received("MODIFIED", "ns/a", 12, 11),
            new Received("DELETED", "ns/b", 11, 11, RelistBatch: true),
            new Received("BOOKMARK", "", 0, 13),
            new Ended(true, "Cancelled", null),
        ];
        Assert.Contains(HistoryChecker.Check(History(steps)),
            v => v.Contains("MODIFIED ns/a@12 at 11 is no API change of its own and not marked relist_batch", StringComparison.Ordinal));
    }

    [Fact]
    public void EventOutOfOrder_Reported()
    {
        var steps = CleanStream().ToList();
        (steps[6], steps[7]) = (steps[7], steps[6]);
        var violations = HistoryChecker.Check(History([.. steps]));
        Assert.Contains(violations, v => v.Contains("went back", StringComparison.Ordinal));
    }

    [Fact]
    public void StreamEndedWithoutStatus_Reported()
    {
        var steps = CleanStream().ToList();
        steps[4] = new Ended(false, "OK", null);
        Assert.Contains(HistoryChecker.Check(History([.. steps])), v => v.Contains("ended without a status", StringComparison.Ordinal));
    }

    [Fact]
    public void StaleCachedGet_OlderThanItsMinVersion_Reported()
    {
        var violations = HistoryChecker.Check(History(reads: [new ReadRecord("r", "B", false, "ns/a", 12, "A", 10, null, null)]));
        Assert.Contains(violations, v => v.StartsWith("stale read: r cached Get ns/a through B (min 12 from a write through A) returned version 10", StringComparison.Ordinal));
    }

    [Fact]
    public void StaleGet_DeletedObjectStillFound_Reported()
    {
        var violations = HistoryChecker.Check(History(reads: [new ReadRecord("r", "A", false, "ns/b", 13, "B", 11, null, null)]));
        Assert.Contains(violations, v => v.StartsWith("stale read", StringComparison.Ordinal));
    }

    [Fact]
    public void ListNotTheStateAtItsVersion_Reported()
    {
        var violations = HistoryChecker.Check(History(reads:
            [new ReadRecord("r", "A", false, null, 12, "B", null, new Dictionary<string, long> { ["ns/a"] = 10, ["ns/b"] = 11 }, 12)]));
        Assert.Contains(violations, v => v.Contains("is not the state at 12: ns/a@10 (should be 12)", StringComparison.Ordinal));
    }

    [Fact]
    public void SubscriberEndState_NotTheCluster_Reported()
    {
        var violations = HistoryChecker.Check(History(subscriberEnd: new Dictionary<string, long> { ["ns/a"] = 10 }));
        Assert.Contains(violations, v => v.StartsWith("s ended holding ns/a@10 (should be 12)", StringComparison.Ordinal));
    }

    [Fact]
    public void ResumeFromInsideABatch_InsteadOfListing_Reported()
    {
        // A relisted at 13 from 11 and the stream was cut after a's change; resuming from 11 anywhere replays a's change.
        SubscriberStep[] steps =
        [
            new Listed("A", 11, new Dictionary<string, long> { ["ns/a"] = 10, ["ns/b"] = 11 }),
            new Opened("A", 11),
            new Received("MODIFIED", "ns/a", 12, 11, RelistBatch: true),
            new Ended(true, "Cancelled", null),
            new Opened("B", 11),
            new Received("MODIFIED", "ns/a", 12, 12),
            new Received("DELETED", "ns/b", 13, 13),
            new Ended(true, "Cancelled", null),
        ];
        var violations = HistoryChecker.Check(History(steps));
        Assert.Contains(violations, v => v.Contains("resumed from inside a relist batch instead of listing again", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("duplicate: MODIFIED ns/a@12", StringComparison.Ordinal));
    }

    [Fact]
    public void CutInsideABatch_ListedAgain_NoViolation()
    {
        SubscriberStep[] steps =
        [
            new Listed("A", 11, new Dictionary<string, long> { ["ns/a"] = 10, ["ns/b"] = 11 }),
            new Opened("A", 11),
            new Received("MODIFIED", "ns/a", 12, 11, RelistBatch: true),
            new Ended(true, "Cancelled", null),
            new Listed("B", 12, new Dictionary<string, long> { ["ns/a"] = 12, ["ns/b"] = 11 }),
            new Opened("B", 12),
            new Received("DELETED", "ns/b", 13, 13),
            new Ended(true, "Cancelled", null),
        ];
        Assert.Empty(HistoryChecker.Check(History(steps)));
    }

    [Fact]
    public void Selector_ObjectLeavingAndReturning_ArrivesAsDeletedThenAdded_MissingDeletedReported()
    {
        // a is created in tier a, moved to b (leaves tier=a) and back.
        ApiChange[] changes = [new("ADDED", "ns/a", 10, "a.1", "a"), new("MODIFIED", "ns/a", 12, "a.2", "b"), new("MODIFIED", "ns/a", 14, "a.3", "a")];
        var final = new Dictionary<string, long> { ["ns/a"] = 14 };
        RunHistory Run(params SubscriberStep[] received) => new(new Dictionary<string, long>(), changes, [], [],
            [new SubscriberRecord("s", [new Listed("A", 9, new Dictionary<string, long>()), new Opened("A", 9), .. received,
                new Ended(true, "Cancelled", null)], final, "a")], final);

        Assert.Empty(HistoryChecker.Check(Run(
            new Received("ADDED", "ns/a", 10, 10), new Received("DELETED", "ns/a", 12, 12), new Received("ADDED", "ns/a", 14, 14))));
        Assert.Contains(HistoryChecker.Check(Run(new Received("ADDED", "ns/a", 10, 10), new Received("ADDED", "ns/a", 14, 14))),
            v => v.Contains("ADDED ns/a@14 it already holds at 10", StringComparison.Ordinal));
        Assert.Contains(HistoryChecker.Check(Run(
                new Received("ADDED", "ns/a", 10, 10), new Received("MODIFIED", "ns/a", 12, 12), new Received("MODIFIED", "ns/a", 14, 14))),
            v => v.Contains("MODIFIED ns/a@12 at 12 is no API change of its own", StringComparison.Ordinal));
    }
}
