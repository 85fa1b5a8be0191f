#!/usr/bin/env bash
# How KubeRpc's cost grows, each figure beside its ceiling measured in the same run: one table (README "Performance").
# Sections: reads (h2load against KubeRpc and a bare Grpc.AspNetCore server with a reply of the same size), writes
# (through KubeRpc and straight to the API server), watches (1 to 10,000 subscribers in another process), cache
# (10k to 1M Services synced). Each section prints its rows; this script gathers them under one header.
# Usage: tests/KubeRpc.Benchmarks/growth.sh [reads] [writes] [watches] [cache]   (all four by default)
# Needs h2load (apt-get install -y nghttp2-client) and curl for the reads; run on a quiet machine (about 20 minutes; the
# 1M-Service cache round needs about 10 GiB).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd); cd "$ROOT"
WORK=$(mktemp -d)
SECTIONS=("$@"); [ ${#SECTIONS[@]} -gt 0 ] || SECTIONS=(reads writes watches cache)
BENCH="dotnet tests/KubeRpc.Benchmarks/bin/Release/net10.0/KubeRpc.Benchmarks.dll"

for project in src/KubeRpc.Server tests/KubeRpc.Benchmarks tests/KubeRpc.Benchmarks/Echo; do
  dotnet build -c Release "$project" -v q -nologo >/dev/null
done
echo "# growth benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

for section in "${SECTIONS[@]}"; do
  echo "## $section"
  case $section in
    reads) BUILD=0 bash tests/KubeRpc.Benchmarks/reads-bench.sh ;;
    writes) $BENCH --mode writes ;;
    watches) $BENCH --mode watch-growth ;;
    cache) $BENCH --mode cache-growth ;;
    *) echo "unknown section $section (reads, writes, watches, cache)" >&2; exit 2 ;;
  esac 2>&1 | tee "$WORK/$section.log"
done

echo
echo "| area | workload | KubeRpc | ceiling (same run) | ratio / figure | target | met |"
echo "|---|---|---|---|---|---|---|"
for section in "${SECTIONS[@]}"; do grep -h '^| ' "$WORK/$section.log" | grep -v '^| area \|^|---' || true; done
echo "# full output of each section in $WORK"
