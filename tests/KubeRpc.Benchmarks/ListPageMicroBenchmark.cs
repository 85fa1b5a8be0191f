using System.Collections.Immutable;
using System.Diagnostics;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Grpc.Resources;
using KubeRpc.Server.Kinds;
using KubeRpc.Server.Watching;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The server's own work for a cached List page of 50, in process: the filter, the walk of the snapshot, the next page
/// token, the reply's encoding into a buffer; beside the copy of the same bytes alone (what a bare server also does).
/// </summary>
internal static class ListPageMicroBenchmark
{
    public static void Run(int objects, int pageSize)
    {
        var set = StoreSnapshot<Service>.EmptySet.ToBuilder();
        for (var i = 0; i < objects; i++)
        {
            set.Add(new CachedObject<Service>(new ObjectKey("bench-00", $"svc-{i:D6}"), i + 1, new byte[1190], null, SelectableFields.MetadataOnly, []));
        }
        var snapshot = new StoreSnapshot<Service>(
            ImmutableSortedDictionary.Create<string, ImmutableSortedSet<CachedObject<Service>>>(StringComparer.Ordinal).Add("bench-00", set.ToImmutable()),
            objects, ImmutableDictionary<string, long>.Empty.Add("", objects + 1));
        var pins = new PinnedSnapshots<Service>(64, TimeSpan.FromMinutes(5), TimeProvider.System);
        var page = Page(snapshot, pins, pageSize);
        var buffer = new byte[page.Length];
        var source = new byte[page.Length];
        const int n = 100_000;
        for (var round = 0; round < 5; round++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                var reply = Page(snapshot, pins, pageSize);
                reply.WriteTo(buffer.AsSpan(0, reply.Length));
            }
            var pageNs = sw.Elapsed.TotalNanoseconds / n;
            sw.Restart();
            for (var i = 0; i < n; i++)
            {
                source.AsSpan().CopyTo(buffer);
            }
            var copyNs = sw.Elapsed.TotalNanoseconds / n;
            sw.Restart();
            var seen = 0;
            for (var i = 0; i < n; i++)
            {
                var k = 0;
                foreach (var o in snapshot.List("bench-00"))
                {
                    if (++k > pageSize) break;
                    seen += o.Length;
                }
            }
            var walkNs = sw.Elapsed.TotalNanoseconds / n;
            sw.Restart();
            var set0 = snapshot.NamespaceIndex["bench-00"];
            for (var i = 0; i < n; i++)
            {
                var k = 0;
                foreach (var o in set0)
                {
                    if (++k > pageSize) break;
                    seen += o.Length;
                }
            }
            var walk2Ns = sw.Elapsed.TotalNanoseconds / n;
            sw.Restart();
            for (var i = 0; i < n; i++)
            {
                seen += PageToken.Encode(PagePath.Cache, new CachePosition(12345678901, 1001, new ObjectKey("bench-00", "svc-000049")).ToString(), "services\nbench-00\n\n\ncached").Length;
            }
            var tokenNs = sw.Elapsed.TotalNanoseconds / n;
            sw.Restart();
            for (var i = 0; i < n; i++)
            {
                page.WriteTo(buffer.AsSpan(0, page.Length));
            }
            var writeNs = sw.Elapsed.TotalNanoseconds / n;
            sw.Restart();
            for (var i = 0; i < n; i++)
            {
                seen += WatchFilter.ForRequest("bench-00", "", "", bookmarks: false, SelectableFields.MetadataOnly, "services").Bookmarks ? 1 : 0;
            }
            var filterNs = sw.Elapsed.TotalNanoseconds / n;
            Console.WriteLine($"# walk {walkNs:0} (on the set {walk2Ns:0}) token {tokenNs:0} write {writeNs:0} filter {filterNs:0} ({seen % 10})");
            Console.WriteLine($"page of {pageSize} ({page.Length} B): {pageNs:0} ns; the copy alone {copyNs:0} ns; the server's own work {pageNs - copyNs:0} ns");
        }
    }

    private static KubeRpc.Server.Wire.EncodedList Page(StoreSnapshot<Service> snapshot, PinnedSnapshots<Service> pins, int limit)
    {
        const string ns = "bench-00";
        var scope = $"services\n{ns}\n\n\ncached";
        var filter = WatchFilter.ForRequest(ns, "", "", bookmarks: false, SelectableFields.MetadataOnly, "services");
        return CachedListing.Page(snapshot, pins, filter, ns, limit, null, scope);
    }
}
