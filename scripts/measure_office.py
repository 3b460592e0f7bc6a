#!/usr/bin/env python3
"""Measures ogilint on generated reports (scripts/office_fixtures.py): for
each .docx, .pdf and .doc, the values read against the truth (exact, wrong,
missing) and the diagnostics (the planted fault found; any other warning or
error is counted as false). Texts made by `pdftotext -layout NAME.pdf
NAME.layout.txt` and `pdftotext NAME.pdf NAME.raw.txt` are measured too.

    python3 scripts/measure_office.py DIR [--bin target/release/ogilint]
"""
import argparse
import glob
import json
import os
import subprocess
from collections import Counter

# Diagnostics that a planted fault also causes (a sum off changes the column sum too).
ALSO = {"A201": {"A202", "A203", "A207"}, "C403": set()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--bin", default="target/release/ogilint")
    args = ap.parse_args()
    totals = Counter()
    false_diags = []
    for truth_path in sorted(glob.glob(os.path.join(args.dir, "*.truth.json"))):
        truth = json.load(open(truth_path, encoding="utf-8"))
        stem = truth_path[: -len(".truth.json")]
        for ext in ("docx", "pdf", "doc", "layout.txt", "raw.txt"):
            path = f"{stem}.{ext}"
            if not os.path.exists(path):
                continue
            totals[f"{ext} files"] += 1
            parsed = subprocess.run([args.bin, "parse", path, "--format", "json-locations"], capture_output=True, text=True)
            model = json.loads(parsed.stdout or "{}")
            got = {k: v for k, v in model.get("values", {}).items()} if "values" in model else {}
            if not got:
                # The model's values by id: from the locations' raw text.
                got = {k: loc.get("value", loc.get("raw")) for k, loc in (model.get("locations") or {}).items()}
            for key, want in truth["values"].items():
                have = got.get(key)
                if want is None:
                    totals[f"{ext} blank"] += 1
                    continue
                try:
                    same = have is not None and float(str(have)) == float(want)
                except ValueError:
                    same = False
                totals[f"{ext} values"] += 1
                if same:
                    totals[f"{ext} exact"] += 1
                elif have is None:
                    totals[f"{ext} missing"] += 1
                else:
                    totals[f"{ext} wrong"] += 1
                    print(f"WRONG {path}: {key} = {have}, truth {want}")
            check = subprocess.run([args.bin, "check", path, "--format", "json"], capture_output=True, text=True)
            diags = [json.loads(line) for line in check.stdout.splitlines() if line.strip()]
            fault = truth.get("fault")
            codes = [d["code"] for d in diags if d["severity"] in ("error", "warning")]
            allowed = set()
            if fault:
                totals[f"{ext} planted"] += 1
                if fault["code"] in codes:
                    totals[f"{ext} planted found"] += 1
                allowed = {fault["code"]} | ALSO.get(fault["code"], set())
            for d in diags:
                if d["severity"] in ("error", "warning") and d["code"] not in allowed:
                    totals[f"{ext} false diagnostics"] += 1
                    false_diags.append(f"{path}: {d['code']} {d['message']}")
    for line in false_diags:
        print("FALSE", line)
    for k in sorted(totals):
        print(f"{k}: {totals[k]}")


if __name__ == "__main__":
    main()
