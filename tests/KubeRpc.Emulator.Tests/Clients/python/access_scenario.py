"""The access story through the Python client: as the admin, a service account with a role granting services in one
namespace and a token; then, with a bearer-token client, SelfSubjectAccessReview yes here and no there, a create allowed
here and forbidden there, impersonation refused for lack of the verb, and 401 once the service account is deleted."""
from kubernetes import client
from kubernetes.client.rest import ApiException

from harness import api_error, connect, emit, run, with_token


def service(name):
    return client.V1Service(metadata=client.V1ObjectMeta(name=name),
                            spec=client.V1ServiceSpec(ports=[client.V1ServicePort(port=80)]))


def can(api_client, verb, namespace):
    """SelfSubjectAccessReview of verb on services in namespace."""
    review = client.AuthorizationV1Api(api_client).create_self_subject_access_review(client.V1SelfSubjectAccessReview(
        spec=client.V1SelfSubjectAccessReviewSpec(resource_attributes=client.V1ResourceAttributes(
            namespace=namespace, verb=verb, resource="services"))))
    return review.status.allowed


def main(url, here):
    there = here + "-b"
    _, core, _ = connect(url)
    for ns in (here, there):
        core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    core.create_namespaced_service_account(here, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="robot")))
    rbac = client.RbacAuthorizationV1Api(core.api_client)
    rbac.create_namespaced_role(here, client.V1Role(metadata=client.V1ObjectMeta(name="svc-editor"), rules=[
        client.V1PolicyRule(api_groups=[""], resources=["services"], verbs=["get", "list", "create"])]))
    rbac.create_namespaced_role_binding(here, client.V1RoleBinding(
        metadata=client.V1ObjectMeta(name="robot-svc"),
        role_ref=client.V1RoleRef(api_group="rbac.authorization.k8s.io", kind="Role", name="svc-editor"),
        subjects=[client.V1Subject(kind="ServiceAccount", name="robot", namespace=here)]))
    token = core.create_namespaced_service_account_token(
        "robot", here, client.AuthenticationV1TokenRequest(spec=client.V1TokenRequestSpec(audiences=[]))).status.token

    robot = with_token(url, token)
    emit("can-i", here=can(robot, "create", here), there=can(robot, "create", there), delete=can(robot, "delete", here))
    created = client.CoreV1Api(robot).create_namespaced_service(here, service("web"))
    emit("created-here", name=created.metadata.name, clusterIP=created.spec.cluster_ip)
    try:
        client.CoreV1Api(robot).create_namespaced_service(there, service("web"))
        emit("created-there")
    except ApiException as e:
        emit("forbidden-there", **api_error(e))

    impersonating = with_token(url, token)
    impersonating.set_default_header("Impersonate-User", "alice")
    try:
        client.CoreV1Api(impersonating).list_namespaced_service(here)
        emit("impersonated")
    except ApiException as e:
        emit("impersonation-refused", **api_error(e))

    core.delete_namespaced_service_account("robot", here)
    try:
        can(robot, "create", here)
        emit("still-authenticated")
    except ApiException as e:
        emit("deleted-refused", **api_error(e))


run(main)
