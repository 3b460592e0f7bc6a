// The page of `ogilint serve`: sends the chosen files to /api/check on this
// machine and shows what comes back. No library, nothing fetched from
// elsewhere.
'use strict';

const TEXT = {
  zh: {
    title: '政府信息公开工作年度报告检查', privacy: '在本机检查，文件不会离开这台电脑。',
    choose: '选择或拖入报告', drop: '把一个或多个报告文件拖到这里，或按 Enter 选择文件',
    formats: 'PDF、Word（.docx、.doc）、网页、文本，任何编码', paste: '粘贴文字', check: '检查',
    summary: '检查结果汇总', csv: '导出 CSV', file: '文件', agency: '机关', year: '年度', errors: '错误', warnings: '警告',
    byRule: '按规则统计', byAgency: '按机关统计', across: '跨年度检查', back: '返回汇总',
    applyFix: '应用措辞修改并下载', findings: '发现的问题', checking: '正在检查……', none: '未发现问题。',
    checked: (n) => `已检查 ${n} 个文件。`, failed: '检查失败：', error: '错误', warning: '警告', info: '提示',
    expected: '应为', other: 'English', row: '行', sumRow: '属于本行“总计”＝六类申请人之和',
    sumCol: '属于“（七）总计”＝各项办理结果之和', sumBalance: '属于“一＋二＝（七）＋四”',
    sumGroup: '属于本组“总计”＝结果维持＋结果纠正＋其他结果＋尚未审结', fixed: (n) => `已应用 ${n} 处修改，已下载。`,
    unknown: '（未识别）', report: '报告',
  },
  en: {
    title: 'Government information disclosure annual report checker', privacy: 'Checked on this computer: files never leave it.',
    choose: 'Choose or drop reports', drop: 'Drop one or more report files here, or press Enter to choose files',
    formats: 'PDF, Word (.docx, .doc), web pages, text, any encoding', paste: 'Paste text', check: 'Check',
    summary: 'Summary', csv: 'Export CSV', file: 'File', agency: 'Agency', year: 'Year', errors: 'Errors', warnings: 'Warnings',
    byRule: 'Findings by rule', byAgency: 'Findings by agency', across: 'Across years', back: 'Back to the summary',
    applyFix: 'Apply the wording fixes and download', findings: 'Findings', checking: 'Checking…', none: 'No finding.',
    checked: (n) => `${n} file(s) checked.`, failed: 'The check failed: ', error: 'error', warning: 'warning', info: 'info',
    expected: 'expected', other: '中文', row: 'line', sumRow: 'in the row total = the six applicant columns',
    sumCol: 'in （七）总计 = the outcome rows', sumBalance: 'in 一 + 二 = （七） + 四',
    sumGroup: 'in the group total = 结果维持 + 结果纠正 + 其他结果 + 尚未审结', fixed: (n) => `${n} fix(es) applied; downloaded.`,
    unknown: '(unknown)', report: 'Report',
  },
};

let lang = 'zh';
let lastFiles = [];
let last = null;
let sortKey = 'file';
let sortUp = true;

const $ = (id) => document.getElementById(id);
const t = (k) => TEXT[lang][k];

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('lang').textContent = t('other');
  $('lang').setAttribute('aria-label', t('other'));
  $('doc').setAttribute('aria-label', t('report'));
}

function status(msg) { $('status').textContent = msg; }

async function check(files) {
  lastFiles = files;
  status(t('checking'));
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  let resp;
  try {
    resp = await fetch('/api/check?lang=' + lang, { method: 'POST', body: form });
  } catch (e) {
    status(t('failed') + e);
    return;
  }
  const body = await resp.json().catch(() => ({ error: resp.statusText }));
  if (!resp.ok) { status(t('failed') + (body.error || resp.status)); return; }
  last = body;
  status(t('checked')(body.files.length));
  if (body.files.length === 1) {
    $('summary').hidden = true;
    showReport(0, false);
  } else {
    $('report').hidden = true;
    showSummary();
  }
}

// ---- many files: summary, charts, across-year results ----

function rowsSorted() {
  const rows = last.files.map((f, i) => ({ i, file: f.file, agency: f.agency || '', year: f.year || 0, errors: f.errors, warnings: f.warnings }));
  rows.sort((a, b) => {
    const x = a[sortKey], y = b[sortKey];
    const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), 'zh');
    return sortUp ? c : -c;
  });
  return rows;
}

function showSummary() {
  $('summary').hidden = false;
  const body = $('summary-table').querySelector('tbody');
  body.replaceChildren();
  for (const r of rowsSorted()) {
    const tr = document.createElement('tr');
    tr.tabIndex = 0;
    tr.dataset.index = r.i;
    for (const k of ['file', 'agency', 'year', 'errors', 'warnings']) {
      const td = document.createElement('td');
      td.textContent = k === 'year' && !r.year ? '' : r[k];
      tr.append(td);
    }
    const open = () => showReport(r.i, true);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
    body.append(tr);
  }
  const byRule = {}, byAgency = {};
  for (const f of last.files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'info') continue;
      byRule[d.code] = (byRule[d.code] || 0) + 1;
      const a = f.agency || t('unknown');
      byAgency[a] = (byAgency[a] || 0) + 1;
    }
  }
  $('chart-rule').replaceChildren(barChart(byRule, 'chart-rule-svg'));
  $('chart-agency').replaceChildren(barChart(byAgency, 'chart-agency-svg'));
  const across = $('across');
  across.replaceChildren();
  for (const d of last.across) {
    const li = document.createElement('li');
    li.innerHTML = '';
    const sev = document.createElement('span');
    sev.className = 'sev-' + d.severity;
    sev.textContent = `${t(d.severity)}[${d.code}] `;
    li.append(sev, document.createTextNode(`${d.file}: ${d.message}`));
    for (const n of d.notes) { const s = document.createElement('span'); s.className = 'note'; s.textContent = n; li.append(s); }
    across.append(li);
  }
  $('across-box').hidden = last.across.length === 0;
}

// A horizontal bar chart as SVG, largest first.
function barChart(counts, id) {
  const ns = 'http://www.w3.org/2000/svg';
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 20);
  const max = Math.max(1, ...entries.map((e) => e[1]));
  const h = 22, labelW = 190, barW = 260;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('id', id);
  svg.setAttribute('width', labelW + barW + 50);
  svg.setAttribute('height', Math.max(h, entries.length * h));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', entries.map(([k, v]) => `${k} ${v}`).join('，'));
  entries.forEach(([k, v], i) => {
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 0); label.setAttribute('y', i * h + 15);
    label.textContent = k.length > 14 ? k.slice(0, 14) + '…' : k;
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('x', labelW); rect.setAttribute('y', i * h + 4);
    rect.setAttribute('width', Math.max(2, (v / max) * barW)); rect.setAttribute('height', h - 8);
    rect.setAttribute('fill', '#1f5f99');
    rect.dataset.key = k; rect.dataset.count = v;
    const n = document.createElementNS(ns, 'text');
    n.setAttribute('x', labelW + (v / max) * barW + 6); n.setAttribute('y', i * h + 15);
    n.textContent = v;
    svg.append(label, rect, n);
  });
  return svg;
}

function exportCsv() {
  const esc = (v) => {
    let s = String(v ?? '');
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const lines = [['file', 'agency', 'year', 'errors', 'warnings'].join(',')];
  for (const r of rowsSorted()) lines.push([r.file, r.agency, r.year || '', r.errors, r.warnings].map(esc).join(','));
  download(new Blob(['\ufeff' + lines.join('\n') + '\n'], { type: 'text/csv' }), 'ogilint-summary.csv');
}

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

// ---- one report: the text with its tables, flagged places, findings ----

function utf8len(cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

// Splits text into pieces with byte offsets, at the given separator.
function split(text, start, sep) {
  const out = [];
  let cur = '', at = start, from = start;
  for (const ch of text) {
    if (ch === sep) { out.push({ text: cur, start: from, end: at }); at += 1; from = at; cur = ''; }
    else { cur += ch; at += utf8len(ch.codePointAt(0)); }
  }
  out.push({ text: cur, start: from, end: at });
  return out;
}

// The sums a value belongs to, from its id.
function sumsOf(id) {
  const p = id.split('.');
  const out = [];
  if (p[0] === 'requests') {
    const row = p.slice(1, -1).join('.'), col = p[p.length - 1];
    if (col !== 'total') out.push(t('sumRow'));
    const leaf = !['new_received', 'carried_over', 'outcome_total', 'carried_forward'].includes(row);
    if (leaf || row === 'outcome_total') out.push(t('sumCol'));
    if (!leaf) out.push(t('sumBalance'));
  } else if (p[0] === 'review') out.push(t('sumGroup'));
  return out;
}

function showReport(index, fromSummary) {
  const f = last.files[index];
  $('report').hidden = false;
  $('back').hidden = !fromSummary;
  $('report-h').textContent = f.file;
  $('apply-fix').hidden = !(f.fixable > 0 && lastFiles[index]);
  $('apply-fix').onclick = () => applyFix(index);
  const doc = $('doc');
  doc.replaceChildren();
  // Places: every cell and line with its byte range.
  const places = [];
  const valueAt = new Map();
  for (const [id, v] of Object.entries(f.values || {})) valueAt.set(v.byte_start, id);
  let table = null;
  for (const line of split(f.text, 0, '\n')) {
    if (line.text.includes('\t')) {
      if (!table) { table = document.createElement('table'); doc.append(table); }
      const tr = document.createElement('tr');
      for (const cell of split(line.text, line.start, '\t')) {
        const td = document.createElement('td');
        td.textContent = cell.text;
        td.dataset.start = cell.start;
        if (/^[-+]?\d[\d,.]*$/.test(cell.text.trim())) td.className = 'num';
        const lead = [...cell.text.slice(0, cell.text.length - cell.text.trimStart().length)]
          .reduce((n, ch) => n + utf8len(ch.codePointAt(0)), 0);
        const id = valueAt.get(cell.start) ?? valueAt.get(cell.start + lead);
        if (id !== undefined) {
          td.dataset.value = id;
          td.title = [f.labels[id] || id, id, ...sumsOf(id)].join('\n');
        }
        tr.append(td);
        places.push({ start: cell.start, end: cell.end, el: td, cell: true });
      }
      table.append(tr);
    } else {
      table = null;
      const div = document.createElement('div');
      div.className = 'line';
      div.dataset.start = line.start;
      div.textContent = line.text;
      doc.append(div);
      places.push({ start: line.start, end: line.end, el: div, cell: false });
    }
  }
  const at = (s, e) => places.filter((p) => (e > s ? p.start < e && s < p.end : p.start <= s && s <= p.end));
  const list = $('diags');
  list.replaceChildren();
  if (f.marks.length === 0) { const li = document.createElement('li'); li.textContent = t('none'); list.append(li); }
  f.marks.forEach((d, i) => {
    let first = null;
    for (const l of d.labels) {
      for (const p of at(l.start, l.end)) {
        first = first || (l.primary ? p.el : null);
        if (l.primary) {
          p.el.classList.add('flag-' + d.severity);
          p.el.dataset.diag = (p.el.dataset.diag ? p.el.dataset.diag + ' ' : '') + i;
          if (p.cell && l.label) {
            const x = document.createElement('span');
            x.className = 'expected';
            x.textContent = l.label;
            p.el.append(x);
          }
        } else {
          p.el.classList.add('part');
          if (l.label) p.el.title = (p.el.title ? p.el.title + '\n' : '') + l.label;
        }
      }
    }
    if (!first && d.labels.length) first = at(d.labels[0].start, d.labels[0].end)[0]?.el || null;
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    const sev = document.createElement('span');
    sev.className = 'sev-' + d.severity;
    sev.textContent = `${t(d.severity)}[${d.code}] `;
    b.append(sev, document.createTextNode(d.message));
    for (const n of [...d.notes, ...d.help]) { const s = document.createElement('span'); s.className = 'note'; s.textContent = n; b.append(s); }
    b.addEventListener('click', () => {
      if (!first) return;
      first.scrollIntoView({ block: 'center' });
      first.tabIndex = -1;
      first.focus({ preventScroll: true });
      first.classList.remove('current');
      void first.offsetWidth;
      first.classList.add('current');
    });
    li.append(b);
    list.append(li);
  });
}

async function applyFix(index) {
  const file = lastFiles[index];
  const form = new FormData();
  form.append('file', file, file.name);
  const resp = await fetch('/api/fix?lang=' + lang, { method: 'POST', body: form });
  if (!resp.ok) {
    const body = await resp.json().catch(() => ({}));
    status(t('failed') + (body.error || resp.status));
    return;
  }
  const n = resp.headers.get('x-ogilint-fixes') || '0';
  download(await resp.blob(), file.name);
  status(t('fixed')(n));
}

// ---- wiring ----

document.addEventListener('DOMContentLoaded', () => {
  applyLanguage();
  const input = $('files'), drop = $('drop');
  drop.addEventListener('click', () => input.click());
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) check([...e.dataTransfer.files]);
  });
  input.addEventListener('change', () => { if (input.files.length) check([...input.files]); input.value = ''; });
  $('check-pasted').addEventListener('click', () => {
    const text = $('pasted').value;
    if (text.trim()) check([new File([text], 'pasted.txt', { type: 'text/plain' })]);
  });
  $('lang').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    applyLanguage();
    if (lastFiles.length) check(lastFiles);
  });
  $('csv').addEventListener('click', exportCsv);
  $('back').addEventListener('click', () => { $('report').hidden = true; $('summary').hidden = false; });
  for (const b of document.querySelectorAll('[data-sort]')) {
    b.addEventListener('click', () => {
      sortUp = sortKey === b.dataset.sort ? !sortUp : true;
      sortKey = b.dataset.sort;
      showSummary();
    });
  }
});
