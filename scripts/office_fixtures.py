#!/usr/bin/env python3
"""Whole annual reports with known values, written the way agencies write
theirs: a .docx (python-docx) with the official tables and their merged
cells, then, where LibreOffice is installed, a PDF and a Word 97 .doc of it
(`soffice --headless --convert-to pdf|doc`).

Each report NAME gets NAME.docx, NAME.truth.json (every value by its id,
blanks as null, and the planted fault if any), NAME.pdf / NAME.doc, and, where
poppler is installed, the two texts pdftotext makes of the PDF
(NAME.layout.txt with -layout, NAME.raw.txt without).

    pip install python-docx
    apt-get install libreoffice-writer-nogui fonts-wqy-zenhei
    python3 scripts/office_fixtures.py tests/fixtures/office --count 4 --seed 7

The committed fixtures in tests/fixtures/office were made by that command,
plus report_2026_26 (--seed 2026, a merged group label cut by a page break),
report_777_14 (--seed 777, a header ending a page), labels_first.raw.txt
(pdftotext of --seed 777 report 05), report_31337_07 (--seed 31337, wrapped
labels whose tails share a line with a group label in the -layout text) and
headers_between.raw.txt / review_swapped.raw.txt (pdftotext of --seed 31337
reports 04 and 06), report_4242_16 (--seed 4242, a label column one space
from its numbers), group_beside_row.layout.txt and heading_between.raw.txt
(pdftotext of --seed 4242 reports 21 and 28), report_60606_08 (a group's
enumerator one space before a row's wrapped label), page_break_in_label.layout.txt
(--seed 60606 report 20), report_4711_29 (a blank cell under a line whose
long label pushed its numbers right) and cells_first.raw.txt (--seed 9001
report 19), group_on_numbers_line.layout.txt (--seed 123123 report 10); tests read them and need neither
LibreOffice nor python-docx. Use another
seed and a larger count to measure on reports the project has not seen:

    python3 scripts/office_fixtures.py /tmp/unseen --count 30 --seed 12345
    python3 scripts/measure_office.py /tmp/unseen
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

# The official labels (国办公开办函〔2021〕30号); ogilint's own are in src/template.rs.
SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
COLS3 = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]
ORGS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
# (id, group label or None, group size, row label)
OUTCOMES = [
    ("granted", None, 0, "（一）予以公开"),
    ("partially_granted", None, 0, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "（三）不予公开", 8, "1.属于国家秘密"),
    ("denied.prohibited_by_law", None, 0, "2.其他法律行政法规禁止公开"),
    ("denied.security_stability", None, 0, "3.危及“三安全一稳定”"),
    ("denied.third_party_rights", None, 0, "4.保护第三方合法权益"),
    ("denied.internal_affairs", None, 0, "5.属于三类内部事务信息"),
    ("denied.process_information", None, 0, "6.属于四类过程性信息"),
    ("denied.enforcement_files", None, 0, "7.属于行政执法案卷"),
    ("denied.administrative_query", None, 0, "8.属于行政查询事项"),
    ("unable.not_held", "（四）无法提供", 3, "1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", None, 0, "2.没有现成信息需要另行制作"),
    ("unable.still_unclear", None, 0, "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "（五）不予处理", 5, "1.信访举报投诉类申请"),
    ("not_processed.repeated", None, 0, "2.重复申请"),
    ("not_processed.publication", None, 0, "3.要求提供公开出版物"),
    ("not_processed.excessive", None, 0, "4.无正当理由大量反复申请"),
    ("not_processed.confirmation", None, 0, "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "（六）其他处理", 3, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.unpaid_fee", None, 0, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", None, 0, "3.其他"),
]
REVIEW_GROUPS = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]
REVIEW_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
AGENCIES = ["县人民政府办公室", "区教育局", "县自然资源局", "区住房和城乡建设局", "县市场监督管理局",
            "镇人民政府", "区卫生健康委员会", "县交通运输局", "街道办事处", "县生态环境局"]
PLACES = ["青川", "泗阳", "云龙", "海陵", "平江", "兴化", "龙泉", "安远", "石门", "临泽"]


def values(rng):
    """Consistent figures: table 3 sums by row and column, table 4 by group."""
    v = {}
    small = lambda hi: rng.choice([0, 0, 0, rng.randint(0, hi)])
    for key, cols in [("regulations", ["issued", "repealed", "in_force"]),
                      ("normative_documents", ["issued", "repealed", "in_force"])]:
        for c in cols:
            v[f"active.{key}.{c}"] = small(30) if key == "normative_documents" else 0
    v["active.licensing"] = rng.randint(0, 20000)
    v["active.punishment"] = rng.randint(0, 3000)
    v["active.coercion"] = small(200)
    v["active.fees"] = rng.choice([0, round(rng.uniform(0, 900), 2)])
    outcome_total = [0] * 6
    leaves = {}
    for oid, _, _, _ in OUTCOMES:
        row = [small(40) if c == 0 else small(4) for c in range(6)]
        leaves[oid] = row
        outcome_total = [a + b for a, b in zip(outcome_total, row)]
    carried_over = [small(5) for _ in range(6)]
    carried_forward = [small(6) for _ in range(6)]
    new = [o + f - c for o, f, c in zip(outcome_total, carried_forward, carried_over)]
    # New requests cannot be negative: carry less forward.
    new = [max(n, 0) for n in new]
    carried_forward = [n + c - o for n, c, o in zip(new, carried_over, outcome_total)]
    rows = [("new_received", new), ("carried_over", carried_over)]
    rows += [(oid, leaves[oid]) for oid, _, _, _ in OUTCOMES]
    rows += [("outcome_total", outcome_total), ("carried_forward", carried_forward)]
    for rid, row in rows:
        for c, x in zip(COLS3, row + [sum(row)]):
            v[f"requests.{rid}.{c}"] = x
    for g in REVIEW_GROUPS:
        parts = [small(8) for _ in range(4)]
        for c, x in zip(REVIEW_COLS, parts + [sum(parts)]):
            v[f"review.{g}.{c}"] = x
    return v


# The look of the report being written (set per report: agencies differ).
STYLE = {"size": 9, "valign": None, "label_cm": 4.0}


def set_widths(table, widths_cm):
    """Column widths as Word keeps them: on the grid and on every cell."""
    from docx.shared import Cm
    table.autofit = False
    # LibreOffice reads the grid; Word reads the cells.
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(w * 567)))
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            if i < len(widths_cm):
                cell.width = Cm(widths_cm[i])


def set_cell(cell, text, size=None):
    cell.text = ""
    if STYLE["valign"] is not None:
        cell.vertical_alignment = STYLE["valign"]
    p = cell.paragraphs[0]
    run = p.add_run(str(text))
    run.font.size = Pt(size or STYLE["size"])
    run.font.name = "WenQuanYi Zen Hei"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Zen Hei")


def fmt(x):
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:g}"
    return str(x)


def table2(doc, v):
    t = doc.add_table(rows=0, cols=4)
    t.style = "Table Grid"

    def row(cells):
        r = t.add_row().cells
        for i, c in enumerate(cells):
            set_cell(r[i], c)
        return r

    def block(title, header, items):
        r = row([title, "", "", ""])
        r[0].merge(r[3])
        set_cell(r[0], title)
        if len(header) == 1:
            r = row(["信息内容", header[0], "", ""])
            r[1].merge(r[3])
            set_cell(r[1], header[0])
        else:
            row(["信息内容"] + header)
        for label, vals in items:
            if len(vals) == 1:
                r = row([label, fmt(vals[0]), "", ""])
                r[1].merge(r[3])
                set_cell(r[1], fmt(vals[0]))
            else:
                row([label] + [fmt(x) for x in vals])

    docs = ["issued", "repealed", "in_force"]
    block("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
          [("规章", [v[f"active.regulations.{c}"] for c in docs]),
           ("行政规范性文件", [v[f"active.normative_documents.{c}"] for c in docs])])
    block("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", [v["active.licensing"]])])
    block("第二十条第（六）项", ["本年处理决定数量"],
          [("行政处罚", [v["active.punishment"]]), ("行政强制", [v["active.coercion"]])])
    block("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", [v["active.fees"]])])


def table3(doc, v):
    n_rows = 3 + 2 + len(OUTCOMES) + 2 + 2
    t = doc.add_table(rows=n_rows, cols=10)
    t.style = "Table Grid"
    # As the official template: three label columns, the row labels widest.
    set_widths(t, [1.2, 1.8, STYLE["label_cm"]] + [1.25] * 7)
    c = t.cell
    head = c(0, 0).merge(c(2, 2))
    set_cell(head, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    set_cell(c(0, 3).merge(c(0, 9)), "申请人情况")
    set_cell(c(1, 3).merge(c(2, 3)), "自然人")
    set_cell(c(1, 4).merge(c(1, 8)), "法人或其他组织")
    set_cell(c(1, 9).merge(c(2, 9)), "总计")
    for i, o in enumerate(ORGS):
        set_cell(c(2, 4 + i), o)

    def values_row(r, rid):
        for k, col in enumerate(COLS3):
            set_cell(c(r, 3 + k), fmt(v[f"requests.{rid}.{col}"]))

    set_cell(c(3, 0).merge(c(3, 2)), "一、本年新收政府信息公开申请数量")
    values_row(3, "new_received")
    set_cell(c(4, 0).merge(c(4, 2)), "二、上年结转政府信息公开申请数量")
    values_row(4, "carried_over")
    first = 5
    last = first + len(OUTCOMES)  # the （七）总计 row
    set_cell(c(first, 0).merge(c(last, 0)), "三、本年度办理结果")
    r = first
    for oid, group, size, label in OUTCOMES:
        if group is None and size == 0 and oid in ("granted", "partially_granted"):
            set_cell(c(r, 1).merge(c(r, 2)), label)
        else:
            if group:
                set_cell(c(r, 1).merge(c(r + size - 1, 1)), group)
            set_cell(c(r, 2), label)
        values_row(r, oid)
        r += 1
    set_cell(c(r, 1).merge(c(r, 2)), "（七）总计")
    values_row(r, "outcome_total")
    r += 1
    set_cell(c(r, 0).merge(c(r, 2)), "四、结转下年度继续办理")
    values_row(r, "carried_forward")
    # The last, spare row is removed.
    t._tbl.remove(t.rows[r + 1]._tr)


def table4(doc, v):
    t = doc.add_table(rows=4, cols=15)
    t.style = "Table Grid"
    c = t.cell
    set_cell(c(0, 0).merge(c(0, 4)), "行政复议")
    set_cell(c(0, 5).merge(c(0, 14)), "行政诉讼")
    for i, label in enumerate(REVIEW_LABELS):
        set_cell(c(1, i).merge(c(2, i)), label)
    set_cell(c(1, 5).merge(c(1, 9)), "未经复议直接起诉")
    set_cell(c(1, 10).merge(c(1, 14)), "复议后起诉")
    for g in range(2):
        for i, label in enumerate(REVIEW_LABELS):
            set_cell(c(2, 5 + 5 * g + i), label)
    for g, group in enumerate(REVIEW_GROUPS):
        for i, col in enumerate(REVIEW_COLS):
            set_cell(c(3, 5 * g + i), fmt(v[f"review.{group}.{col}"]))


def para(doc, text, bold=False, center=False, size=11):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    run.font.name = "WenQuanYi Zen Hei"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Zen Hei")
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def report(rng, index):
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.shared import Cm
    STYLE["size"] = rng.choice([7.5, 9, 10.5, 12])
    STYLE["valign"] = rng.choice([None, WD_ALIGN_VERTICAL.CENTER, WD_ALIGN_VERTICAL.TOP, WD_ALIGN_VERTICAL.BOTTOM])
    # Some offices keep the template's wide label column, some squeeze it.
    STYLE["label_cm"] = rng.choice([2.5, 3.5, 4.5, 5.5])
    year = rng.choice([2022, 2023, 2024, 2025])
    agency = rng.choice(PLACES) + rng.choice(AGENCIES)
    v = values(rng)
    fault = None
    truth = dict(v)
    kind = rng.choice(["none", "none", "sum", "blank"])
    if kind == "sum":
        rid = rng.choice(["granted", "denied.state_secret", "unable.not_held", "new_received"])
        key = f"requests.{rid}.total"
        v[key] = v[key] + rng.randint(1, 5)
        truth[key] = v[key]
        fault = {"kind": "sum", "value": key, "code": "A201"}
    elif kind == "blank":
        # A zero left blank (C403), so that no sum changes.
        zeros = sorted(k for k, x in v.items() if k.startswith("requests.") and x == 0 and not k.endswith(".total"))
        key = rng.choice(zeros)
        v[key] = None
        truth[key] = None
        fault = {"kind": "blank", "value": key, "code": "C403"}
    doc = Document()
    sec = doc.sections[0]
    sec.top_margin = Cm(rng.uniform(1.5, 3.7))
    sec.left_margin = sec.right_margin = Cm(rng.uniform(1.5, 3.2))
    para(doc, f"{agency}{year}年政府信息公开工作年度报告", bold=True, center=True, size=16)
    para(doc, f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    para(doc, SECTIONS[0], bold=True)
    new = v["requests.new_received.total"]
    para(doc, f"{year}年，{agency}认真贯彻落实《条例》各项规定，围绕中心工作，持续深化政务公开。全年共收到政府信息公开申请{new}件，均在法定期限内答复。")
    for _ in range(rng.randint(0, 6)):
        para(doc, "（一）主动公开。坚持以公开为常态、不公开为例外，围绕重点领域及时发布政策文件和工作动态，做好政策解读和回应关切，提升政务公开质量。")
    para(doc, SECTIONS[1], bold=True)
    table2(doc, v)
    para(doc, SECTIONS[2], bold=True)
    table3(doc, v)
    para(doc, SECTIONS[3], bold=True)
    table4(doc, v)
    para(doc, SECTIONS[4], bold=True)
    para(doc, "一是政策解读形式较为单一；二是信息发布的及时性有待提高。下一步，将丰富解读形式，加强信息审核与发布管理。")
    para(doc, SECTIONS[5], bold=True)
    para(doc, f"{year}年度本机关未收取信息处理费。")
    return doc, {"agency": agency, "year": year, "values": truth, "fault": fault}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-convert", action="store_true", help="write .docx only")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    for i in range(args.count):
        name = f"report_{args.seed}_{i:02d}"
        doc, truth = report(rng, i)
        path = os.path.join(args.out, name + ".docx")
        doc.save(path)
        with open(os.path.join(args.out, name + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=1, sort_keys=True)
        if soffice and not args.no_convert:
            for fmt_ in ["pdf", "doc"]:
                subprocess.run([soffice, "--headless", "--convert-to", fmt_, "--outdir", args.out, path],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # The two texts a user gets from the PDF with poppler's pdftotext.
            pdf = os.path.join(args.out, name + ".pdf")
            if shutil.which("pdftotext") and os.path.exists(pdf):
                subprocess.run(["pdftotext", "-layout", pdf, os.path.join(args.out, name + ".layout.txt")], check=True)
                subprocess.run(["pdftotext", pdf, os.path.join(args.out, name + ".raw.txt")], check=True)
    if not soffice and not args.no_convert:
        print("LibreOffice not found: .docx only", file=sys.stderr)


if __name__ == "__main__":
    main()
