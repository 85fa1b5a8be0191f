namespace KubeRpc.Benchmarks;

/// <summary>The process's GC counters at one moment; the difference of two is what happened between them.</summary>
internal readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Allocated)
{
    public static GcCounts Take() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

    public static GcCounts operator -(GcCounts a, GcCounts b) =>
        new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Paused - b.Paused, a.Allocated - b.Allocated);

    public override string ToString() =>
        $"gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2} collections, {Paused.TotalSeconds:0.00} s paused, {Allocated / 1e6:N0} MB allocated";
}
