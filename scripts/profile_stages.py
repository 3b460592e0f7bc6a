#!/usr/bin/env python3
"""Where the scan's CPU time goes, by stage, in ms.

    python3 scripts/profile_stages.py DIR [--runs 3] [--bin BIN]

Samples `BIN scan DIR -j 1 --format jsonl` with `perf record` (one sample
every 0.25 ms of the process's CPU time, DWARF call stacks), RUNS times, and counts each sample in the outermost
stage on its stack (reading pages, parsing, rules, ...), then prints the
mean ms of CPU per stage. The binary needs line tables for the stacks:

    CARGO_TARGET_DIR=target/prof CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \\
        cargo build --release
    python3 scripts/profile_stages.py TREE --bin target/prof/release/ogilint

(a tree from `scripts/bench_crawl.py --keep --files 1000`, for instance).
Needs `perf` (Debian's `linux-perf`) and leaves nothing behind but its
output. Samples of the kernel's page cache count as "reading files".
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# One sample per this many ns of task clock: each sample is this much CPU,
# whatever rate the kernel allows for frequency-based sampling.
PERIOD_NS = 250_000

# Each sample goes to the first stage matched from the outermost frame in.
STAGES = [
    ("reading pages (HTML)", r"^ogilint::html::"),
    ("columns of -layout text", r"layout_text::regrid|reading_score"),
    ("rules", r"^ogilint::rules::"),
    ("normalising", r"^ogilint::normalize::normalize$"),
    ("parsing the text", r"^ogilint::parse::"),
    ("decoding", r"^ogilint::decode::"),
    ("reading files", r"^ogilint::walk::"),
    ("line and column numbers", r"^ogilint::source::"),
    ("JSON output", r"^ogilint::render::|format_diagnostics"),
    ("copies for display", r"FileResult::new|display_report|drop_in_place<ogilint::engine::FileResult>"),
]
REST = "the allocator, threads and the rest"


def frame_name(line):
    name = line.strip().split(" ", 1)[1] if " " in line.strip() else ""
    name = re.sub(r"\+0x[0-9a-f]+ ", " ", name)
    name = re.sub(r" \(.*\)$", "", name)
    return re.sub(r"::h[0-9a-f]{16}", "", name)


def count(script_output, totals):
    """Adds the samples of one `perf script` output to `totals`; their number."""
    compiled = [(name, re.compile(p)) for name, p in STAGES]
    samples, stack = 0, []

    def flush():
        nonlocal samples
        if not stack:
            return
        samples += 1
        for frame in reversed(stack):
            for name, pattern in compiled:
                if pattern.search(frame):
                    totals[name] += 1
                    return
        totals[REST] += 1

    for line in script_output:
        if not line.strip():
            flush()
            stack = []
        elif line.startswith((" ", "\t")):
            stack.append(frame_name(line))
    flush()
    return samples


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "ogilint"))
    args = ap.parse_args()
    if shutil.which("perf") is None:
        sys.exit("perf is not installed (Debian: linux-perf)")
    totals, samples = collections.Counter(), 0
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "perf.data")
        for _ in range(args.runs):
            record = ["perf", "record", "-q", "-e", "task-clock", "-c", str(PERIOD_NS), "--call-graph",
                      "dwarf,16384", "-o", data, args.bin, "scan", args.dir, "-j", "1", "--format", "jsonl"]
            subprocess.run(record, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if not os.path.exists(data):
                sys.exit("perf record wrote no profile (is kernel.perf_event_paranoid too high?)")
            script = subprocess.Popen(["perf", "script", "-i", data], stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, text=True, errors="replace")
            samples += count(script.stdout, totals)
            script.wait()
            os.remove(data)
    if samples == 0:
        sys.exit("no samples: is perf installed and allowed (kernel.perf_event_paranoid)?")
    ms = lambda n: n * PERIOD_NS / 1e6 / args.runs
    for name, n in totals.most_common():
        print(f"{ms(n):8.1f} ms  {name}")
    print(f"{ms(samples):8.1f} ms  all ({args.runs} runs, mean)")


if __name__ == "__main__":
    main()
