using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using k8s;
using k8s.Models;

namespace KubeRpc.Benchmarks;

/// <summary>
/// A change source that stands in for the cluster behind KubeRpc's informer: KubeRpc's KubernetesClient is pointed
/// at <see cref="FeedApiHandler"/>, which lists a pool of Services and streams their watch as the API server would
/// (newline-delimited JSON), and this feed writes one MODIFIED line per change (a label and the resourceVersion
/// change, every line the same size). KubeRpc still decodes every event with KubernetesClient, projects it, caches
/// and broadcasts it; only the API server's own write path (in the emulator: admission and managedFields under one
/// lock) is left out, so the changes come faster than 100 subscribers can take them.
/// </summary>
internal sealed class ServiceFeed : IChangeSource
{
    // Ten digits throughout, so every event has the same size.
    private const long BaseVersion = 1_000_000_000;
    private const string VersionMark = "@@RESOURCE-VERSION@@";
    private const string LabelMark = "@@LABEL-VALUE@@";

    private readonly Lock _gate = new();
    private readonly string[] _templates;
    private readonly string[] _current;
    private readonly List<PipeWriter> _watches = [];
    private long _version = BaseVersion;

    /// <summary>Takes the pool as the API server serves it (metadata, managedFields, spec, status), label included.</summary>
    public ServiceFeed(IEnumerable<V1Service> pool)
    {
        _templates = [.. pool.Select(service =>
        {
            service.Metadata.Labels[LabelWriters.Label] = LabelMark;
            service.Metadata.ResourceVersion = VersionMark;
            return KubernetesJson.Serialize(service);
        })];
        _current = [.. _templates.Select(t => Fill(t, BaseVersion))];
    }

    public string Description => $"a watch feed stands in for the API server: one MODIFIED line per change to {_templates.Length} Services";

    public long LastResourceVersion => Interlocked.Read(ref _version) == BaseVersion ? 0 : Interlocked.Read(ref _version);

    /// <summary>A KubernetesClient that lists and watches this feed (and finds no Ingresses).</summary>
    public IKubernetes CreateClient() =>
        new Kubernetes(new KubernetesClientConfiguration { Host = "http://feed.invalid" }, new FeedApiHandler(this));

    /// <summary>The current pool as a ServiceList at the current version.</summary>
    public string List()
    {
        lock (_gate)
        {
            return $$"""{"apiVersion":"v1","kind":"ServiceList","metadata":{"resourceVersion":"{{_version}}"},"items":[{{string.Join(',', _current)}}]}""";
        }
    }

    /// <summary>A watch stream that receives every change made from now on.</summary>
    public Stream Watch()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        lock (_gate)
        {
            _watches.Add(pipe.Writer);
        }
        return pipe.Reader.AsStream();
    }

    public async Task<ChangeRun> RunAsync(double perSecond, TimeSpan duration)
    {
        var total = perSecond > 0 ? (long)(perSecond * duration.TotalSeconds) : long.MaxValue;
        var start = Stopwatch.GetTimestamp();
        var written = 0L;
        while (written < total)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            long due;
            if (perSecond > 0)
            {
                due = Math.Min(total, (long)(elapsed.TotalSeconds * perSecond) + 1);
                if (due <= written)
                {
                    // Nothing due yet: sleep until the next change is (at least a timer tick), never spin.
                    var wait = TimeSpan.FromSeconds(written / perSecond) - elapsed;
                    await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1));
                    continue;
                }
            }
            else if (elapsed >= duration)
            {
                break;
            }
            else
            {
                due = written + 64;
            }
            // Everything due goes out as one batch and one flush; a full pipe (the informer behind) holds us here.
            await WriteBatchAsync(due - written);
            written = due;
        }
        return new ChangeRun(written, Stopwatch.GetElapsedTime(start));
    }

    public async Task WriteAsync(long count)
    {
        for (var done = 0L; done < count; done += 64)
        {
            await WriteBatchAsync(Math.Min(64, count - done));
        }
    }

    private async Task WriteBatchAsync(long count)
    {
        PipeWriter[] watches;
        lock (_gate)
        {
            watches = [.. _watches];
        }
        for (var n = 0; n < count; n++)
        {
            string line;
            lock (_gate)
            {
                var version = ++_version;
                var i = (int)(version % _templates.Length);
                _current[i] = Fill(_templates[i], version);
                line = "{\"type\":\"MODIFIED\",\"object\":" + _current[i] + "}\n";
            }
            foreach (var watch in watches)
            {
                Encoding.UTF8.GetBytes(line, watch);
            }
        }
        foreach (var watch in watches)
        {
            if ((await watch.FlushAsync()).IsCompleted)
            {
                // The informer closed this watch (it restarts a silent one); its successor is already registered.
                lock (_gate)
                {
                    _watches.Remove(watch);
                }
            }
        }
    }

    private static string Fill(string template, long version)
    {
        var text = version.ToString(CultureInfo.InvariantCulture);
        return template.Replace(VersionMark, text, StringComparison.Ordinal).Replace(LabelMark, "v" + text, StringComparison.Ordinal);
    }
}
