#!/usr/bin/env python3
"""Hostile PDF and Word files for tests/it/office.rs, each small on disk:

- bomb.docx: word/document.xml inflates to 80 MB (above the 64 MiB read);
- deep.docx: 5 000 nested elements (above the 1 024 read);
- not_word.zip: a zip of an Excel workbook's parts;
- report.ofd: an OFD package (OFD.xml);
- no_text.pdf: a page of vector drawing only, as a scan without OCR has no text;
- truncated.pdf: the first third of a real report's PDF (no cross-reference table);
- encrypted.pdf: a real report with a user password (needs qpdf).

    python3 scripts/hostile_fixtures.py tests/fixtures/hostile corpus/pdf/huaian-hongze_quzhengfu_2023.pdf
"""
import os
import shutil
import subprocess
import sys
import zipfile

out, real = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

with zipfile.ZipFile(os.path.join(out, "bomb.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        f.write(f"<w:document {W}><w:body><w:p><w:r><w:t>".encode())
        chunk = b"0" * (1 << 20)
        for _ in range(80):
            f.write(chunk)
        f.write(b"</w:t></w:r></w:p></w:body></w:document>")

with zipfile.ZipFile(os.path.join(out, "deep.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", f"<w:document {W}><w:body>" + "<w:sdt>" * 5000 + "</w:sdt>" * 5000 + "</w:body></w:document>")

with zipfile.ZipFile(os.path.join(out, "not_word.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", "<workbook/>")

with zipfile.ZipFile(os.path.join(out, "report.ofd"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("OFD.xml", "<ofd:OFD/>")

# A one-page PDF whose only content is a drawn rectangle.
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
]
stream = b"50 50 400 600 re S"
objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
pdf = bytearray(b"%PDF-1.4\n")
offsets = []
for i, o in enumerate(objs, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for off in offsets:
    pdf += b"%010d 00000 n \n" % off
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(os.path.join(out, "no_text.pdf"), "wb").write(bytes(pdf))

data = open(real, "rb").read()
open(os.path.join(out, "truncated.pdf"), "wb").write(data[: len(data) // 3])

if shutil.which("qpdf"):
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", real, os.path.join(out, "encrypted.pdf")], check=True)
else:
    print("qpdf not found: no encrypted.pdf", file=sys.stderr)
