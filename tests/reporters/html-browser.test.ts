import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { CHROMIUM, CHROMIUM_PATH, skipUnless } from '../helpers/system-tools.js';
import { episode } from '../helpers/episodes.js';

/**
 * report.html in a real browser: Debian's chromium, headless. Without it the test skips with the
 * reason; CI installs it and sets STOPBENCH_REQUIRE_SYSTEM_TOOLS=1 (.ci/run), where it fails instead.
 */
const skip = skipUnless(CHROMIUM);
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let tmp: string;
let context: BrowserContext | undefined;

beforeEach((ctx) => {
  if (skip) ctx.skip(skip);
});

beforeAll(async () => {
  if (skip) return;
  tmp = await mkdtemp(path.join(os.tmpdir(), 'stopbench-html-'));
  await cp(path.join(ROOT, 'tests/fixtures/results/results.jsonl'), path.join(tmp, 'results.jsonl'));
  const run = runCli(['report', tmp, '--format', 'html', '--fixtures', path.join(ROOT, 'fixtures')]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
});

afterAll(async () => {
  await context?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('report.html in headless Chromium', () => {
  it('loads with no console error and no request outside the file, showing the table and the charts', async () => {
    const page = await context!.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`); });
    await page.goto(pathToFileURL(path.join(tmp, 'report.html')).href, { waitUntil: 'load' });

    for (const selector of ['#summary-table', '#cost-chart svg', '#heatmap', '#confusion-cards', '#false-stops']) {
      const box = await page.locator(selector).boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.width * box!.height, selector).toBeGreaterThan(1000);
    }
    await expect.poll(() => page.locator('#summary-table tbody tr').count()).toBe(3);
    expect(await page.locator('#cost-chart circle').count()).toBe(3); // one point per judge
    expect(await page.locator('#heatmap td.cell').count()).toBe(9); // 3 judges × 3 tags
    expect(await page.locator('#heatmap td.na').count()).toBeGreaterThan(0);

    // The drill-down opens, and the judge filter hides the other judges' entries.
    const first = page.locator('details.stop').first();
    await first.locator('summary').click();
    expect(await first.locator('.body').isVisible()).toBe(true);
    await expect.poll(() => first.locator('.body').textContent()).toContain('Contract');
    await page.selectOption('#stop-filter', 'verify');
    expect(await page.locator('details.stop:visible').count()).toBe(1);

    const png = await page.screenshot({ fullPage: true });
    await writeFile(path.join(os.tmpdir(), 'stopbench-report-screenshot.png'), png);
    const { colours, inked } = await pixelStats(png);
    expect(colours).toBeGreaterThan(50); // text, tinted cells, chart points: not a blank page
    expect(inked).toBeGreaterThan(0.02);
    expect(problems).toEqual([]);
  });

  it('draws the cost chart with no two judge labels overlapping, each inside the chart', async () => {
    // Judges with long names and nearly equal rate and cost: the case that drew labels on top of each other.
    const dir = path.join(tmp, 'crowded');
    const judges = ['verify-with-a-rather-long-name', 'verify-with-a-rather-long-name-2', 'exit-code', 'exit-code-strict', 'trust', 'llm-minimal-gpt-4o-mini'];
    const results = judges.flatMap((judge, i) => [0, 1].map((n) => {
      const e = episode({ status: 'done', judge, fixture: `f${n}`, checkpoints: [{ label: n === 0 || i % 3 === 2 ? 'incomplete' : 'complete', decision: 'done' }] });
      return { ...e, cost: { ...e.cost, judgeMs: 1000 + 60 * i } };
    }));
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'results.jsonl'), results.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const run = runCli(['report', dir, '--format', 'html']);
    expect(run.stderr).toBe('');
    const page = await context!.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'report.html')).href, { waitUntil: 'load' });
    const { svg, labels } = await page.evaluate(`(() => {
      const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: el.textContent }; };
      return { svg: box(document.querySelector('#cost-chart svg')), labels: Array.from(document.querySelectorAll('#cost-chart g.point text')).map(box) };
    })()`) as { svg: Box; labels: Box[] };
    expect(labels.map((l) => l.text).sort()).toEqual([...judges].sort());
    const overlaps: string[] = [];
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps.push(`${a.text} / ${b.text}`);
    }));
    expect(overlaps).toEqual([]);
    for (const l of labels) expect(l.left >= svg.left && l.right <= svg.right && l.top >= svg.top && l.bottom <= svg.bottom, `${l.text} inside the chart`).toBe(true);
  });
});

/** Distinct colours and the share of non-white pixels of a PNG, counted by the browser's own decoder. */
async function pixelStats(png: Buffer): Promise<{ colours: number; inked: number }> {
  const page = await context!.newPage();
  await page.setContent('<canvas></canvas>');
  // In-page code as a string: the test's tsconfig has no DOM types.
  const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
  return page.evaluate(`(async () => {
    const image = new Image();
    image.src = ${JSON.stringify(dataUrl)};
    await image.decode();
    const canvas = document.querySelector('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const g = canvas.getContext('2d');
    g.drawImage(image, 0, 0);
    const data = g.getImageData(0, 0, image.width, image.height).data;
    const seen = new Set();
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) inked += 1;
    }
    return { colours: seen.size, inked: inked / (data.length / 4) };
  })()`);
}

interface Box { left: number; right: number; top: number; bottom: number; text: string }
