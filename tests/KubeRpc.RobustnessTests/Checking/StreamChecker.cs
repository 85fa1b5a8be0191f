using KubeRpc.RobustnessTests.History;

namespace KubeRpc.RobustnessTests.Checking;

/// <summary>
/// Replays one subscriber's lists and streams against the API server's log. After a listing, and after every live
/// event (an API change of its own: its version is that change's), the subscriber must hold exactly the API server's
/// state at that version: so nothing was skipped, doubled or reordered. A relist's batch (changes marked
/// <c>relist_batch</c>, carrying the version before the relist, README "Watch streams") may collapse changes; the state
/// is checked again at the BOOKMARK that closes it. A bookmark at V promises everything up to V, so the state is
/// checked there too. A subscriber with a label selector sees only the matching objects, an object that starts
/// matching as ADDED and one that stops as DELETED. The marks must be right: a batch change marked, a live event not. A client cut inside a batch
/// holds a state no version describes and must list again; resuming from there is the harness's own bug.
/// </summary>
internal sealed class StreamChecker(SubscriberRecord subscriber, Timeline timeline, List<string> violations)
{
    private string _replica = "";
    private readonly Timeline.Cursor _cursor = timeline.Walk();
    private readonly Dictionary<string, long> _state = new(StringComparer.Ordinal);
    private readonly HashSet<long> _seen = [];
    private long _point;
    private bool _inBatch;
    private int _stream;
    private bool _open;

    public void Run()
    {
        foreach (var step in subscriber.Steps)
        {
            switch (step)
            {
                case Listed listed:
                    _state.Clear();
                    foreach (var (key, rv) in listed.Items)
                    {
                        _state[key] = rv;
                    }
                    _seen.Clear();
                    _point = listed.Rv;
                    _inBatch = false;
                    Expect(listed.Rv, $"its listing through {listed.Replica}");
                    break;
                case Opened opened:
                    _stream++;
                    _open = true;
                    _replica = $"{opened.Replica} from {opened.From}";
                    if (_inBatch)
                    {
                        Fail("resumed from inside a relist batch instead of listing again");
                    }
                    break;
                case Received { Type: "BOOKMARK" } bookmark:
                    if (bookmark.RelistBatch)
                    {
                        Fail($"BOOKMARK at {bookmark.EventRv} marked relist_batch");
                    }
                    if (bookmark.EventRv < _point)
                    {
                        Fail($"BOOKMARK went back from {_point} to {bookmark.EventRv}");
                    }
                    _point = bookmark.EventRv;
                    _inBatch = false;
                    Expect(bookmark.EventRv, "a BOOKMARK");
                    break;
                case Received e:
                    Apply(e);
                    break;
                case Ended ended:
                    if (!ended.ByClient && ended.Code == "OK")
                    {
                        Fail("the stream ended without a status (OK)");
                    }
                    else if (!ended.ByClient && ended.Code != "Cancelled" && ended.Reason is null && !ended.ReplicaRestarted)
                    {
                        Fail($"the stream ended with {ended.Code} without an ErrorInfo reason: \"{ended.Detail}\"");
                    }
                    _open = false;
                    break;
            }
        }
        if (_open)
        {
            Fail("the last stream was still open at the end of the run (the harness did not close it)");
        }
    }

    private void Apply(Received e)
    {
        if (e.EventRv < _point)
        {
            Fail($"{e.Type} {e.Key}@{e.ObjectRv} at {e.EventRv} went back (already at {_point})");
        }
        var change = timeline.At(e.EventRv);
        var ownChange = change is not null && change.Key == e.Key && timeline.EventFor(change, subscriber.Tier) == e.Type
            && (e.Type == "DELETED" || e.ObjectRv == e.EventRv);
        if (e.RelistBatch)
        {
            _inBatch = true;
        }
        else if (_inBatch)
        {
            Fail($"{e.Type} {e.Key} at {e.EventRv} inside a relist batch is not marked relist_batch");
        }
        else if (!ownChange)
        {
            Fail($"{e.Type} {e.Key}@{e.ObjectRv} at {e.EventRv} is no API change of its own and not marked relist_batch");
        }
        else if (!_seen.Add(e.EventRv))
        {
            Fail($"duplicate: {e.Type} {e.Key} at {e.EventRv} again");
        }
        var held = _state.TryGetValue(e.Key, out var previous);
        if (held && e.ObjectRv < previous)
        {
            Fail($"{e.Key} went back from {previous} to {e.ObjectRv} ({e.Type} at {e.EventRv})");
        }
        if (e.Type == "MODIFIED" && held && e.ObjectRv == previous)
        {
            Fail($"duplicate: MODIFIED {e.Key}@{e.ObjectRv} it already holds (at {e.EventRv})");
        }
        if (e.Type == "ADDED" && held)
        {
            Fail($"ADDED {e.Key}@{e.ObjectRv} it already holds at {previous} (at {e.EventRv})");
        }
        else if (e.Type is "MODIFIED" or "DELETED" && !held)
        {
            Fail($"{e.Type} {e.Key}@{e.ObjectRv} it does not hold (at {e.EventRv})");
        }
        if (e.Type == "DELETED")
        {
            _state.Remove(e.Key);
        }
        else
        {
            _state[e.Key] = e.ObjectRv;
        }
        _point = Math.Max(_point, e.EventRv);
        if (!_inBatch)
        {
            Expect(e.EventRv, "an event");
        }
    }

    private void Expect(long rv, string after)
    {
        var expected = timeline.Visible(_cursor.StateAt(rv), subscriber.Tier);
        if (!HistoryChecker.Same(_state, expected))
        {
            Fail($"after {after} at {rv} it holds {HistoryChecker.Difference(_state, expected)} (a gap, a repeat or a change out of order)");
        }
    }

    private void Fail(string what) => violations.Add($"{subscriber.Name} stream {_stream} ({_replica}): {what}");
}
