// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuroraSettings } from '../../shared/aurora.ts';
import { FakeRunware } from '../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../support/fixture-paths.ts';
import { closeBrowser, startHarness, type Harness } from '../support/harness.ts';

/** Seconds of voice each generation sends (the take lasts as long). */
const SENT_SEC = 3;

describe('the library in Chromium', () => {
  let h: Harness;
  let fake: FakeRunware;
  let projectDir: string;

  async function generate(name: string, settings: AuroraSettings): Promise<string> {
    const image = await h.backend.studio.inputs.import(projectDir, MONALISA_JPG);
    const audio = await h.backend.studio.inputs.import(projectDir, JFK_FLAC);
    const created = await h.backend.studio.generations.create(projectDir, {
      image: image.file,
      audio: audio.file,
      startSec: 1,
      endSec: 1 + SENT_SEC,
      settings,
      normalizeLoudness: false,
      name,
      originalNames: { image: image.name, audio: audio.name },
    });
    const [record] = await h.backend.engine.settled(h.backend.studio.projects.get(projectDir), [created.id]);
    expect(record?.state).toBe('done');
    return created.id;
  }

  /** Screenshots wait for the dialogs' fade-in to finish. */
  const settle = () =>
    h.page.waitForFunction(() =>
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    );
  const grid = () => h.page.getByRole('grid', { name: 'Videos' });
  const card = (name: string) => grid().getByRole('gridcell', { name: new RegExp(`^${name},`) });

  beforeAll(async () => {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 1 });
    h = await startHarness({ runwareUrl: fake.url });
    await h.backend.keyStore.set(fake.apiKey);
    projectDir = (await h.backend.studio.projects.create('Spring ads')).dir;
    await generate('intro', {
      numberResults: 2,
      outputFormat: 'MP4',
      outputQuality: 90,
      CFGScale: 1,
      positivePrompt: 'natural blinking, gentle head turns',
    });
    await generate('outro', { numberResults: 1, outputFormat: 'MP4', outputQuality: 90, CFGScale: 1 });
    // The page opens the project as someone starting the app would.
    await h.page.reload();
    await h.page.getByRole('tablist', { name: 'Workspace' }).waitFor();
    await h.page.keyboard.press('Control+2');
    await grid().waitFor();
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    await closeBrowser();
  });

  it('shows every generation newest first with its poster, and plays a take with Space', async () => {
    const { page } = h;
    const names = await grid()
      .getByRole('gridcell')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label')?.split(',')[0]));
    expect(names).toEqual(['outro', 'intro']);
    // Posters come from each generation's folder through the media protocol.
    await expect
      .poll(() =>
        grid()
          .locator('img')
          .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth)),
      )
      .toEqual([expect.any(Number), expect.any(Number)]);
    expect(
      await grid()
        .locator('img')
        .evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0)),
    ).toBe(true);
    expect(await card('intro').textContent()).toContain('2 takes');

    await card('outro').click();
    const video = page.getByRole('region', { name: 'Player' }).locator('video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    await card('outro').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState >= 2 && v.currentTime > 0.3)).toBe(true);
    expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeCloseTo(SENT_SEC, 0);
    await page.keyboard.press('Space');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    // Enter takes the keyboard from the grid to the player.
    await page.keyboard.press('Enter');
    await expect.poll(() => video.evaluate((v) => document.activeElement === v)).toBe(true);
    await card('outro').focus();

    // Arrow keys move the selection; the player follows.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('region', { name: 'Player' }).getByRole('heading', { level: 2 }).textContent()).toBe('intro');
    expect(await page.getByRole('tab', { name: /Take 2/ }).isVisible()).toBe(true);
    await page
      .getByRole('region', { name: 'Player' })
      .locator('video')
      .evaluate(
        (v: HTMLVideoElement) => new Promise((ok) => (v.readyState >= 2 ? ok(null) : v.addEventListener('loadeddata', ok, { once: true }))),
      );
    await settle();
    await h.screenshot('library');
    expect(h.problems).toEqual([]);
  });

  it('compares the two takes of a generation with one transport, in sync', async () => {
    const { page } = h;
    const player = page.getByRole('region', { name: 'Player' });
    await card('intro').click();
    await player.getByRole('button', { name: 'Compare take 1' }).click();
    await player.getByRole('tab', { name: /Take 2/ }).click();
    await player.getByRole('button', { name: 'Compare take 2' }).click();
    await page.getByRole('button', { name: 'Compare 2 takes' }).click();

    const dialog = page.getByRole('dialog', { name: 'Compare 2 takes' });
    await dialog.waitFor();
    const videos = dialog.getByTestId('compare-video');
    expect(await videos.count()).toBe(2);
    await expect.poll(() => videos.evaluateAll((vs) => vs.every((v) => (v as HTMLVideoElement).readyState >= 2))).toBe(true);
    expect(await dialog.textContent()).toContain('natural blinking');
    await settle();
    await h.screenshot('compare');

    await dialog.getByRole('button', { name: 'Play all' }).click();
    await page.waitForTimeout(1000);
    const times = await videos.evaluateAll((vs) => vs.map((v) => (v as HTMLVideoElement).currentTime));
    expect(times[0]).toBeGreaterThan(0.6);
    expect(Math.abs((times[0] ?? 0) - (times[1] ?? 0))).toBeLessThan(0.1);
    // Only one of them is heard.
    expect(await videos.evaluateAll((vs) => vs.map((v) => (v as HTMLVideoElement).muted))).toEqual([false, true]);

    await dialog.getByRole('button', { name: 'Pause all' }).click();
    await dialog.getByRole('slider', { name: 'Position' }).fill('0.5');
    await expect
      .poll(() => videos.evaluateAll((vs) => vs.map((v) => Math.round((v as HTMLVideoElement).currentTime * 10) / 10)))
      .toEqual([0.5, 0.5]);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(h.problems).toEqual([]);
  });

  it('exports a take as WebM into the project’s exports folder, showing progress and where it went', async () => {
    const { page } = h;
    await card('outro').click();
    await page.getByRole('region', { name: 'Player' }).getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export “outro”' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: /WebM/ }).check();
    // Progress may be brief: remember whether the bar was ever shown.
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress?: boolean };
      w.sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('[role="progressbar"][aria-label="Export progress"]')) w.sawProgress = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const status = dialog.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^Saved to exports\/.+\.webm/);
    expect(await page.evaluate(() => (window as unknown as { sawProgress?: boolean }).sawProgress)).toBe(true);

    const shown = (await dialog.locator('code').textContent()) ?? '';
    const onDisk = join(projectDir, shown);
    expect((await stat(onDisk)).size).toBeGreaterThan(1000);
    expect(await readdir(join(projectDir, 'exports'))).toEqual([shown.replace(/^exports\//, '')]);

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('moves a video to the trash with Delete and brings it back with Undo', async () => {
    const { page } = h;
    const generations = join(projectDir, 'generations');
    const before = await readdir(generations);
    const spent = await page.getByTestId('total-spent').textContent();
    await card('outro').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => grid().getByRole('gridcell').count()).toBe(1);
    expect(await page.getByText('Moved “outro” to the trash.').first().isVisible()).toBe(true);
    // The trash does not un-spend: what it cost is still in the total, and said to be in the trash.
    expect(await page.getByTestId('total-spent').textContent()).toBe(spent);
    expect(await page.getByTestId('trashed-spent').textContent()).toMatch(/^\$\d+\.\d\d of “.+” is in the trash$/);
    expect((await readdir(generations)).length).toBe(before.length - 1);
    // The player moved on to what is left.
    expect(await page.getByRole('region', { name: 'Player' }).getByRole('heading', { level: 2 }).textContent()).toBe('intro');

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => grid().getByRole('gridcell').count()).toBe(2);
    expect(await page.getByTestId('total-spent').textContent()).toBe(spent);
    expect(await page.getByTestId('trashed-spent').count()).toBe(0);
    expect((await readdir(generations)).sort()).toEqual(before.sort());
    expect(await card('outro').getAttribute('aria-selected')).toBe('true');
    expect(h.problems).toEqual([]);
  });
});
