#!/usr/bin/env python3
"""The scan's floor: what it costs only to read the files, against ripgrep.

    python3 scripts/floor.py TREE [--runs 3]

Builds HEAD with `scripts/floor.patch` applied (in a temporary copy of the
repository, compiled into `target/floor`, which later runs reuse), then
runs, alternately and RUNS times each, on the warm tree:

- `rg -c 总计 TREE`, the yardstick of issue 21;
- `ogilint scan TREE -j 2 --format jsonl`, stopped after each stage by the
  patch's `OGILINT_FLOOR`, every file then giving one I001 line:
  - `read`: the walk and the reading of each file;
  - `decode`: and its decoding; a text file normalised and its lines
    indexed, as the parser would;
  - `tokens`: and each page's tokens read, nothing built (the HTML reader's
    tokenizer alone);
  - `pages`: and each page read in full (tree, rendered text, normalised);
- the whole scan, unpatched behaviour (no `OGILINT_FLOOR`).

Prints the median CPU time (user + sys of the process, to the microsecond,
from `wait4`) of each and its ratio to ripgrep's. Everything after `pages`
(parsing, rules, output) costs what the whole scan costs beyond it.
A tree comes from `scripts/bench_crawl.py --keep --dir TREE`.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEVELS = ["read", "decode", "tokens", "pages", None]


def cpu(cmd, env=None):
    """User + sys seconds of `cmd`, its output thrown away."""
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd, stdout=null, stderr=null, env=env)
        _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{cmd[0]} failed: exit {os.waitstatus_to_exitcode(status)}")
    return usage.ru_utime + usage.ru_stime


def build():
    """The patched binary, built from HEAD into target/floor."""
    target = os.path.join(ROOT, "target", "floor")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        archive = subprocess.run(["git", "-C", ROOT, "archive", "HEAD"], capture_output=True, check=True).stdout
        os.makedirs(src)
        subprocess.run(["tar", "-x", "-C", src], input=archive, check=True)
        patch = os.path.join(ROOT, "scripts", "floor.patch")
        if subprocess.run(["git", "apply", patch], cwd=src).returncode != 0:
            sys.exit("scripts/floor.patch no longer applies to HEAD: redo it by hand")
        subprocess.run(["cargo", "build", "--release", "--quiet", "--target-dir", target], cwd=src, check=True)
    return os.path.join(target, "release", "ogilint")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tree")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if shutil.which("rg") is None:
        sys.exit("ripgrep (rg) is not installed")
    binary = build()
    times = {name: [] for name in ["rg"] + LEVELS}
    for _ in range(args.runs):
        times["rg"].append(cpu(["rg", "-c", "总计", args.tree]))
        for level in LEVELS:
            env = dict(os.environ)
            env.pop("OGILINT_FLOOR", None)
            if level:
                env["OGILINT_FLOOR"] = level
            times[level].append(cpu([binary, "scan", args.tree, "-j", "2", "--format", "jsonl"], env))
    rg = statistics.median(times["rg"])
    print(f"{'ripgrep':>22}: {rg:6.3f} s")
    for level in LEVELS:
        t = statistics.median(times[level])
        name = f"up to {level}" if level else "the whole scan"
        print(f"{name:>22}: {t:6.3f} s  {t / rg:5.1f}× ripgrep")


if __name__ == "__main__":
    main()
