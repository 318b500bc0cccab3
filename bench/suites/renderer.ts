/**
 * The window's own figures, on the built renderer (`npm run build`; built here if
 * out/renderer is missing): bundle size, time to first render in Chromium, and a
 * library of 5,000 generations opened and scrolled to its end.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { Project } from '../../electron/core/projects/project.ts';
import type { GenerationRecord } from '../../shared/generation.ts';
import { MONALISA_JPG } from '../../tests/support/fixture-paths.ts';
import { generationRecord } from '../../tests/support/generation-records.ts';
import { RENDERER_DIR, closeBrowser, startHarness, type Harness } from '../../tests/support/harness.ts';
import type { BenchResult, BenchSuite } from '../bench-types.ts';

const LIBRARY_SIZE = 5_000;
const FIRST_RENDER_RUNS = 7;
const OPEN_RUNS = 5;
/** Pixels scrolled per frame: about three screens, a fast fling. */
const SCROLL_STEP_PX = 2_400;

function ensureBuilt(): void {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) {
    process.stderr.write('renderer: measuring the existing build in out/renderer (run `npm run build` after changes)\n');
    return;
  }
  process.stderr.write('renderer: out/renderer is missing, building it…\n');
  execFileSync(process.execPath, [join(import.meta.dirname, '../../node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: join(import.meta.dirname, '../..'),
    stdio: ['ignore', process.stderr, process.stderr],
  });
}

async function bundleSize(): Promise<BenchResult[]> {
  const dir = join(RENDERER_DIR, 'assets');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = await readFile(join(dir, file));
    raw += bytes.byteLength;
    gzip += gzipSync(bytes).byteLength;
  }
  return [
    { name: 'renderer: JS + CSS, gzip', value: Math.round(gzip / 102.4) / 10, unit: 'KiB' },
    { name: 'renderer: JS + CSS, uncompressed', value: Math.round(raw / 102.4) / 10, unit: 'KiB' },
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** From navigation to the studio's tab strip on screen. */
async function firstRender(page: Page, origin: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < FIRST_RENDER_RUNS; i += 1) {
    const start = performance.now();
    await page.goto(`${origin}/index.html`);
    await page.getByRole('tablist', { name: 'Workspace' }).waitFor();
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * 5,000 finished generations written straight to disk (the journal's fsync per
 * record would make seeding the slow part), sharing one poster through hard
 * links, then listed once so the project carries its index as it would in use.
 */
async function seedLibrary(dir: string): Promise<void> {
  const project = await Project.openOrCreate(dir);
  const poster = join(dir, 'poster.jpg');
  await copyFile(MONALISA_JPG, poster);
  const start = Date.parse('2025-01-01T09:00:00.000Z');
  const records: GenerationRecord[] = [];
  for (let i = 0; i < LIBRARY_SIZE; i += 1) {
    const at = new Date(start + i * 60_000).toISOString();
    const id = `${at.slice(0, 10)}_${String(i).padStart(6, '0')}_clip-${i}`;
    records.push(
      generationRecord(id, {
        name: `Clip ${i}`,
        createdAt: at,
        favorite: i % 7 === 0,
        takes: [{ index: 1, videoUUID: `v${i}`, state: 'done', file: 'take-1.mp4', poster: 'take-1.jpg', durationSec: 5.5, costUSD: 0.84 }],
      }),
    );
  }
  const BATCH = 100;
  for (let i = 0; i < records.length; i += BATCH) {
    await Promise.all(
      records.slice(i, i + BATCH).map(async (r) => {
        const folder = project.generations.folder(r.id);
        await mkdir(folder, { recursive: true });
        await writeFile(join(folder, 'generation.json'), JSON.stringify(r));
        await link(poster, join(folder, 'take-1.jpg')).catch(() => copyFile(poster, join(folder, 'take-1.jpg')));
      }),
    );
  }
  await project.generations.list();
  await project.generations.flushIndex();
}

interface OpenTimes {
  /** Click to first cards. */
  total: number;
  /** The part after main's answer arrived: the renderer's own work. */
  renderer: number;
}

/**
 * Clicks a project in the sidebar and times, in the page, until its first cards
 * are in the DOM, and how much of that came after main's answer arrived (the
 * harness carries IPC over the DevTools protocol, far slower than Electron's).
 */
async function openUntilCards(page: Page, name: string): Promise<OpenTimes> {
  await page.evaluate(() => {
    const w = window as unknown as {
      openedAt: number;
      answeredAt: number;
      cardsAt: number;
      studio: { projects: { open: (x: unknown) => Promise<unknown> } };
    };
    w.openedAt = 0;
    w.answeredAt = 0;
    w.cardsAt = 0;
    const projects = w.studio.projects;
    const open = projects.open;
    projects.open = async (input) => {
      const answer = await open(input);
      w.answeredAt = performance.now();
      projects.open = open;
      return answer;
    };
    document.addEventListener('click', () => (w.openedAt = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (document.querySelector('[role="gridcell"]')) {
        w.cardsAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true });
  });
  await page
    .getByRole('navigation', { name: 'Projects' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();
  await page.getByRole('gridcell').first().waitFor();
  return page.evaluate(() => {
    const w = window as unknown as { openedAt: number; answeredAt: number; cardsAt: number };
    return { total: w.cardsAt - w.openedAt, renderer: w.cardsAt - w.answeredAt };
  });
}

/** Scrolls the grid from top to bottom a fling at a time, one step per frame. */
interface Scrolled {
  totalMs: number;
  frames: number[];
  /** Frames that showed no cards where the viewport's middle was (rendering fell behind). */
  blank: number;
  lastCard: string | null;
}

async function scrollToEnd(page: Page): Promise<Scrolled> {
  return page.evaluate(
    (step) =>
      new Promise<Scrolled>((resolve) => {
        const grid = document.querySelector<HTMLElement>('[role="grid"]');
        if (!grid) throw new Error('no grid');
        grid.scrollTop = 0;
        const frames: number[] = [];
        let blank = 0;
        let last = 0;
        const covered = () => {
          const box = grid.getBoundingClientRect();
          const middle = box.top + grid.clientHeight / 2;
          return Array.from(grid.querySelectorAll('[role="row"]')).some((row) => {
            const r = row.getBoundingClientRect();
            return r.top <= middle && r.bottom + 16 >= middle;
          });
        };
        let start = 0;
        const tick = (now: number) => {
          if (start === 0) start = now;
          else frames.push(now - last);
          if (!covered()) blank += 1;
          last = now;
          if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) {
            // One more frame so the last rows are rendered before looking at them.
            requestAnimationFrame((end) => {
              frames.push(end - last);
              const cards = grid.querySelectorAll('[role="gridcell"]');
              resolve({ totalMs: end - start, frames, blank, lastCard: cards[cards.length - 1]?.getAttribute('aria-label') ?? null });
            });
            return;
          }
          grid.scrollTop += step;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    SCROLL_STEP_PX,
  );
}

async function library(h: Harness): Promise<BenchResult[]> {
  const { page } = h;
  await Project.openOrCreate(join(h.projectsRoot, 'A small project'));
  await seedLibrary(join(h.projectsRoot, 'Big library'));
  // Start as the app would, in the small project, on the Library tab.
  await page.goto(`${h.origin}/index.html`);
  await page.getByRole('tablist', { name: 'Workspace' }).waitFor();
  await page.keyboard.press('Control+2');
  await page.getByText('No videos yet').waitFor();

  const opens: OpenTimes[] = [];
  for (let i = 0; i < OPEN_RUNS; i += 1) {
    opens.push(await openUntilCards(page, 'Big library'));
    if (i < OPEN_RUNS - 1) {
      await page
        .getByRole('navigation', { name: 'Projects' })
        .getByRole('button', { name: /^A small project/ })
        .click();
      await page.getByText('No videos yet').waitFor();
    }
  }
  const rendered = await page.getByRole('gridcell').count();
  // The older videos arrive after the first cards; scroll once they are all listed.
  await page.locator('[data-testid=library-browse][aria-busy=false]').waitFor({ timeout: 60_000 });
  const scrolled = await scrollToEnd(page);
  if (!scrolled.lastCard?.startsWith('Clip 0,')) throw new Error(`the grid did not reach the oldest card (saw ${scrolled.lastCard})`);
  // Posters held back during the fling arrive once it stops.
  await page.getByRole('gridcell').locator('img').first().waitFor({ timeout: 10_000 });
  const label = `library ${LIBRARY_SIZE.toLocaleString('en')}`;
  return [
    { name: `${label}: open → first cards (median of ${OPEN_RUNS})`, value: Math.round(median(opens.map((o) => o.total))), unit: 'ms' },
    {
      name: `${label}: of which main's answer (harness IPC over CDP)`,
      value: Math.round(median(opens.map((o) => o.total - o.renderer))),
      unit: 'ms',
    },
    { name: `${label}: of which the renderer, answer → first cards`, value: Math.round(median(opens.map((o) => o.renderer))), unit: 'ms' },
    { name: `${label}: cards in the DOM`, value: rendered, unit: 'cards' },
    { name: `${label}: scroll to the end (${scrolled.frames.length} frames)`, value: Math.round(scrolled.totalMs), unit: 'ms' },
    { name: `${label}: frame time while scrolling, median`, value: Math.round(median(scrolled.frames) * 10) / 10, unit: 'ms' },
    { name: `${label}: frame time while scrolling, p95`, value: Math.round(percentile(scrolled.frames, 0.95) * 10) / 10, unit: 'ms' },
    { name: `${label}: frames showing no cards while scrolling`, value: scrolled.blank, unit: 'frames' },
    {
      name: `${label}: frames over 20 ms while scrolling`,
      value: Math.round((scrolled.frames.filter((f) => f > 20).length / scrolled.frames.length) * 1000) / 10,
      unit: '%',
    },
  ];
}

const suite: BenchSuite = async () => {
  ensureBuilt();
  const results = await bundleSize();
  const h = await startHarness();
  try {
    results.push({
      name: `renderer: first render in Chromium (median of ${FIRST_RENDER_RUNS})`,
      value: Math.round(await firstRender(h.page, h.origin)),
      unit: 'ms',
    });
    results.push(...(await library(h)));
  } finally {
    await h.close();
    await closeBrowser();
  }
  return results;
};
export default suite;
