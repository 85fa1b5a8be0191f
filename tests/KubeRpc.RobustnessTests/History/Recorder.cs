namespace KubeRpc.RobustnessTests.History;

/// <summary>The writes and reads of every client, as they complete; and the latest acknowledged writes, for readers to chase.</summary>
internal sealed class Recorder
{
    private readonly List<WriteRecord> _writes = [];
    private readonly List<ReadRecord> _reads = [];
    private readonly List<WriteRecord> _recent = [];

    public void Write(WriteRecord write)
    {
        lock (_writes)
        {
            _writes.Add(write);
            if (write.Outcome == WriteOutcome.Acknowledged)
            {
                _recent.Add(write);
                if (_recent.Count > 64)
                {
                    _recent.RemoveAt(0);
                }
            }
        }
    }

    public void Read(ReadRecord read)
    {
        lock (_reads)
        {
            _reads.Add(read);
        }
    }

    /// <summary>One of the latest acknowledged writes, or null before any.</summary>
    public WriteRecord? RecentWrite(Random random)
    {
        lock (_writes)
        {
            return _recent.Count == 0 ? null : _recent[random.Next(_recent.Count)];
        }
    }

    public IReadOnlyList<WriteRecord> Writes()
    {
        lock (_writes)
        {
            return [.. _writes];
        }
    }

    public IReadOnlyList<ReadRecord> Reads()
    {
        lock (_reads)
        {
            return [.. _reads];
        }
    }
}
