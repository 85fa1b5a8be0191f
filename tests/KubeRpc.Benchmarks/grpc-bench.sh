#!/usr/bin/env bash
# gRPC read throughput and latency of KubeRpc.Server (Embedded mode, informer cache) beside the bare-gRPC
# ceiling, measured in the same run and interleaved (docs/performance.md §2.2 and §3): the bare server answers with a
# reply built once of exactly the GetService reply's size (echo) or the ListServices(50) reply's (echo_list).
# The growth table's reads section is reads-bench.sh.
# Usage: [ROUNDS=3] [DURATION=10] [SERVICES=1000] [PHASES="throughput latency"] tests/KubeRpc.Benchmarks/grpc-bench.sh
# Needs h2load (apt-get install -y nghttp2-client), curl, python3.
set -euo pipefail
ROUNDS=${ROUNDS:-3}; DURATION=${DURATION:-10}; SERVICES=${SERVICES:-1000}; PHASES=${PHASES:-throughput latency}
GRPC=${GRPC:-50071}; MGMT=${MGMT:-9471}; API=${API:-18071}; ECHO=${ECHO:-50072}
ROOT=$(cd "$(dirname "$0")/../.." && pwd); WORK=$(mktemp -d); cd "$ROOT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

dotnet build -c Release src/KubeRpc.Server -v q -nologo >/dev/null
dotnet build -c Release tests/KubeRpc.Benchmarks -v q -nologo >/dev/null
dotnet build -c Release tests/KubeRpc.Benchmarks/Echo -v q -nologo >/dev/null

dotnet run -c Release --no-build --project src/KubeRpc.Server -- --Server:GrpcUrl=http://127.0.0.1:$GRPC \
  --Server:ManagementUrl=http://127.0.0.1:$MGMT --Kubernetes:Embedded:Url=http://127.0.0.1:$API >"$WORK/server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$MGMT/readyz" >/dev/null && break; sleep 0.5; done
dotnet tests/KubeRpc.Benchmarks/bin/Release/net10.0/KubeRpc.Benchmarks.dll --mode seed --url "http://127.0.0.1:$API" \
  --services "$SERVICES" --namespaces 1

python3 - "$WORK" "$SERVICES" <<'PY'
import struct, sys
w, n = sys.argv[1], int(sys.argv[2])
def frame(b): return b'\x00' + struct.pack('>I', len(b)) + b
def varint(v):
    out = b''
    while True:
        b = v & 0x7f; v >>= 7
        if v: out += bytes([b | 0x80])
        else: return out + bytes([b])
ld = lambda f, d: bytes([(f << 3) | 2]) + varint(len(d)) + d
vi = lambda f, v: bytes([(f << 3) | 0]) + varint(v)
strong = vi(1, 2)  # ReadOptions.consistency = CONSISTENCY_STRONG
get = ld(1, b'bench-00') + ld(2, b'svc-%06d' % (n // 2))
lst = ld(1, b'bench-00') + vi(4, 50)
open(f'{w}/get.bin', 'wb').write(frame(get))
open(f'{w}/get_strong.bin', 'wb').write(frame(get + ld(3, strong)))
open(f'{w}/list.bin', 'wb').write(frame(lst))
open(f'{w}/list_strong.bin', 'wb').write(frame(lst + ld(6, strong)))
open(f'{w}/echo.bin', 'wb').write(frame(ld(1, b'hello')))  # reply_bytes 0: the first size, the Get's
PY

# call NAME URL BODY: one curl call; fails unless grpc-status is 0; prints the reply's protobuf bytes.
call() {
  local hdr="$WORK/$1.hdr" out="$WORK/$1.out"
  curl -s --http2-prior-knowledge -X POST -H 'content-type: application/grpc' -H 'te: trailers' \
    --data-binary @"$3" "$2" -o "$out" -D "$hdr"
  grep -qi '^grpc-status: 0' "$hdr" || { echo "$1: grpc-status not 0:" >&2; cat "$hdr" >&2; return 1; }
  echo $(( $(stat -c %s "$out") - 5 ))
}
SVC="http://127.0.0.1:$GRPC/kuberpc.v1.ServiceManager"
last=$(python3 -c "print('svc-%06d' % ($SERVICES - 1))")
python3 -c "
import struct;b=b'\x0a\x08bench-00\x12'+bytes([len('$last')])+b'$last';open('$WORK/last.bin','wb').write(b'\x00'+struct.pack('>I',len(b))+b)"
for _ in $(seq 60); do call last "$SVC/GetService" "$WORK/last.bin" >/dev/null 2>&1 && break; sleep 0.5; done
GET_BYTES=$(call get "$SVC/GetService" "$WORK/get.bin")
LIST_BYTES=$(call list "$SVC/ListServices" "$WORK/list.bin")
call get_strong "$SVC/GetService" "$WORK/get_strong.bin" >/dev/null
call list_strong "$SVC/ListServices" "$WORK/list_strong.bin" >/dev/null
dotnet tests/KubeRpc.Benchmarks/bin/Release/net10.0/KubeRpc.Benchmarks.dll --mode read-requests --dir "$WORK/echo" \
  --echo-bytes "$LIST_BYTES" >/dev/null
cp "$WORK/echo/echo_$LIST_BYTES.bin" "$WORK/echo_list.bin"
# The bare server's replies are built once, of exactly the Get's and the List page's sizes (the request picks one).
dotnet tests/KubeRpc.Benchmarks/Echo/bin/Release/net10.0/Echo.dll --port "$ECHO" --reply-bytes "$GET_BYTES,$LIST_BYTES" >"$WORK/echo.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do call echo "http://127.0.0.1:$ECHO/bench.Bench/Echo" "$WORK/echo.bin" >/dev/null 2>&1 && break; sleep 0.5; done
ECHO_BYTES=$(call echo "http://127.0.0.1:$ECHO/bench.Bench/Echo" "$WORK/echo.bin")
ECHO_LIST_BYTES=$(call echo_list "http://127.0.0.1:$ECHO/bench.Bench/Echo" "$WORK/echo_list.bin")
echo "# GetService reply $GET_BYTES B, ListServices(50) reply $LIST_BYTES B, echo replies $ECHO_BYTES B and $ECHO_LIST_BYTES B; $SERVICES services cached"

declare -A URL=([echo]="http://127.0.0.1:$ECHO/bench.Bench/Echo" [echo_list]="http://127.0.0.1:$ECHO/bench.Bench/Echo"
  [get]="$SVC/GetService" [list]="$SVC/ListServices"
  [get_strong]="$SVC/GetService" [list_strong]="$SVC/ListServices")
TARGETS=(echo get echo_list list get_strong list_strong)
# h2load NAME C M SECONDS [extra]: prints req/s, after checking every request succeeded with a full reply.
run() {
  local name=$1 c=$2 m=$3 d=$4; shift 4
  local out; out=$(h2load -D "$d" -c "$c" -m "$m" -t 1 -d "$WORK/$name.bin" -H 'content-type: application/grpc' \
    -H 'te: trailers' "$@" "${URL[$name]}")
  local ok data; ok=$(echo "$out" | awk '/^requests:/{print $8; exit}')
  data=$(echo "$out" | awk '/^traffic:/{gsub(/[()]/,"",$0); for(i=1;i<=NF;i++) if($(i+1)=="data") print $i}')
  local failed; failed=$(echo "$out" | awk '/^requests:/{print $10+$12}')
  [ "$failed" = 0 ] || { echo "$name: failures"; echo "$out"; exit 1; }
  # h2load counts grpc errors as 2xx (pitfall 1): a short reply means an error body of 0 bytes.
  [ "$(( data / (ok > 0 ? ok : 1) ))" -ge 5 ] || { echo "$name: empty replies"; echo "$out"; exit 1; }
  echo "$out" | awk '/^finished in/{gsub(/,/,"",$4); print $4}'
}
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

echo "# warm-up: ${DURATION}s per target at c=4 m=16, discarded"
for t in "${TARGETS[@]}"; do run "$t" 4 16 "$DURATION" >/dev/null; done

for cm in "1 16" "4 64"; do
  set -- $cm
  for t in "${TARGETS[@]}"; do : >"$WORK/rps_${t}_$1_$2"; done
  [[ $PHASES == *throughput* ]] || { for t in "${TARGETS[@]}"; do echo 0 >"$WORK/rps_${t}_$1_$2"; done; continue; }
  for r in $(seq "$ROUNDS"); do
    for t in "${TARGETS[@]}"; do run "$t" "$1" "$2" "$DURATION" >>"$WORK/rps_${t}_$1_$2"; done
  done
done
for t in "${TARGETS[@]}"; do : >"$WORK/p50_$t"; : >"$WORK/p99_$t"; done
[[ $PHASES == *latency* ]] || for t in "${TARGETS[@]}"; do echo 0 >"$WORK/p50_$t"; echo 0 >"$WORK/p99_$t"; done
for r in $( [[ $PHASES == *latency* ]] && seq "$ROUNDS"); do
  for t in "${TARGETS[@]}"; do
    rm -f "$WORK/lat.log"  # h2load appends to an existing log file
    run "$t" 1 16 "$DURATION" --log-file="$WORK/lat.log" >/dev/null
    read -r p50 p99 < <(awk '{print $3}' "$WORK/lat.log" | sort -n | awk '{a[NR]=$1} END{print a[int(NR*.5)], a[int(NR*.99)]}')
    echo "$p50" >>"$WORK/p50_$t"; echo "$p99" >>"$WORK/p99_$t"
  done
done

printf '\n| target | reply B | req/s c=1 m=16 | %% of its echo | req/s c=4 m=64 | %% of its echo | p50 / p99 c=1 m=16 (µs) |\n|---|---|---|---|---|---|---|\n'
# Each read beside the bare reply of its own size: Gets beside echo, List pages beside echo_list.
declare -A CEIL=([echo]=echo [get]=echo [get_strong]=echo [echo_list]=echo_list [list]=echo_list [list_strong]=echo_list)
declare -A BYTES=([echo]=$ECHO_BYTES [echo_list]=$ECHO_LIST_BYTES [get]=$GET_BYTES [list]=$LIST_BYTES [get_strong]=$GET_BYTES [list_strong]=$LIST_BYTES)
for t in "${TARGETS[@]}"; do
  e1=$(median <"$WORK/rps_${CEIL[$t]}_1_16"); e4=$(median <"$WORK/rps_${CEIL[$t]}_4_64"); [ "$e1" != 0 ] || { e1=1; e4=1; }
  a=$(median <"$WORK/rps_${t}_1_16"); b=$(median <"$WORK/rps_${t}_4_64")
  printf '| %s | %s | %.0f | %.0f%% | %.0f | %.0f%% | %s / %s |\n' "$t" "${BYTES[$t]}" "$a" "$(echo "100*$a/$e1" | bc -l)" \
    "$b" "$(echo "100*$b/$e4" | bc -l)" "$(median <"$WORK/p50_$t")" "$(median <"$WORK/p99_$t")"
done
echo "# medians of $ROUNDS interleaved runs of ${DURATION}s each; raw figures in $WORK"
for t in "${TARGETS[@]}"; do echo "# $t: c1m16 $(tr '\n' ' ' <"$WORK/rps_${t}_1_16")| c4m64 $(tr '\n' ' ' <"$WORK/rps_${t}_4_64")| p99 $(tr '\n' ' ' <"$WORK/p99_$t")"; done
