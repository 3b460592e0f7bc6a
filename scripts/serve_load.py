#!/usr/bin/env python3
"""Load test of `ogilint serve` on loopback: N concurrent clients upload
reports for a given time; every answer is compared with the first answer for
the same file, the server's memory (VmRSS) is sampled each second, and the
slowest answer is reported against the 30 s bound.

    cargo build --release
    python3 scripts/serve_load.py target/release/ogilint --clients 50 --seconds 30
"""
import argparse
import glob
import json
import os
import re
import subprocess
import threading
import time
import urllib.request
import uuid


def multipart(name, data):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", body


def post(base, name, data):
    kind, body = multipart(name, data)
    req = urllib.request.Request(base + "/api/check", data=body, headers={"Content-Type": kind}, method="POST")
    with urllib.request.urlopen(req, timeout=120) as r:
        return r.status, json.loads(r.read())


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()
    root = os.path.join(os.path.dirname(__file__), "..")
    files = sorted(glob.glob(os.path.join(root, "corpus/real/*.txt")))[:4]
    files += sorted(glob.glob(os.path.join(root, "corpus/html/*.html")))[:2]
    files += sorted(glob.glob(os.path.join(root, "corpus/pdf/*.pdf")))[:1]
    docs = [(os.path.basename(f), open(f, "rb").read()) for f in files]
    server = subprocess.Popen([args.bin, "serve", "--port", "0"], stderr=subprocess.PIPE, text=True)
    line = server.stderr.readline()
    base = "http://" + re.search(r"http://([\d.:]+)/", line).group(1)
    want = {}
    for name, data in docs:
        want[name] = [d["code"] for d in post(base, name, data)[1]["files"][0]["diagnostics"]]
    stats = {"requests": 0, "wrong": 0, "errors": 0, "slowest": 0.0}
    lock = threading.Lock()
    stop = time.time() + args.seconds

    def client(i):
        k = i
        while time.time() < stop:
            name, data = docs[k % len(docs)]
            k += 1
            t0 = time.time()
            try:
                status, body = post(base, name, data)
                got = [d["code"] for d in body["files"][0]["diagnostics"]]
                ok = status == 200 and got == want[name]
            except Exception:
                ok, status = False, 0
            dt = time.time() - t0
            with lock:
                stats["requests"] += 1
                stats["slowest"] = max(stats["slowest"], dt)
                if status != 200:
                    stats["errors"] += 1
                elif not ok:
                    stats["wrong"] += 1

    rss = [rss_kb(server.pid)]
    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        rss.append(rss_kb(server.pid))
    server.terminate()
    n = len(rss)
    print(f"{stats['requests']} requests in {args.seconds:.0f} s from {args.clients} clients "
          f"({stats['requests'] / args.seconds:.0f}/s): {stats['wrong']} wrong, {stats['errors']} failed, "
          f"slowest {stats['slowest']:.2f} s")
    print(f"server RSS: start {rss[0] / 1024:.0f} MB, after the first third {rss[n // 3] / 1024:.0f} MB, "
          f"end {rss[-1] / 1024:.0f} MB, peak {max(rss) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
