using k8s;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Admission;

/// <summary>
/// The per-kind behaviour of kube-apiserver's registry (<c>pkg/registry/**/strategy.go</c> plus the defaulting
/// and admission that run on every write). The store calls, in this order, under its write lock:
/// create: <see cref="Default"/> → <see cref="BeginCreate"/> (allocation) → <see cref="PrepareForCreate"/> →
/// <see cref="ValidateCreate"/>; update: <see cref="Default"/> → <see cref="BeginUpdate"/> →
/// <see cref="PrepareForUpdate"/> → <see cref="ValidateUpdate"/>; status update: <see cref="PrepareForStatusUpdate"/>
/// → <see cref="ValidateStatusUpdate"/>; after any change is stored (not on dry run), <see cref="OnCommitted"/>.
/// Objects passed in are private copies the strategy may mutate; <c>old</c> objects must not be mutated.
/// Generic metadata (uid, resourceVersion, timestamps, generateName) is the store's job, not the strategy's.
/// </summary>
public abstract class ResourceStrategy
{
    /// <summary>PUT to a missing object creates it (Service, Endpoints).</summary>
    public virtual bool AllowCreateOnUpdate => false;

    /// <summary>DELETE answers with the object (Service, Namespace) rather than a Success Status.</summary>
    public virtual bool ReturnDeletedObject => false;

    /// <summary>Validates <c>metadata.name</c>; returns the detail messages (empty when valid).</summary>
    public abstract IReadOnlyList<string> ValidateName(string name, bool prefix);

    /// <summary>Applies API defaults (SetDefaults_* and the defaulting admission plugins).</summary>
    public virtual void Default(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) { }

    /// <summary>Allocation and admission that runs before validation on create (e.g. cluster IPs, node ports).</summary>
    public virtual IEnumerable<FieldError> BeginCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) => [];

    /// <summary>Allocation and admission on update (e.g. a type change to NodePort).</summary>
    public virtual IEnumerable<FieldError> BeginUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) => [];

    /// <summary>Clears fields the user may not set on create (status), sets generation.</summary>
    public virtual void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj) { }

    /// <summary>Keeps status from <paramref name="old"/>, bumps generation when spec changes.</summary>
    public virtual void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old) { }

    /// <summary>Keeps everything but status from <paramref name="old"/>.</summary>
    public virtual void PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old) { }

    /// <summary>Kind-specific validation on create (metadata is validated by the store).</summary>
    public virtual IEnumerable<FieldError> ValidateCreate(IKubernetesObject<V1ObjectMeta> obj, AdmissionContext context) => [];

    /// <summary>Kind-specific validation on update, including immutability.</summary>
    public virtual IEnumerable<FieldError> ValidateUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) => [];

    /// <summary>Validation of a <c>/status</c> write.</summary>
    public virtual IEnumerable<FieldError> ValidateStatusUpdate(IKubernetesObject<V1ObjectMeta> obj, IKubernetesObject<V1ObjectMeta> old, AdmissionContext context) => [];

    /// <summary>
    /// The grace period of a DELETE (<c>CheckGracefulDelete</c>) given the requested <c>gracePeriodSeconds</c>: above
    /// zero the object stays, with a deletionTimestamp that far ahead, until something finishes it; null or zero: gone at
    /// once (unless finalizers hold it).
    /// </summary>
    public virtual long? GracePeriod(IKubernetesObject<V1ObjectMeta> obj, long? requested) => null;

    /// <summary>Bookkeeping after a change is stored: <paramref name="old"/> null on create, <paramref name="current"/> null on delete.</summary>
    public virtual void OnCommitted(IKubernetesObject<V1ObjectMeta>? old, IKubernetesObject<V1ObjectMeta>? current) { }
}
