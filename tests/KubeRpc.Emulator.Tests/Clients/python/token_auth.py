"""A service account's token through the Python client: TokenRequest as the admin, then SelfSubjectReview and TokenReview
with clients that present a bearer token (the client's api_key 'authorization'), and 401 for a token that is not one."""
from kubernetes import client
from kubernetes.client.rest import ApiException

from harness import api_error, connect, emit, run, with_token


def self_subject_review(api_client):
    """POST selfsubjectreviews: this client version predates the kind, so the call is made by hand."""
    body = {"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}
    data, status, _ = api_client.call_api(
        "/apis/authentication.k8s.io/v1/selfsubjectreviews", "POST", body=body, response_type="object",
        auth_settings=["BearerToken"], header_params={"Content-Type": "application/json", "Accept": "application/json"},
        _return_http_data_only=False)
    return data, status


def main(url, ns):
    _, core, _ = connect(url)
    core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
    account = core.create_namespaced_service_account(ns, client.V1ServiceAccount(metadata=client.V1ObjectMeta(name="robot")))
    request = core.create_namespaced_service_account_token(
        "robot", ns, client.AuthenticationV1TokenRequest(spec=client.V1TokenRequestSpec(audiences=[], expiration_seconds=1200)))
    emit("token-created", uid=account.metadata.uid, seconds=request.spec.expiration_seconds,
         audiences=request.spec.audiences, expires=request.status.expiration_timestamp)

    robot = with_token(url, request.status.token)
    review, status = self_subject_review(robot)
    emit("whoami", status=status, userInfo=review["status"]["userInfo"])

    reviewed = client.AuthenticationV1Api(robot)
    try:
        reviewed.create_token_review(client.V1TokenReview(spec=client.V1TokenReviewSpec(token="x")))
        emit("token-review-allowed")
    except ApiException as e:
        emit("token-review-refused", **api_error(e))

    stranger = with_token(url, "not-a-token")
    try:
        self_subject_review(stranger)
        emit("stranger-allowed")
    except ApiException as e:
        emit("stranger-refused", **api_error(e))


run(main)
