"""Create, get, list, replace (with a stale resourceVersion), delete: CoreV1Api and NetworkingV1Api."""
from kubernetes import client
from kubernetes.client.rest import ApiException

from harness import api_error, connect, emit, plain, run


def service(name, labels):
    return client.V1Service(
        metadata=client.V1ObjectMeta(name=name, labels=labels),
        spec=client.V1ServiceSpec(
            selector={"app": name},
            ports=[client.V1ServicePort(name="http", port=80, target_port=8080, protocol="TCP")],
        ),
    )


def ingress(name, backend):
    path = client.V1HTTPIngressPath(
        path="/", path_type="Prefix",
        backend=client.V1IngressBackend(service=client.V1IngressServiceBackend(
            name=backend, port=client.V1ServiceBackendPort(number=80))))
    return client.V1Ingress(
        metadata=client.V1ObjectMeta(name=name),
        spec=client.V1IngressSpec(rules=[client.V1IngressRule(
            host="web.example.com", http=client.V1HTTPIngressRuleValue(paths=[path]))]))


def main(url, ns):
    api_client, core, net = connect(url)

    created_ns = core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    emit("namespace-created", name=created_ns.metadata.name, phase=created_ns.status.phase,
         rv=created_ns.metadata.resource_version)

    web = core.create_namespaced_service(ns, service("web", {"app": "web", "tier": "frontend"}))
    emit("service-created", name=web.metadata.name, rv=web.metadata.resource_version, uid=web.metadata.uid,
         clusterIP=web.spec.cluster_ip, type=web.spec.type, object=plain(api_client, web))
    db = core.create_namespaced_service(ns, service("db", {"app": "db", "tier": "backend"}))
    emit("service-created", name=db.metadata.name, rv=db.metadata.resource_version, uid=db.metadata.uid,
         clusterIP=db.spec.cluster_ip, type=db.spec.type, object=plain(api_client, db))

    ing = net.create_namespaced_ingress(ns, ingress("web", "web"))
    emit("ingress-created", name=ing.metadata.name, rv=ing.metadata.resource_version, object=plain(api_client, ing))

    got = core.read_namespaced_service("web", ns)
    emit("service-read", name=got.metadata.name, rv=got.metadata.resource_version, uid=got.metadata.uid,
         selector=got.spec.selector, ports=plain(api_client, got.spec.ports))

    frontend = core.list_namespaced_service(ns, label_selector="tier=frontend")
    emit("service-listed", selector="tier=frontend", rv=frontend.metadata.resource_version,
         names=[s.metadata.name for s in frontend.items])
    ingresses = net.list_namespaced_ingress(ns)
    emit("ingress-listed", rv=ingresses.metadata.resource_version, names=[i.metadata.name for i in ingresses.items])

    got.metadata.labels["tier"] = "edge"
    replaced = core.replace_namespaced_service("web", ns, got)
    emit("service-replaced", rv=replaced.metadata.resource_version, labels=replaced.metadata.labels)

    # `got` still carries the resourceVersion the replace above superseded.
    got.metadata.labels["tier"] = "stale"
    try:
        core.replace_namespaced_service("web", ns, got)
        emit("stale-replace-accepted")
    except ApiException as e:
        emit("stale-replace-rejected", staleRv=got.metadata.resource_version, **api_error(e))

    net.delete_namespaced_ingress("web", ns)
    # The generated client decodes the reply as V1Status; the server sends the deleted Service.
    deleted = core.delete_namespaced_service("web", ns)
    emit("service-deleted", kind=deleted.kind)
    try:
        core.read_namespaced_service("web", ns)
        emit("deleted-service-found")
    except ApiException as e:
        emit("service-not-found", **api_error(e))
    left = core.list_namespaced_service(ns)
    emit("service-listed", selector="", rv=left.metadata.resource_version, names=[s.metadata.name for s in left.items])


run(main)
