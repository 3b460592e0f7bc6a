#!/usr/bin/env python3
"""The bulk scan on a crawl-like tree, against ripgrep, in CPU time.

    python3 scripts/bench_crawl.py [--files 4000] [--runs 3] [--seed N] [--dir D] [--keep]

Builds a tree like a crawl of government sites, drawn with a new seed each
run (the seed is printed; pass --seed to draw the same tree again):

- 45 % saved pages: the corpus's real pages, and the corpus's text reports
  put into a site's page (navigation, sidebars, scripts, footer; the tables
  as <table>), GBK-declared ones among them;
- 40 % plain text of every layout in the corpus (tabs, pipes, pdftotext with
  and without -layout, OCR'd Markdown, glued crawls);
- 10 % plain text in GB18030;
- 5 % pages that are no report: news items, list pages of report titles,
  "see the attachment" pages, 404 pages.

Every report's digits and agency are varied, so no two files are equal.
Then, alternately, `rg -c 总计 DIR` and `ogilint scan --format jsonl -j 2 DIR`
run RUNS times each on the warm tree; the script prints the median CPU time
(user + sys, from /usr/bin/time) of each, their ratio, files/s, the peak RSS,
and how the non-reports fared: how many got I003 alone, and whether any
report did.
"""
import argparse
import html
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# An entry of a table of contents (`二、主动公开政府信息情况 ...... 10`), and a
# section heading at a line's start that is none.
CONTENTS_LINE = re.compile(r"[.…·]{3,}\s*\d+\s*$", re.M)
SECTION_LINE = re.compile(r"^\s*[一二三四五六][、.]\S(?!.*[.…·]{3,}\s*\d+\s*$)", re.M)


def corpus_files(exts):
    """The corpus's reports: all its files but a contents page alone (its
    section headings all entries of a table of contents), which is no report."""
    out = []
    for d in ("seed", "real", "excerpts", "pdf", "html"):
        folder = os.path.join(ROOT, "corpus", d)
        for f in sorted(os.listdir(folder)):
            if f.endswith(exts) and f not in ("README.md", "SOURCES.md"):
                text = open(os.path.join(folder, f), "rb").read().decode("utf-8", "replace")
                if not CONTENTS_LINE.search(text) or SECTION_LINE.search(text):
                    out.append(text)
    return out


def vary(text, rng, i):
    """Some digits changed and the agency renamed: a report of its own."""
    chars = list(text)
    digits = [k for k, c in enumerate(chars) if c.isdigit()]
    for k in rng.sample(digits, min(8, len(digits))):
        chars[k] = str(rng.randrange(10))
    return "".join(chars).replace("人民政府", "第%d人民政府" % i)


CHROME_HEAD = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>
<link rel="stylesheet" href="/css/site.css"><script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head><body><div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a> | <a href="/hdjl/">互动交流</a></div>
<div class="nav">{nav}</div><div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div><div class="main">"""
CHROME_TAIL = """</div><div class="side">{side}</div><div class="foot">主办单位：{agency}办公室 地址：{agency} 邮编：000000
<br>网站标识码：3400000000 备案号：皖ICP备00000000号 公安机关备案号 34000000000000</div>
<script src="/js/share.js"></script></body></html>"""


def chrome_bits(rng):
    """A site's chrome as saved pages carry it: menus, related links, and
    the inline scripts and styles that make most of a real page's 100 KB."""
    nav = "".join('<li><a href="/col/col%d/index.html">栏目%d</a></li>' % (rng.randrange(9999), k) for k in range(120))
    side = "".join('<p><a href="/art/%d.html">相关信息第%d条</a></p>' % (rng.randrange(99999), k) for k in range(80))
    script = "".join(
        "function f%d(a,b){var x=document.getElementById('m%d');if(x){x.style.display=a>b?'block':'none';}return a+b*%d;}\n"
        % (k, rng.randrange(999), rng.randrange(99))
        for k in range(rng.randrange(300, 700))
    )
    style = "".join(".c%d{margin:%dpx;padding:0;color:#%06x}\n" % (k, rng.randrange(20), rng.randrange(1 << 24)) for k in range(400))
    side += "<script>%s</script><style>%s</style>" % (script, style)
    return nav, side


def as_page(text, rng, agency, charset="utf-8"):
    """A text report in a site's page: paragraphs, and tab or pipe rows as a table."""
    nav, side = chrome_bits(rng)
    body, rows = [], []
    for line in text.split("\n"):
        cells = line.split("\t") if "\t" in line else [c for c in line.split("|")] if line.count("|") >= 2 else None
        if cells:
            rows.append("<tr>" + "".join("<td>%s</td>" % html.escape(c.strip()) for c in cells) + "</tr>")
            continue
        if rows:
            body.append('<table border="1">' + "".join(rows) + "</table>")
            rows = []
        if line.strip():
            body.append("<p>%s</p>" % html.escape(line))
    if rows:
        body.append('<table border="1">' + "".join(rows) + "</table>")
    head = CHROME_HEAD.format(charset=charset, title=agency, nav=nav)
    return head + "\n".join(body) + CHROME_TAIL.format(side=side, agency=agency)


def non_report(rng, i):
    """A page of a crawl that is no report."""
    nav, side = chrome_bits(rng)
    agency = "第%d县人民政府" % i
    kind = rng.choice(["news", "list", "attachment", "404"])
    if kind == "news":
        sentences = [
            "%d月%d日，%s召开专题会议，研究部署政务公开和政府信息公开工作。" % (rng.randrange(1, 13), rng.randrange(1, 29), agency),
            "会议强调，要坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
            "会议要求各部门按时报送政府信息公开工作年度报告，做好统计数据核对。",
            "全年共办理人大代表建议%d件、政协委员提案%d件。" % (rng.randrange(50), rng.randrange(50)),
        ] * rng.randrange(2, 6)
        main = "<h1>%s召开政务公开工作推进会</h1>%s" % (agency, "".join("<p>%s</p>" % s for s in sentences))
    elif kind == "list":
        items = "".join(
            '<li><a href="/art/%d.html">%s%s%d年政府信息公开工作年度报告</a><span>%d-01-2%d</span></li>'
            % (rng.randrange(99999), "第%d" % rng.randrange(99), rng.choice(["县教育局", "县民政局", "镇人民政府"]), y, y + 1, rng.randrange(10))
            for y in [rng.randrange(2019, 2025) for _ in range(20)]
        )
        main = "<h1>政府信息公开年报</h1><ul>%s</ul><div class='page'>共5页 第1页 下一页</div>" % items
    elif kind == "attachment":
        year = rng.randrange(2019, 2025)
        main = (
            "<h1>%s%d年政府信息公开工作年度报告</h1><p>发布时间：%d-01-2%d</p>"
            '<p>附件：<a href="/files/%d.pdf">%s%d年政府信息公开工作年度报告.pdf</a></p>'
            % (agency, year, year + 1, rng.randrange(10), rng.randrange(99999), agency, year)
        )
    else:
        main = "<h1>404</h1><p>对不起，您访问的页面不存在或已被删除！</p><p><a href='/'>返回首页</a></p>"
    return kind, CHROME_HEAD.format(charset="utf-8", title=agency, nav=nav) + main + CHROME_TAIL.format(side=side, agency=agency)


def build(dir_, n, rng):
    texts = corpus_files((".txt", ".md"))
    pages = corpus_files((".html",))
    truth = {}
    for i in range(n):
        sub = os.path.join(dir_, "%03d" % (i // 200))
        os.makedirs(sub, exist_ok=True)
        r = rng.random()
        if r < 0.05:
            kind, page = non_report(rng, i)
            path = os.path.join(sub, "%05d-%s.html" % (i, kind))
            open(path, "w", encoding="utf-8").write(page)
            truth[path] = "non-report"
            continue
        if r < 0.50:
            if rng.random() < 0.3:
                data = vary(rng.choice(pages), rng, i).encode("utf-8")
            else:
                gbk = rng.random() < 0.2
                page = as_page(vary(rng.choice(texts), rng, i), rng, "第%d县人民政府" % i, "gbk" if gbk else "utf-8")
                data = page.encode("gb18030" if gbk else "utf-8", "replace")
            path = os.path.join(sub, "%05d.html" % i)
        elif r < 0.90:
            data = vary(rng.choice(texts), rng, i).encode("utf-8")
            path = os.path.join(sub, "%05d.txt" % i)
        else:
            data = vary(rng.choice(texts), rng, i).encode("gb18030", "replace")
            path = os.path.join(sub, "%05d-gbk.txt" % i)
        open(path, "wb").write(data)
        truth[path] = "report"
    return truth


def timed(cmd):
    """CPU seconds (user + sys) and peak RSS (KB) of one run."""
    with tempfile.NamedTemporaryFile("r") as t:
        subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", t.name] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        user, sys_, rss = open(t.name).read().split()[-3:]
    return float(user) + float(sys_), int(rss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=4000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--dir", default=None)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "ogilint"))
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.SystemRandom().randrange(1 << 30)
    rng = random.Random(seed)
    dir_ = a.dir or tempfile.mkdtemp(prefix="ogilint-crawl-")
    if shutil.which("rg") is None:
        sys.exit("ripgrep (rg) is needed: apt-get install ripgrep")
    truth = build(dir_, a.files, rng)
    size = sum(os.path.getsize(p) for p in truth)
    for p in truth:  # warm the cache
        open(p, "rb").read()
    rg, scan, rss = [], [], []
    for _ in range(a.runs):
        rg.append(timed(["rg", "-c", "总计", dir_])[0])
        cpu, peak = timed([a.bin, "scan", "--format", "jsonl", "-j", "2", dir_, "-o", "/dev/null"])
        scan.append(cpu)
        rss.append(peak)
    out = subprocess.run([a.bin, "scan", "--format", "jsonl", "-j", "2", dir_], capture_output=True, text=True).stdout
    codes = {}
    for line in out.splitlines():
        d = json.loads(line)
        codes.setdefault(d["file"], []).append(d["code"])
    non = [p for p, k in truth.items() if k == "non-report"]
    alone = sum(1 for p in non if codes.get(p) == ["I003"])
    reports_i003 = sum(1 for p, k in truth.items() if k == "report" and "I003" in codes.get(p, []))
    m_rg, m_scan = statistics.median(rg), statistics.median(scan)
    kinds = {}
    for p in truth:
        kinds[os.path.splitext(p)[1]] = kinds.get(os.path.splitext(p)[1], 0) + 1
    print(f"seed {seed}: {len(truth)} files ({kinds}), {size / 1e6:.0f} MB")
    print(f"rg -c 总计 CPU:              median {m_rg:.3f} s of {', '.join(f'{x:.3f}' for x in rg)}")
    print(f"ogilint scan -j 2 CPU:      median {m_scan:.3f} s of {', '.join(f'{x:.3f}' for x in scan)}")
    print(f"ratio (CPU):                {m_scan / m_rg:.1f}×")
    print(f"files/s per CPU second:     {len(truth) / m_scan:.0f}")
    print(f"peak RSS:                   {max(rss) / 1024:.0f} MB")
    print(f"non-reports with I003 alone: {alone} of {len(non)}; reports with I003: {reports_i003}")
    if not a.keep and a.dir is None:
        shutil.rmtree(dir_)
    else:
        print(f"tree kept in {dir_}")


if __name__ == "__main__":
    main()
