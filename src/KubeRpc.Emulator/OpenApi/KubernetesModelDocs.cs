using System.Reflection;
using System.Text;
using System.Xml;
using k8s.Models;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>
/// Field and type descriptions for the KubernetesClient models, read from the package's XML doc file
/// (<c>KubernetesClient.xml</c>, copied next to the emulator by <c>CopyDocumentationFilesFromPackages</c>).
/// The summaries are Kubernetes' own API comments, so they become the OpenAPI <c>description</c>s that
/// <c>kubectl explain</c> prints. A missing or unreadable file yields no descriptions, never an error.
/// </summary>
public sealed class KubernetesModelDocs
{
    private const string ModelPrefix = "k8s.Models.";
    private static readonly Lazy<KubernetesModelDocs> LazyDefault = new(LoadDefault);
    private readonly Dictionary<string, string> summaries;

    private KubernetesModelDocs(Dictionary<string, string> summaries) => this.summaries = summaries;

    /// <summary>No descriptions at all.</summary>
    public static KubernetesModelDocs Empty { get; } = new([]);

    /// <summary>
    /// The docs next to the emulator or the KubernetesClient assembly, else in the NuGet package cache (hosts that
    /// reference the emulator do not get the file copied), loaded once on first use.
    /// </summary>
    public static KubernetesModelDocs Default => LazyDefault.Value;

    /// <summary>Number of model types and properties described.</summary>
    public int Count => summaries.Count;

    /// <summary>Loads the <c>k8s.Models</c> summaries from an XML doc file; <see cref="Empty"/> if it is missing or invalid.</summary>
    public static KubernetesModelDocs Load(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return Empty;
            }
            using var stream = File.OpenRead(path);
            return new KubernetesModelDocs(Read(stream));
        }
        catch (Exception e) when (e is IOException or XmlException or UnauthorizedAccessException)
        {
            return Empty;
        }
    }

    /// <summary>The description of a model type, e.g. "ServicePort contains information on service's port."</summary>
    public string? Describe(Type type) => summaries.GetValueOrDefault("T:" + type.FullName);

    /// <summary>The description of a model property, e.g. of <c>V1ServicePort.Port</c>.</summary>
    public string? Describe(PropertyInfo property) =>
        property.DeclaringType is { } owner ? summaries.GetValueOrDefault("P:" + owner.FullName + "." + property.Name) : null;

    private static KubernetesModelDocs LoadDefault()
    {
        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "KubernetesClient.xml") };
        var clientAssembly = typeof(V1Service).Assembly.Location;
        if (clientAssembly.Length > 0)
        {
            candidates.Add(Path.ChangeExtension(clientAssembly, ".xml"));
        }
        candidates.AddRange(PackageCacheCandidates());
        return candidates.Select(Load).FirstOrDefault(docs => docs.Count > 0) ?? Empty;
    }

    private static IEnumerable<string> PackageCacheCandidates()
    {
        var version = typeof(V1Service).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (version is null)
        {
            yield break;
        }
        version = version.Split('+')[0];
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }
        foreach (var tfm in new[] { "net10.0", "net9.0", "net8.0" })
        {
            yield return Path.Combine(root, "kubernetesclient", version, "lib", tfm, "KubernetesClient.xml");
        }
    }

    private static Dictionary<string, string> Read(Stream stream)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        while (reader.ReadToFollowing("member"))
        {
            var name = reader.GetAttribute("name");
            // Only the models matter; the file also documents the whole client (25 MB), so skip the rest cheaply.
            if (name is null || name.Length < 3 || string.CompareOrdinal(name, 2, ModelPrefix, 0, ModelPrefix.Length) != 0
                || name[0] is not ('T' or 'P'))
            {
                continue;
            }
            using var member = reader.ReadSubtree();
            if (member.ReadToDescendant("summary"))
            {
                var text = Normalize(member.ReadElementContentAsString());
                if (text.Length > 0)
                {
                    result[name] = text;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Rejoins the doc generator's wrapped lines into Kubernetes' original text: lines of one paragraph are joined
    /// with a space (kubectl's word wrapper drops newlines, so a newline would glue words together), blank lines
    /// become paragraph breaks, and bullet lines keep their own line.
    /// </summary>
    internal static string Normalize(string raw)
    {
        var text = new StringBuilder(raw.Length);
        var pendingBreak = "";
        foreach (var rawLine in raw.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                pendingBreak = text.Length > 0 ? "\n\n" : "";
                continue;
            }
            if (text.Length > 0)
            {
                var bullet = line.StartsWith("* ", StringComparison.Ordinal) || line.StartsWith("- ", StringComparison.Ordinal);
                text.Append(pendingBreak.Length > 0 ? pendingBreak : bullet ? "\n" : " ");
            }
            text.Append(line);
            pendingBreak = "";
        }
        return text.ToString();
    }
}
