#!/usr/bin/env bash
# The growth table's "reads" section: cached GetService and ListServices(50) of KubeRpc.Server (Embedded mode,
# Auth:Mode=None, 1,000 Services cached) each beside its own ceiling, a bare Grpc.AspNetCore server answering a small
# request with a reply built once of exactly the same encoded size (tests/KubeRpc.Benchmarks/Echo); and what
# authentication costs: Auth:Mode=Kubernetes with a token beside None sent the same token (a second server).
# Interleaved rounds (bare-get, get, bare-list, list[, none-token, kube]), medians, h2load (docs/performance.md §2.2).
# Targets: >= 90 % of the ceiling for Get and List at c=1 m=16 and c=4 m=64; Kubernetes >= 85 % of None.
# Usage: [ROUNDS=3] [DURATION=10] [WARMUP=3] [SERVICES=1000] [AUTH=1] [BUILD=1] [AUTH_CM="1 16"] tests/KubeRpc.Benchmarks/reads-bench.sh
#   quick smoke run: ROUNDS=1 DURATION=2 WARMUP=1 tests/KubeRpc.Benchmarks/reads-bench.sh
# Prints the section's table rows ("| reads | ...") and explanation lines ("# ..."). Needs h2load (nghttp2-client), curl.
set -euo pipefail
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-10}; WARMUP=${WARMUP:-3}; SERVICES=${SERVICES:-1000}
AUTH=${AUTH:-1}; AUTH_CM=${AUTH_CM:-1 16}
GRPC=${GRPC:-50171}; MGMT=${MGMT:-9571}; API=${API:-18171}; ECHO=${ECHO:-50172}
KGRPC=${KGRPC:-50173}; KMGMT=${KMGMT:-9573}; KAPI=${KAPI:-18173}
ROOT=$(cd "$(dirname "$0")/../.." && pwd); WORK=$(mktemp -d); cd "$ROOT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

if [ "${BUILD:-1}" = 1 ]; then  # BUILD=0 when the caller has built them
  dotnet build -c Release src/KubeRpc.Server -v q -nologo >/dev/null
  dotnet build -c Release tests/KubeRpc.Benchmarks -v q -nologo >/dev/null
  dotnet build -c Release tests/KubeRpc.Benchmarks/Echo -v q -nologo >/dev/null
fi
SERVER_DIR=src/KubeRpc.Server/bin/Release/net10.0
BENCH="dotnet tests/KubeRpc.Benchmarks/bin/Release/net10.0/KubeRpc.Benchmarks.dll"

# launch NAME GRPC MGMT API MODE: a server (the process itself, run from its output folder so its appsettings.json
# applies) with its own embedded cluster; per-caller limits off (they apply in Kubernetes mode only).
launch() {
  (cd "$SERVER_DIR" && exec dotnet KubeRpc.Server.dll --Server:GrpcUrl=http://127.0.0.1:$2 --Server:ManagementUrl=http://127.0.0.1:$3 \
    --Kubernetes:Mode=Embedded --Kubernetes:Embedded:Url=http://127.0.0.1:$4 --Auth:Mode=$5 --Limits:CallsPerSecond=0 \
    --Limits:WatchesPerCaller=0) >"$WORK/$1.log" 2>&1 &
  PIDS+=($!); eval "PID_$1=$!"
}
# seed MGMT API: once the server is ready, SERVICES Services in namespace bench-00.
seed() {
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && break; sleep 0.5; done
  $BENCH --mode seed --url "http://127.0.0.1:$2" --services "$SERVICES" --namespaces 1 >/dev/null
}
# Both servers start and are seeded side by side.
launch none "$GRPC" "$MGMT" "$API" None
[ "$AUTH" = 1 ] && launch kube "$KGRPC" "$KMGMT" "$KAPI" Kubernetes
seed "$MGMT" "$API" & SEEDS=($!)
[ "$AUTH" = 1 ] && { seed "$KMGMT" "$KAPI" & SEEDS+=($!); }
for s in "${SEEDS[@]}"; do wait "$s"; done
TOKEN=$([ "$AUTH" = 1 ] && $BENCH --mode reader-token --url "http://127.0.0.1:$KAPI" | tail -1 || true)
NAME=$(printf 'svc-%06d' $((SERVICES / 2)))
$BENCH --mode read-requests --dir "$WORK" --name "$NAME" --page-size 50 >/dev/null

# call NAME URL BODY [header]: one curl call; fails unless grpc-status is 0; prints the reply's protobuf bytes.
call() {
  local hdr="$WORK/$1.hdr" out="$WORK/$1.out"
  curl -s --http2-prior-knowledge -X POST -H 'content-type: application/grpc' -H 'te: trailers' -H "${4:-x-unused: 0}" \
    --data-binary @"$3" "$2" -o "$out" -D "$hdr"
  grep -qi '^grpc-status: 0' "$hdr" || { echo "$1: grpc-status not 0:" >&2; cat "$hdr" >&2; return 1; }
  echo $(( $(stat -c %s "$out") - 5 ))
}
SVC="http://127.0.0.1:$GRPC/kuberpc.v1.ServiceManager"
KSVC="http://127.0.0.1:$KGRPC/kuberpc.v1.ServiceManager"
# The last seeded Service answering means the cache has the whole seed.
$BENCH --mode read-requests --dir "$WORK/last" --name "$(printf 'svc-%06d' $((SERVICES - 1)))" >/dev/null
for _ in $(seq 60); do call last "$SVC/GetService" "$WORK/last/get.bin" >/dev/null 2>&1 && break; sleep 0.5; done
GET_BYTES=$(call get "$SVC/GetService" "$WORK/get.bin")
LIST_BYTES=$(call list "$SVC/ListServices" "$WORK/list.bin")
if [ "$AUTH" = 1 ]; then
  for _ in $(seq 60); do call kube_last "$KSVC/GetService" "$WORK/last/get.bin" "authorization: Bearer $TOKEN" >/dev/null 2>&1 && break; sleep 0.5; done
  KUBE_BYTES=$(call kube "$KSVC/GetService" "$WORK/get.bin" "authorization: Bearer $TOKEN")
  # The same object on both servers (uids and versions differ by a few bytes).
  [ $(( GET_BYTES > KUBE_BYTES ? GET_BYTES - KUBE_BYTES : KUBE_BYTES - GET_BYTES )) -le 32 ] \
    || { echo "replies differ in size: $GET_BYTES and $KUBE_BYTES B"; exit 1; }
fi
$BENCH --mode read-requests --dir "$WORK" --echo-bytes "$GET_BYTES,$LIST_BYTES" >/dev/null
dotnet tests/KubeRpc.Benchmarks/Echo/bin/Release/net10.0/Echo.dll --port "$ECHO" --reply-bytes "$GET_BYTES,$LIST_BYTES" >"$WORK/echo.log" 2>&1 &
PIDS+=($!); PID_echo=$!
ECHO_URL="http://127.0.0.1:$ECHO/bench.Bench/Echo"
for _ in $(seq 60); do call bare_get "$ECHO_URL" "$WORK/echo_$GET_BYTES.bin" >/dev/null 2>&1 && break; sleep 0.5; done
[ "$(call bare_get "$ECHO_URL" "$WORK/echo_$GET_BYTES.bin")" = "$GET_BYTES" ] || { echo "bare Get reply is not $GET_BYTES B"; exit 1; }
[ "$(call bare_list "$ECHO_URL" "$WORK/echo_$LIST_BYTES.bin")" = "$LIST_BYTES" ] || { echo "bare List reply is not $LIST_BYTES B"; exit 1; }

declare -A URL=([bare_get]=$ECHO_URL [get]="$SVC/GetService" [bare_list]=$ECHO_URL [list]="$SVC/ListServices"
  [none_token]="$SVC/GetService" [kube]="$KSVC/GetService")
declare -A BODY=([bare_get]=echo_$GET_BYTES [get]=get [bare_list]=echo_$LIST_BYTES [list]=list [none_token]=get [kube]=get)
declare -A BYTES=([bare_get]=$GET_BYTES [get]=$GET_BYTES [bare_list]=$LIST_BYTES [list]=$LIST_BYTES
  [none_token]=$GET_BYTES [kube]=$((GET_BYTES < ${KUBE_BYTES:-$GET_BYTES} ? GET_BYTES : ${KUBE_BYTES:-$GET_BYTES})))
declare -A HEADER=([none_token]="authorization: Bearer $TOKEN" [kube]="authorization: Bearer $TOKEN")
# targets C M: what is measured at that concurrency (the auth pair only at AUTH_CM).
targets() { echo bare_get get bare_list list; [ "$AUTH" = 1 ] && [ "$1 $2" = "$AUTH_CM" ] && echo none_token kube; true; }

# run NAME C M SECONDS: prints req/s, after checking every request succeeded and carried a whole reply.
run() {
  local name=$1 c=$2 m=$3 d=$4
  local out; out=$(h2load -D "$d" -c "$c" -m "$m" -t 1 -d "$WORK/${BODY[$name]}.bin" -H 'content-type: application/grpc' \
    -H 'te: trailers' -H "${HEADER[$name]:-x-unused: 0}" "${URL[$name]}")
  local ok data failed
  ok=$(echo "$out" | awk '/^requests:/{print $8; exit}')
  failed=$(echo "$out" | awk '/^requests:/{print $10+$12}')
  data=$(echo "$out" | awk '/^traffic:/{gsub(/[()]/,"",$0); for(i=1;i<=NF;i++) if($(i+1)=="data") print $i}')
  [ "$failed" = 0 ] && [ "$ok" -gt 0 ] || { echo "$name: failures"; echo "$out"; exit 1; }
  # h2load counts gRPC errors as successes (performance.md §2.2, pitfall 1): an error has no message, so every
  # request must have received at least its reply's bytes.
  [ "$(( data / ok ))" -ge "${BYTES[$name]}" ] || { echo "$name: short replies ($data B for $ok requests)"; echo "$out"; exit 1; }
  echo "$out" | awk '/^finished in/{gsub(/,/,"",$4); print $4}'
}
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
kilo() { awk -v v="$1" 'BEGIN{printf "%.1fk req/s", v/1000}'; }
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }

echo "# reads: GetService reply $GET_BYTES B, ListServices(50) reply $LIST_BYTES B, the bare server's replies of the same sizes; $SERVICES Services cached"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# warm-up: ${WARMUP}s per target and concurrency, discarded"
for cm in "1 16" "4 64"; do for t in $(targets $cm); do run "$t" $cm "$WARMUP" >/dev/null; done; done
declare -A CPU0
for p in none echo kube; do v=PID_$p; [ -n "${!v:-}" ] && CPU0[$p]=$(cpu "${!v}"); done
for r in $(seq "$ROUNDS"); do
  for cm in "1 16" "4 64"; do
    for t in $(targets $cm); do run "$t" $cm "$DURATION" >>"$WORK/rps_${t}_${cm/ /_}"; done
  done
done

row() {  # row WORKLOAD KUBERPC_FILE CEILING_FILE TARGET_PERCENT
  local a b ratio; a=$(median <"$2"); b=$(median <"$3"); ratio=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.0f", 100*a/b}')
  printf '| reads | %s | %s | %s | %s %% | >= %s %% | %s |\n' "$1" "$(kilo "$a")" "$(kilo "$b")" "$ratio" "$4" \
    "$([ "$ratio" -ge "$4" ] && echo yes || echo no)"
}
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
for cm in "1 16" "4 64"; do
  set -- $cm; k=${1}_$2
  row "GetService cached, c=$1 m=$2 ($(commas "$GET_BYTES") B reply)" "$WORK/rps_get_$k" "$WORK/rps_bare_get_$k" 90
  row "ListServices(50) cached, c=$1 m=$2 ($(commas "$LIST_BYTES") B reply)" "$WORK/rps_list_$k" "$WORK/rps_bare_list_$k" 90
done
if [ "$AUTH" = 1 ]; then
  set -- $AUTH_CM; k=${1}_$2
  row "GetService cached, Auth:Mode=Kubernetes ÷ None, the same token sent to both, c=$1 m=$2" "$WORK/rps_kube_$k" "$WORK/rps_none_token_$k" 85
fi
echo "# medians of $ROUNDS interleaved rounds of ${DURATION}s after a discarded warm-up; ceiling = the bare server's reply of the same size"
for f in "$WORK"/rps_*; do
  n=${f##*/rps_}; echo "#   $n: $(tr '\n' ' ' <"$f")"
done
for p in none echo kube; do v=PID_$p; [ -n "${!v:-}" ] && echo "#   $p server CPU over the timed rounds: $(( ($(cpu "${!v}") - ${CPU0[$p]}) / 100 )) s"; done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg); raw figures in $WORK"
