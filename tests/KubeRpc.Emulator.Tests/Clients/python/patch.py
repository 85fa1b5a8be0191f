"""PATCH through the Python client: a dict body goes as strategic merge patch, a list as JSON patch."""
from kubernetes import client
from kubernetes.client.rest import ApiException

from harness import api_error, connect, emit, run


def main(url, ns):
    _, core, _ = connect(url)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    core.create_namespaced_service(ns, client.V1Service(
        metadata=client.V1ObjectMeta(name="web", labels={"app": "web"}),
        spec=client.V1ServiceSpec(selector={"app": "web"},
                                  ports=[client.V1ServicePort(name="http", port=80, target_port=8080)])))

    try:
        merged = core.patch_namespaced_service("web", ns, {
            "metadata": {"labels": {"patched": "strategic"}},
            "spec": {"ports": [{"name": "https", "port": 443, "targetPort": 8443}]},
        })
        emit("strategic-merge-patched", rv=merged.metadata.resource_version, labels=merged.metadata.labels,
             ports=sorted(p.port for p in merged.spec.ports))
    except ApiException as e:
        emit("patch-failed", kind="strategic", **api_error(e))

    try:
        patched = core.patch_namespaced_service("web", ns, [
            {"op": "replace", "path": "/metadata/labels/patched", "value": "json"},
        ])
        emit("json-patched", rv=patched.metadata.resource_version, labels=patched.metadata.labels)
    except ApiException as e:
        emit("patch-failed", kind="json", **api_error(e))


run(main)
