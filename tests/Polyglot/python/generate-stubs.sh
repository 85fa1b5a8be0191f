#!/usr/bin/env bash
# Generates the Python stubs of protos/kuberpc/v1 and of google/rpc (status and error details, from the protos
# shipped in the Google.Api.CommonProtos NuGet package) with Debian's protoc and grpc_python_plugin.
# Debian's python3-grpc-tools is not used: its protoc is too old for proto3 `optional`.
# Usage: generate-stubs.sh <out dir> <Google.Api.CommonProtos protos dir> [<kuberpc protos dir>]
set -euo pipefail
out=$1
common=$2
protos=${3:-"$(dirname "$0")/../../../protos"}
mkdir -p "$out"
# google/protobuf/*.proto (timestamp, any, duration) come from protoc's own include dir (libprotobuf-dev).
protoc -I "$protos" -I "$common" \
  --python_out="$out" --grpc_python_out="$out" \
  --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" \
  "$protos"/kuberpc/v1/*.proto "$common"/google/rpc/status.proto "$common"/google/rpc/error_details.proto
