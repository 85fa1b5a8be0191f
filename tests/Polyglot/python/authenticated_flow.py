"""KubeRpc from Python with a service account's token: create, get, list, patch, watch with resume, delete, and
the rich details of refused calls. Prints one JSON line per step.

Usage: KUBERPC_TOKEN=<token> python3 authenticated_flow.py <host:port> <namespace> <forbidden namespace>
with the stubs of generate-stubs.sh on PYTHONPATH.
"""
import json
import os
import sys

import grpc
from google.rpc import error_details_pb2, status_pb2
from kuberpc.v1 import common_pb2, object_meta_pb2 as meta
from kuberpc.v1 import service_pb2 as svc, service_manager_pb2 as sm, service_manager_pb2_grpc as smg

address, namespace, forbidden_namespace = sys.argv[1:4]
# A plain per-call header: call credentials would need a TLS (or local) channel, and KubeRpc here is h2c.
auth = [("authorization", "Bearer " + os.environ["KUBERPC_TOKEN"])]
TIMEOUT = 30  # seconds, so a hung call fails the run instead of stalling it
LABELS = {"app": "shop"}


def emit(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def service(name, port):
    return svc.Service(
        metadata=meta.ObjectMeta(name=name, namespace=namespace, labels=LABELS),
        spec=svc.ServiceSpec(selector=LABELS, ports=[svc.ServicePort(name="http", port=port)]))


def details(error):
    """google.rpc.Status from the grpc-status-details-bin trailer: ErrorInfo and BadRequest, by type."""
    raw = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
    found = {"code": error.code().name, "message": error.details()}
    if raw is None:
        return found
    status = status_pb2.Status.FromString(raw)
    for any_detail in status.details:
        if any_detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            any_detail.Unpack(info)
            found.update(reason=info.reason, domain=info.domain, metadata=dict(info.metadata))
        elif any_detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            any_detail.Unpack(bad)
            found["violations"] = [{"field": v.field, "description": v.description} for v in bad.field_violations]
    return found


def refused(call):
    try:
        call()
    except grpc.RpcError as error:
        return details(error)
    raise AssertionError("the call was not refused")


def event_name(event):
    return event.service.metadata.name if event.HasField("service") else ""


channel = grpc.insecure_channel(address)
stub = smg.ServiceManagerStub(channel)

emit("unauthenticated", **refused(lambda: stub.GetService(
    sm.GetServiceRequest(namespace=namespace, name="web"), timeout=TIMEOUT)))

web = stub.CreateService(sm.CreateServiceRequest(service=service("web", 80)), metadata=auth, timeout=TIMEOUT)
emit("created", name=web.metadata.name, uid=web.metadata.uid, clusterIp=web.spec.cluster_ip,
     resourceVersion=web.metadata.resource_version)

read = stub.GetService(sm.GetServiceRequest(namespace=namespace, name="web", read_options=common_pb2.ReadOptions(
    min_resource_version=web.metadata.resource_version)), metadata=auth, timeout=TIMEOUT)
emit("read", name=read.metadata.name, sameUid=read.metadata.uid == web.metadata.uid, port=read.spec.ports[0].port)

listed = stub.ListServices(sm.ListServicesRequest(namespace=namespace, label_selector="app=shop"),
                           metadata=auth, timeout=TIMEOUT)
emit("listed", names=[s.metadata.name for s in listed.services], resourceVersion=listed.resource_version)

# Watch until the snapshot ends, then disconnect and remember where the stream was.
watch = stub.WatchServices(sm.WatchServicesRequest(namespace=namespace, label_selector="app=shop"),
                           metadata=auth, timeout=TIMEOUT)
snapshot, last_version = [], ""
for event in watch:
    last_version = event.resource_version or last_version
    if event.type == common_pb2.EVENT_TYPE_ADDED:
        snapshot.append(event_name(event))
    if event.initial_events_end:
        break
watch.cancel()
emit("watch-snapshot", names=snapshot, resumeFrom=last_version)

# Changes while no stream is open.
patched = stub.PatchService(sm.PatchServiceRequest(
    namespace=namespace, name="web", patch_type=common_pb2.PATCH_TYPE_MERGE_PATCH,
    patch=json.dumps({"metadata": {"labels": {"tier": "front"}}})), metadata=auth, timeout=TIMEOUT)
stub.CreateService(sm.CreateServiceRequest(service=service("web-2", 81)), metadata=auth, timeout=TIMEOUT)
emit("patched", labels=dict(patched.metadata.labels), resourceVersion=patched.metadata.resource_version)

# Resume from the last version seen: the changes made meanwhile arrive, then live ones (the deletes below).
watch = stub.WatchServices(sm.WatchServicesRequest(namespace=namespace, label_selector="app=shop",
                                                   resource_version=last_version), metadata=auth, timeout=TIMEOUT)
resumed = []
for event in watch:
    if event.type == common_pb2.EVENT_TYPE_BOOKMARK:
        continue
    resumed.append([common_pb2.EventType.Name(event.type), event_name(event), event.service.metadata.labels.get("tier", "")])
    if len(resumed) == 2:
        # Deletes with a precondition on the uid (a proto3 `optional` field) while the stream is open.
        stub.DeleteService(sm.DeleteServiceRequest(namespace=namespace, name="web", preconditions=common_pb2.Preconditions(
            uid=web.metadata.uid)), metadata=auth, timeout=TIMEOUT)
        stub.DeleteService(sm.DeleteServiceRequest(namespace=namespace, name="web-2"), metadata=auth, timeout=TIMEOUT)
    if len(resumed) == 4:
        break
watch.cancel()
emit("watch-resumed", events=resumed)

emit("deleted", afterwards=refused(lambda: stub.GetService(sm.GetServiceRequest(
    namespace=namespace, name="web", read_options=common_pb2.ReadOptions(consistency=common_pb2.CONSISTENCY_STRONG)),
    metadata=auth, timeout=TIMEOUT))["code"])

emit("invalid", **refused(lambda: stub.CreateService(sm.CreateServiceRequest(service=service("bad", 0)),
                                                     metadata=auth, timeout=TIMEOUT)))
emit("forbidden", **refused(lambda: stub.ListServices(sm.ListServicesRequest(namespace=forbidden_namespace),
                                                      metadata=auth, timeout=TIMEOUT)))
channel.close()
