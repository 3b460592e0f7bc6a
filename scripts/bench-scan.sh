#!/usr/bin/env bash
# Bulk-scan benchmark: generates N reports from the real ones in corpus/
# (each a copy with its agency and digits varied, so no two are equal),
# then times, on the same warm tree, `ogilint scan` and `rg -c 总计`, and
# prints files/s, MB/s, the ratio to ripgrep and the peak RSS.
#
#   scripts/bench-scan.sh [N=10000] [DIR=/tmp/ogilint-bench]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
dir=${2:-/tmp/ogilint-bench}
command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }
cargo build --release --quiet
bin=target/release/ogilint

if [ ! -f "$dir/.done-$n" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  python3 - "$n" "$dir" <<'PY'
import os, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
random.seed(7)
src = []
for d in ("seed", "real", "excerpts", "pdf", "html"):
    for f in sorted(os.listdir(os.path.join("corpus", d))):
        if f.endswith((".txt", ".md", ".html")) and f not in ("README.md", "SOURCES.md"):
            src.append((f, open(os.path.join("corpus", d, f), "rb").read()))
for i in range(n):
    name, data = src[i % len(src)]
    # Vary a few digits (values change, structure stays) and the agency.
    b = bytearray(data)
    for _ in range(8):
        j = random.randrange(len(b))
        if 0x30 <= b[j] <= 0x39:
            b[j] = 0x30 + random.randrange(10)
    sub = os.path.join(out, "%03d" % (i // 100))
    os.makedirs(sub, exist_ok=True)
    open(os.path.join(sub, "%05d-%s" % (i, name)), "wb").write(bytes(b).replace("人民政府".encode(), ("第%d人民政府" % i).encode()))
PY
  touch "$dir/.done-$n"
fi
bytes=$(du -sb "$dir" | cut -f1)
# Warm the cache, then time each tool on the same tree.
cat "$dir"/*/* > /dev/null
t0=$(date +%s.%N); rg -c 总计 "$dir" > /dev/null || true; t1=$(date +%s.%N)
/usr/bin/time -f "%M" -o /tmp/ogilint-bench-rss "$bin" scan "$dir" --format jsonl -o /dev/null 2> /tmp/ogilint-bench-summary || true
t2=$(date +%s.%N)
rss=$(tail -1 /tmp/ogilint-bench-rss)
python3 - "$n" "$bytes" "$t0" "$t1" "$t2" "$rss" <<'PY'
import sys
n, b, t0, t1, t2, rss = int(sys.argv[1]), int(sys.argv[2]), *map(float, sys.argv[3:6]), int(sys.argv[6])
rg, scan = t1 - t0, t2 - t1
print(f"{n} files, {b/1e6:.1f} MB")
print(f"rg -c 总计:    {rg:.3f} s")
print(f"ogilint scan: {scan:.3f} s, {n/scan:.0f} files/s, {b/1e6/scan:.1f} MB/s, peak RSS {rss/1024:.0f} MB")
print(f"ratio scan / rg: {scan/rg:.1f}")
PY
