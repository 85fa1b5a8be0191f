#!/usr/bin/env bash
# The cost of access control on the hot path: cached GetService on two KubeRpc servers side by side, one with
# Auth:Mode=None and one with Auth:Mode=Kubernetes (a bearer token, its review and the RBAC decision remembered),
# per-caller limits off on both, interleaved rounds (docs/performance.md §2.2). Target: Kubernetes >= 85% of None.
# A third target sends the same bearer token to the None server, which ignores it: what carrying a ~1 KB token on
# every call costs the client and Kestrel (h2load, as nghttp2 does for `authorization`, sends it as a Huffman-coded
# literal on every request, never from the header table), apart from what KubeRpc does with it.
# Usage: [ROUNDS=3] [DURATION=10] [SERVICES=1000] tests/KubeRpc.Benchmarks/auth-bench.sh
# Needs h2load (apt-get install -y nghttp2-client), curl, python3.
set -euo pipefail
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-10}; SERVICES=${SERVICES:-1000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd); WORK=$(mktemp -d); cd "$ROOT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

dotnet build -c Release src/KubeRpc.Server -v q -nologo >/dev/null
dotnet build -c Release tests/KubeRpc.Benchmarks -v q -nologo >/dev/null

# start NAME GRPC MGMT API MODE: a server with its own embedded cluster, seeded with SERVICES Services.
start() {
  dotnet run -c Release --no-build --project src/KubeRpc.Server -- --Server:GrpcUrl=http://127.0.0.1:$2 \
    --Server:ManagementUrl=http://127.0.0.1:$3 --Kubernetes:Embedded:Url=http://127.0.0.1:$4 --Auth:Mode=$5 \
    --Limits:CallsPerSecond=0 --Limits:WatchesPerCaller=0 >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$3/readyz" >/dev/null && break; sleep 0.5; done
  dotnet tests/KubeRpc.Benchmarks/bin/Release/net10.0/KubeRpc.Benchmarks.dll --mode seed --url "http://127.0.0.1:$4" \
    --services "$SERVICES" --namespaces 1 >/dev/null
}
start none 50081 9481 18081 None
start kube 50082 9482 18082 Kubernetes
TOKEN=$(dotnet tests/KubeRpc.Benchmarks/bin/Release/net10.0/KubeRpc.Benchmarks.dll --mode reader-token --url http://127.0.0.1:18082 | tail -1)

python3 - "$WORK" "$SERVICES" <<'PY'
import struct, sys
w, n = sys.argv[1], int(sys.argv[2])
ld = lambda f, d: bytes([(f << 3) | 2]) + bytes([len(d)]) + d
get = ld(1, b'bench-00') + ld(2, b'svc-%06d' % (n // 2))
open(f'{w}/get.bin', 'wb').write(b'\x00' + struct.pack('>I', len(get)) + get)
PY

declare -A URL=([none]="http://127.0.0.1:50081/kuberpc.v1.ServiceManager/GetService"
  [none_token]="http://127.0.0.1:50081/kuberpc.v1.ServiceManager/GetService"
  [kube]="http://127.0.0.1:50082/kuberpc.v1.ServiceManager/GetService")
declare -A AUTH=([none]="x-unused: 0" [none_token]="authorization: Bearer $TOKEN" [kube]="authorization: Bearer $TOKEN")
# Both must answer the same Get with grpc-status 0 (the cache has caught up with the seed) before anything is timed.
for t in none kube; do
  for _ in $(seq 60); do
    curl -s --http2-prior-knowledge -X POST -H 'content-type: application/grpc' -H 'te: trailers' -H "${AUTH[$t]}" \
      --data-binary @"$WORK/get.bin" "${URL[$t]}" -o "$WORK/$t.out" -D "$WORK/$t.hdr"
    grep -qi '^grpc-status: 0' "$WORK/$t.hdr" && break; sleep 0.5
  done
  grep -qi '^grpc-status: 0' "$WORK/$t.hdr" || { echo "$t: GetService failed"; cat "$WORK/$t.hdr"; exit 1; }
done
# The same object on both (uids and versions differ by a few bytes).
a=$(stat -c %s "$WORK/none.out"); b=$(stat -c %s "$WORK/kube.out")
[ $(( a > b ? a - b : b - a )) -le 32 ] || { echo "replies differ in size: $a and $b B"; exit 1; }
echo "# GetService reply $a / $b B; $SERVICES services cached on each server"

run() {
  local t=$1 c=$2 m=$3
  local out; out=$(h2load -D "$DURATION" -c "$c" -m "$m" -t 1 -d "$WORK/get.bin" -H 'content-type: application/grpc' \
    -H 'te: trailers' -H "${AUTH[$t]}" "${URL[$t]}")
  local ok data failed
  ok=$(echo "$out" | awk '/^requests:/{print $8; exit}')
  failed=$(echo "$out" | awk '/^requests:/{print $10+$12}')
  data=$(echo "$out" | awk '/^traffic:/{gsub(/[()]/,"",$0); for(i=1;i<=NF;i++) if($(i+1)=="data") print $i}')
  [ "$failed" = 0 ] || { echo "$t: failures"; echo "$out"; exit 1; }
  # h2load counts gRPC errors as successes: an error has an empty body, so check every reply carried the object.
  [ "$(( data / (ok > 0 ? ok : 1) ))" -ge 100 ] || { echo "$t: empty replies"; echo "$out"; exit 1; }
  echo "$out" | awk '/^finished in/{gsub(/,/,"",$4); print $4}'
}
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

echo "# warm-up: ${DURATION}s each at c=4 m=16, discarded"
run none 4 16 >/dev/null; run none_token 4 16 >/dev/null; run kube 4 16 >/dev/null
printf '\n| cached GetService | None req/s | None, token sent req/s | Kubernetes req/s | Kubernetes / None | Kubernetes / None with token |\n|---|---|---|---|---|---|\n'
for cm in "1 16" "4 64"; do
  set -- $cm
  for t in none none_token kube; do : >"$WORK/${t}_$1_$2"; done
  for r in $(seq "$ROUNDS"); do
    for t in none none_token kube; do run "$t" "$1" "$2" >>"$WORK/${t}_$1_$2"; done
  done
  a=$(median <"$WORK/none_$1_$2"); t=$(median <"$WORK/none_token_$1_$2"); b=$(median <"$WORK/kube_$1_$2")
  printf '| c=%s m=%s | %.0f | %.0f | %.0f | %.0f%% | %.0f%% |\n' "$1" "$2" "$a" "$t" "$b" "$(echo "100*$b/$a" | bc -l)" "$(echo "100*$b/$t" | bc -l)"
done
# The same comparison from a .NET caller (Grpc.Net.Client, 16 concurrent calls on one connection).
LOAD="dotnet tests/KubeRpc.Benchmarks/bin/Release/net10.0/KubeRpc.Benchmarks.dll --mode grpc-load --seconds $DURATION --concurrency 16"
declare -A GRPC=([none]="--url http://127.0.0.1:50081" [none_token]="--url http://127.0.0.1:50081 --token $TOKEN"
  [kube]="--url http://127.0.0.1:50082 --token $TOKEN")
for t in none none_token kube; do : >"$WORK/${t}_dotnet"; done
for r in $(seq "$ROUNDS"); do
  for t in none none_token kube; do $LOAD ${GRPC[$t]} | tail -1 >>"$WORK/${t}_dotnet"; done
done
a=$(median <"$WORK/none_dotnet"); t=$(median <"$WORK/none_token_dotnet"); b=$(median <"$WORK/kube_dotnet")
printf '| Grpc.Net.Client, 16 calls in flight | %.0f | %.0f | %.0f | %.0f%% | %.0f%% |\n' "$a" "$t" "$b" "$(echo "100*$b/$a" | bc -l)" "$(echo "100*$b/$t" | bc -l)"
echo "# medians of $ROUNDS interleaved runs of ${DURATION}s; raw:"
for t in none none_token kube; do echo "#   $t: $(cat "$WORK"/${t}_1_16 "$WORK"/${t}_4_64 | tr '\n' ' ')| dotnet $(tr '\n' ' ' <"$WORK/${t}_dotnet")"; done
