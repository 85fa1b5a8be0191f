using KubeRpc.RobustnessTests.History;

namespace KubeRpc.RobustnessTests.Checking;

/// <summary>
/// Replays one subscriber's lists and streams against the API server's log. After a listing, and after every event
/// that is an API change of its own (its version is that change's), the subscriber must hold exactly the API server's
/// state at that version: so nothing was skipped, doubled or reordered. A relist's batch (changes that carry the
/// version before the relist, README "Watch streams") may collapse changes; the state is checked again at the BOOKMARK
/// that closes it. A bookmark at V promises everything up to V, so the state is checked there too.
/// </summary>
/// <remarks>
/// A stream cut inside a batch leaves the subscriber at the version before the relist, P, holding part of the batch.
/// The replica that relisted answers a resume from P with OUT_OF_RANGE; another replica, which did not relist there,
/// replays the changes after P one by one, and the subscriber sees some of them again. The resource-version contract
/// does not cover that case (README "Watch streams"): such repeats, until the next BOOKMARK or listing, are noted in
/// <paramref name="notes"/>, not counted as violations; the subscriber's end state is still checked.
/// </remarks>
internal sealed class StreamChecker(SubscriberRecord subscriber, Timeline timeline, List<string> violations, List<string> notes)
{
    private string _batchReplica = "";
    private string _replica = "";
    private bool _replayAfterCutBatch;
    private readonly Timeline.Cursor _cursor = timeline.Walk();
    private readonly Dictionary<string, long> _state = new(StringComparer.Ordinal);
    private readonly HashSet<long> _seen = [];
    private long _point;
    private long? _pending; // an event's version whose state check waits to see whether a batch follows at the same version
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
                    Flush();
                    _state.Clear();
                    foreach (var (key, rv) in listed.Items)
                    {
                        _state[key] = rv;
                    }
                    _seen.Clear();
                    _point = listed.Rv;
                    _inBatch = false;
                    _replayAfterCutBatch = false;
                    Expect(listed.Rv, $"its listing through {listed.Replica}");
                    break;
                case Opened opened:
                    _stream++;
                    _open = true;
                    _replayAfterCutBatch |= _inBatch && opened.Replica != _batchReplica;
                    _replica = $"{opened.Replica} from {opened.From}";
                    break;
                case Received { Type: "BOOKMARK" } bookmark:
                    Flush();
                    if (bookmark.EventRv < _point)
                    {
                        Fail($"BOOKMARK went back from {_point} to {bookmark.EventRv}");
                    }
                    _point = bookmark.EventRv;
                    _inBatch = false;
                    _replayAfterCutBatch = false;
                    Expect(bookmark.EventRv, "a BOOKMARK");
                    break;
                case Received e:
                    Apply(e);
                    break;
                case Ended ended:
                    Flush();
                    if (!ended.ByClient && ended.Code == "OK")
                    {
                        Fail("the stream ended without a status (OK)");
                    }
                    else if (!ended.ByClient && ended.Code != "Cancelled" && ended.Reason is null)
                    {
                        Fail($"the stream ended with {ended.Code} without an ErrorInfo reason");
                    }
                    _open = false;
                    break;
            }
        }
        Flush();
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
        var ownChange = change is not null && change.Key == e.Key && change.Type == e.Type && (e.Type == "DELETED" || e.ObjectRv == e.EventRv);
        if (_pending == e.EventRv || !ownChange || e.EventRv == _point)
        {
            // A batch: more than one event at one version, or an event that is no API change of its own.
            _pending = null;
            if (!_inBatch)
            {
                _batchReplica = _replica.Split(' ')[0];
            }
            _inBatch = true;
        }
        else
        {
            Flush();
            if (!_seen.Add(e.EventRv))
            {
                Fail($"duplicate: {e.Type} {e.Key} at {e.EventRv} again");
            }
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
            _pending = e.EventRv;
        }
    }

    private void Flush()
    {
        if (_pending is { } rv)
        {
            _pending = null;
            Expect(rv, "an event");
        }
    }

    private void Expect(long rv, string after)
    {
        var expected = _cursor.StateAt(rv);
        if (!HistoryChecker.Same(_state, expected))
        {
            Fail($"after {after} at {rv} it holds {HistoryChecker.Difference(_state, expected)} (a gap, a repeat or a change out of order)");
        }
    }

    private void Fail(string what)
    {
        var line = $"{subscriber.Name} stream {_stream} ({_replica}): {what}";
        if (_replayAfterCutBatch)
        {
            notes.Add($"{line} [replayed: resumed on another replica inside a relist batch of {_batchReplica}]");
        }
        else
        {
            violations.Add(line);
        }
    }
}
