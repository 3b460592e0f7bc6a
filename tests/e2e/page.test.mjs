// End-to-end test of the page of `ogilint serve`, in Debian's headless
// Chromium driven by playwright-core. Run by tests/it/serve.rs (`cargo test`),
// which passes the binary as OGILINT_BIN; OGILINT_SCREENSHOTS=DIR also saves
// the screenshots the README shows.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.OGILINT_BIN || join(root, 'target', 'debug', 'ogilint');
const shots = process.env.OGILINT_SCREENSHOTS;
const tmp = mkdtempSync(join(tmpdir(), 'ogilint-e2e-'));
let passed = 0, failed = 0;

function startServer() {
  return new Promise((resolve, reject) => {
    const server = spawn(bin, ['serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (m) resolve({ server, base: `http://${m[1]}` });
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
    setTimeout(() => reject(new Error('server did not start: ' + err)), 15000);
  });
}

async function test(name, f) {
  try {
    await f();
    passed++;
    console.log(`test ${name} ... ok`);
  } catch (e) {
    failed++;
    console.log(`test ${name} ... FAILED\n${e.stack || e}`);
  }
}

// The seed report with a planted sum error (row 一: 自然人 3, 总计 0) and a
// wording error (section 五 paraphrased), in GB18030 as many offices save it.
function plantedReport() {
  const seed = readFileSync(join(root, 'corpus/seed/huaibin-luji_2024.txt'), 'utf8');
  const text = seed
    .replace('一、本年新收政府信息公开申请数量\t\t0\t0', '一、本年新收政府信息公开申请数量\t\t3\t0')
    .replace('五、存在的主要问题及改进情况', '五、政府信息公开工作存在的主要问题及改进情况');
  assert.notEqual(text, seed);
  const utf8 = join(tmp, 'planted-utf8.txt');
  writeFileSync(utf8, text);
  const path = join(tmp, '淮滨县芦集乡2024年报告.txt');
  writeFileSync(path, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', utf8]));
  return path;
}

const { server, base } = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
const page = await context.newPage();
const outside = [];
page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outside.push(r.url()); });

try {
  await test('the_page_is_chinese_by_default_and_switches_to_english', async () => {
    await page.goto(base + '/');
    assert.equal(await page.locator('h1').textContent(), '政府信息公开工作年度报告检查');
    await page.click('#lang');
    assert.match(await page.locator('h1').textContent(), /annual report checker/);
    await page.click('#lang');
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  });

  await test('a_planted_sum_error_and_wording_error_are_highlighted_at_their_cells', async () => {
    const planted = plantedReport();
    await page.goto(base + '/');
    await page.setInputFiles('#files', planted);
    await page.waitForSelector('#diags li button');
    const total = page.locator('td[data-value="requests.new_received.total"]');
    assert.match(await total.getAttribute('class'), /flag-error/);
    assert.match(await total.textContent(), /3/, 'the expected figure is shown in the cell');
    const part = page.locator('td[data-value="requests.new_received.natural_person"]');
    assert.match(await part.getAttribute('class'), /part/, 'the cells that should add up are marked');
    const heading = page.locator('.line.flag-warning', { hasText: '五、政府信息公开工作存在的主要问题' });
    assert.equal(await heading.count(), 1);
    // Hovering a number names its row and column and its sums.
    assert.match(await part.getAttribute('title'), /本年新收.*自然人[\s\S]*总计/);
    // The keyboard reaches a finding, and Enter takes it to its cell.
    const a201 = page.locator('#diags button', { hasText: 'A201' }).first();
    await a201.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.value), 'requests.new_received.total');
    if (shots) await page.screenshot({ path: join(shots, 'report.png'), fullPage: false });
  });

  await test('the_wording_fix_downloads_the_file_as_fix_writes_it_byte_for_byte', async () => {
    const planted = join(tmp, '淮滨县芦集乡2024年报告.txt');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#apply-fix')]);
    const got = readFileSync(await download.path());
    const copy = join(tmp, 'copy.txt');
    copyFileSync(planted, copy);
    try { execFileSync(bin, ['check', '--fix', copy], { stdio: 'ignore' }); } catch { /* exit 1: errors remain */ }
    const want = readFileSync(copy);
    assert.ok(!want.equals(readFileSync(planted)), 'the CLI made a fix');
    assert.ok(got.equals(want), 'the download equals `check --fix`, in GB18030');
  });

  await test('a_pdf_reads_into_its_values', async () => {
    await page.goto(base + '/');
    await page.setInputFiles('#files', join(root, 'corpus/pdf/huaian_shizhengfu_2024.pdf'));
    await page.waitForSelector('td[data-value]');
    const cell = (id) => page.locator(`td[data-value="${id}"]`).textContent();
    assert.equal((await cell('requests.new_received.total')).trim(), '3119');
    assert.equal((await cell('requests.outcome_total.total')).trim(), '3050');
    assert.equal((await cell('active.licensing')).trim(), '447228');
    assert.equal((await cell('review.reconsideration.total')).trim(), '351');
    await page.locator('td[data-value="requests.new_received.total"]').scrollIntoViewIfNeeded();
    if (shots) await page.screenshot({ path: join(shots, 'pdf.png'), fullPage: false });
  });

  await test('twenty_reports_give_a_sortable_summary_and_charts', async () => {
    const files = [];
    for (const dir of ['real', 'excerpts', 'html', 'seed']) {
      for (const f of readdirSync(join(root, 'corpus', dir)).sort()) {
        if (/\.(txt|md|html)$/.test(f) && !/^(README|SOURCES)/.test(f) && files.length < 20) files.push(join(root, 'corpus', dir, f));
      }
    }
    assert.equal(files.length, 20);
    await page.goto(base + '/');
    await page.setInputFiles('#files', files);
    await page.waitForSelector('#summary-table tbody tr');
    assert.equal(await page.locator('#summary-table tbody tr').count(), 20);
    // The same counts as the API gives.
    const form = new FormData();
    for (const f of files) form.append('file', new Blob([readFileSync(f)]), f.split('/').pop());
    const api = await (await fetch(base + '/api/check', { method: 'POST', body: form })).json();
    const findings = api.files.flatMap((f) => f.diagnostics).filter((d) => d.severity !== 'info').length;
    const bars = await page.locator('#chart-rule-svg rect').evaluateAll((rs) => rs.map((r) => Number(r.dataset.count)));
    assert.ok(bars.length > 3);
    const codes = new Set(api.files.flatMap((f) => f.diagnostics).filter((d) => d.severity !== 'info').map((d) => d.code));
    assert.equal(bars.length, Math.min(20, codes.size));
    if (codes.size <= 20) assert.equal(bars.reduce((a, b) => a + b, 0), findings);
    // Sorting by errors puts the most errors first on the second click.
    await page.click('button[data-sort="errors"]');
    await page.click('button[data-sort="errors"]');
    const firstErrors = Number(await page.locator('#summary-table tbody tr td:nth-child(4)').first().textContent());
    assert.equal(firstErrors, Math.max(...api.files.map((f) => f.errors)));
    // Reports of one agency over years: the cross-year results are shown.
    if (api.across.length) assert.equal(await page.locator('#across li').count(), api.across.length);
    if (shots) await page.screenshot({ path: join(shots, 'summary.png'), fullPage: true });
    // The CSV export.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.equal(csv.trim().split('\n').length, 21);
  });

  await test('nothing_is_fetched_from_elsewhere', async () => {
    assert.deepEqual(outside, []);
  });
} finally {
  await browser.close();
  server.kill();
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
