"""SelfSubjectAccessReview through the Python client: as the admin, then impersonating bob (a default header)."""
from kubernetes import client

from harness import connect, emit, run


def can_create_services(api_client, ns):
    """The status of a SelfSubjectAccessReview for creating services in `ns`."""
    body = client.V1SelfSubjectAccessReview(spec=client.V1SelfSubjectAccessReviewSpec(
        resource_attributes=client.V1ResourceAttributes(verb="create", resource="services", namespace=ns)))
    return client.AuthorizationV1Api(api_client).create_self_subject_access_review(body).status


def main(url, ns):
    admin_client, _, _ = connect(url)
    admin = can_create_services(admin_client, ns)
    emit("admin", allowed=admin.allowed, reason=admin.reason)

    configuration = client.Configuration()
    configuration.host = url
    bob_client = client.ApiClient(configuration, header_name="Impersonate-User", header_value="bob")
    for namespace in (ns, "elsewhere"):
        bob = can_create_services(bob_client, namespace)
        emit("bob", namespace=namespace, allowed=bob.allowed, reason=bob.reason)


run(main)
