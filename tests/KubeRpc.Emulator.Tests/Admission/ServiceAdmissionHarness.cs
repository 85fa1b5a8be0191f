using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission;
using KubeRpc.Emulator.Admission.Services;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>The outcome of one write through the harness: the admitted object (when it passed) and the errors.</summary>
public sealed record ServiceAdmissionResult(V1Service Object, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Drives a <see cref="ServiceStrategy"/> in the order the store will (see <see cref="ResourceStrategy"/>) over an
/// in-memory map of committed Services, filling in the generic metadata the store owns (uid, timestamps).
/// </summary>
public sealed class ServiceAdmissionHarness : IClusterReader
{
    private readonly Dictionary<string, V1Service> _stored = [];

    public ServiceAdmissionHarness(int seed = 7)
    {
        Strategy = new ServiceStrategy(new ClusterIpAllocator(random: new Random(seed)), new NodePortAllocator(random: new Random(seed)));
    }

    public ServiceStrategy Strategy { get; }

    public IReadOnlyDictionary<string, V1Service> Stored => _stored;

    public IEnumerable<IKubernetesObject<V1ObjectMeta>> List(string plural) => plural == "services" ? _stored.Values : [];

    /// <summary>POST: Default → BeginCreate → PrepareForCreate → ValidateCreate → commit (unless dry run).</summary>
    public ServiceAdmissionResult Create(V1Service service, bool dryRun = false)
    {
        var obj = Copy(service);
        var context = new AdmissionContext(dryRun, this);
        obj.Metadata ??= new V1ObjectMeta();
        obj.Metadata.NamespaceProperty ??= "default";
        Strategy.Default(obj, context);
        var errors = Strategy.BeginCreate(obj, context).ToList();
        if (errors.Count == 0)
        {
            Strategy.PrepareForCreate(obj);
            errors = Strategy.ValidateCreate(obj, context).ToList();
        }
        if (errors.Count == 0)
        {
            obj.Metadata.Uid = Guid.NewGuid().ToString();
            obj.Metadata.CreationTimestamp = new DateTime(2026, 1, 2, 15, 4, 5, DateTimeKind.Utc);
            if (!dryRun)
            {
                _stored[Key(obj)] = Copy(obj);
                Strategy.OnCommitted(null, obj);
            }
        }
        return new(obj, errors);
    }

    /// <summary>PUT of the stored object after <paramref name="mutate"/>: Default → BeginUpdate → PrepareForUpdate → ValidateUpdate.</summary>
    public ServiceAdmissionResult Update(string name, Action<V1Service> mutate, bool dryRun = false, string ns = "default")
    {
        var old = _stored[ns + "/" + name];
        var obj = Copy(old);
        mutate(obj);
        var context = new AdmissionContext(dryRun, this);
        Strategy.Default(obj, context);
        var errors = Strategy.BeginUpdate(obj, old, context).ToList();
        if (errors.Count == 0)
        {
            Strategy.PrepareForUpdate(obj, old);
            errors = Strategy.ValidateUpdate(obj, old, context).ToList();
        }
        if (errors.Count == 0 && !dryRun)
        {
            _stored[Key(obj)] = Copy(obj);
            Strategy.OnCommitted(old, obj);
        }
        return new(obj, errors);
    }

    /// <summary>PUT /status of the stored object after <paramref name="mutate"/>.</summary>
    public ServiceAdmissionResult UpdateStatus(string name, Action<V1Service> mutate, string ns = "default")
    {
        var old = _stored[ns + "/" + name];
        var obj = Copy(old);
        mutate(obj);
        var context = new AdmissionContext(false, this);
        Strategy.PrepareForStatusUpdate(obj, old);
        var errors = Strategy.ValidateStatusUpdate(obj, old, context).ToList();
        if (errors.Count == 0)
        {
            _stored[Key(obj)] = Copy(obj);
            Strategy.OnCommitted(old, obj);
        }
        return new(obj, errors);
    }

    /// <summary>DELETE: the store drops the object and tells the strategy.</summary>
    public void Delete(string name, string ns = "default")
    {
        var key = ns + "/" + name;
        var old = _stored[key];
        _stored.Remove(key);
        Strategy.OnCommitted(old, null);
    }

    public static V1Service Copy(V1Service service) =>
        KubernetesJson.Deserialize<V1Service>(KubernetesJson.Serialize(service));

    private static string Key(V1Service service) => service.Metadata.NamespaceProperty + "/" + service.Metadata.Name;
}
