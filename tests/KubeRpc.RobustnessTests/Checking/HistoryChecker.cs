using KubeRpc.RobustnessTests.History;

namespace KubeRpc.RobustnessTests.Checking;

/// <summary>
/// Proves from a <see cref="RunHistory"/> what KubeRpc promises (README "Reads and consistency", "Watch streams"), each
/// failure a line naming what broke: writes (acknowledged ones stored, refused ones not), reads (never older than asked
/// for, a List exactly the state at its version), streams (ordered, no duplicates, no gaps against the API server's
/// log except inside a relist's batch, closed with a status) and every subscriber's end state.
/// </summary>
internal static class HistoryChecker
{
    public static List<string> Check(RunHistory run)
    {
        var timeline = new Timeline(run.StartState, run.Changes);
        var violations = new List<string>();
        CheckLog(run, timeline, violations);
        CheckWrites(run, timeline, violations);
        CheckReads(run, timeline, violations);
        foreach (var subscriber in run.Subscribers)
        {
            new StreamChecker(subscriber, timeline, violations).Run();
            var visible = timeline.Visible(run.FinalState, subscriber.Tier);
            if (!Same(subscriber.FinalState, visible))
            {
                violations.Add($"{subscriber.Name} ended holding {Difference(subscriber.FinalState, visible)}");
            }
        }
        return violations;
    }

    /// <summary>The log replayed is the cluster at the end: the evidence itself is whole.</summary>
    private static void CheckLog(RunHistory run, Timeline timeline, List<string> violations)
    {
        var replayed = timeline.Walk().StateAt(long.MaxValue);
        if (!Same(replayed, run.FinalState))
        {
            violations.Add($"the API server's change log replayed differs from its final state: {Difference(replayed, run.FinalState)}");
        }
    }

    private static void CheckWrites(RunHistory run, Timeline timeline, List<string> violations)
    {
        var byOp = run.Changes.Where(c => c.Op is not null).GroupBy(c => c.Op!).ToDictionary(g => g.Key, g => g.First());
        foreach (var write in run.Writes)
        {
            var what = $"{write.Client} {write.Verb} {write.Key} through {write.Replica}";
            switch (write.Outcome)
            {
                case WriteOutcome.Acknowledged when write.Rv is not { } rv:
                    violations.Add($"{what} acknowledged without a resource_version");
                    break;
                case WriteOutcome.Acknowledged when timeline.At(write.Rv.Value) is not { } change || change.Key != write.Key
                    || (write.Verb == "delete" ? change.Type != "DELETED" : change.Op != write.Op):
                    // Lost: the API server holds no such change (so the final state cannot hold it or anything after it).
                    violations.Add($"lost write: {what} acknowledged at {write.Rv} ({write.Op ?? "delete"}), the API server's change there is " +
                        (timeline.At(write.Rv!.Value) is { } other ? $"{other.Type} {other.Key} op {other.Op}" : "none"));
                    break;
                case WriteOutcome.Refused when write.Op is not null && byOp.TryGetValue(write.Op, out var landed):
                    violations.Add($"{what} was refused ({write.Error}) yet the API server stored it at {landed.Rv}");
                    break;
            }
        }
    }

    private static void CheckReads(RunHistory run, Timeline timeline, List<string> violations)
    {
        foreach (var read in run.Reads)
        {
            var what = $"{read.Client} {(read.Strong ? "strong" : "cached")} {(read.Key is null ? "List" : $"Get {read.Key}")} through {read.Replica}" +
                (read.MinFromReplica is null ? "" : $" (min {read.MinRv} from a write through {read.MinFromReplica})");
            if (read.Key is { } key)
            {
                var floor = timeline.VersionAt(key, read.MinRv);
                var later = timeline.After(key, read.MinRv).ToList();
                var fresh = read.Found is { } found
                    ? found == floor || later.Any(c => c.Rv == found && c.Type != "DELETED")
                    : floor is null || later.Any(c => c.Type == "DELETED");
                if (!fresh)
                {
                    violations.Add($"stale read: {what} returned {(read.Found is { } f ? $"version {f}" : "NOT_FOUND")}, " +
                        $"older than {key} at {read.MinRv} ({(floor is { } v ? $"version {v}" : "absent")})");
                }
            }
            else if (read.ListRv is { } listRv)
            {
                if (listRv < read.MinRv)
                {
                    violations.Add($"stale read: {what} answered at {listRv}");
                }
                var expected = timeline.Walk().StateAt(listRv);
                if (!Same(read.Items!, expected))
                {
                    violations.Add($"{what} at {listRv} is not the state at {listRv}: {Difference(read.Items!, expected)}");
                }
            }
        }
    }

    internal static bool Same(IReadOnlyDictionary<string, long> state, IReadOnlyDictionary<string, long> expected) =>
        state.Count == expected.Count && state.All(s => expected.TryGetValue(s.Key, out var rv) && rv == s.Value);

    internal static string Difference(IReadOnlyDictionary<string, long> state, IReadOnlyDictionary<string, long> expected) =>
        string.Join(", ", state.Where(s => !expected.TryGetValue(s.Key, out var rv) || rv != s.Value)
            .Select(s => $"{s.Key}@{s.Value}{(expected.TryGetValue(s.Key, out var rv) ? $" (should be {rv})" : " (should be absent)")}")
            .Concat(expected.Where(c => !state.ContainsKey(c.Key)).Select(c => $"lacks {c.Key}@{c.Value}")).Take(8));
}
