// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles } from '../support/drop-files.ts';
import { cardsReach, createFirstProject } from '../support/e2e-steps.ts';
import { FakeRunware } from '../../electron/core/runware-stand-in/fake-runware.ts';
import { MONALISA_JPG } from '../support/fixture-paths.ts';
import { MEDIA_PREFIX, closeBrowser, startHarness, type Harness } from '../support/harness.ts';
import { longSpeech } from '../support/long-speech.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { TestCipher } from '../support/test-cipher.ts';
import { wavTone } from '../support/wav-tone.ts';

describe('long audio and batches in the studio', () => {
  let fake: FakeRunware;
  let h: Harness;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let speech: string;
  const voices: Record<string, string> = {};

  beforeAll(async () => {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 2, videoHeight: 120 });
    temp = await makeTempDir('split and batch ');
    speech = (await longSpeech(temp.path, 130)).file;
    for (let i = 1; i <= 3; i += 1) {
      const file = join(temp.path, `line ${i}.wav`);
      await writeFile(file, wavTone(1 + i * 0.5));
      voices[`line ${i}.wav`] = file;
    }
  }, 60_000);
  afterEach(async () => {
    await h?.close();
  });
  afterAll(async () => {
    await fake.close();
    await temp.cleanup();
    await closeBrowser();
  });

  async function open(files: Record<string, string>, name: string) {
    h = await startHarness({ cipher: new TestCipher(), runwareUrl: fake.url, files });
    await h.backend.keyStore.set(fake.apiKey);
    await createFirstProject(h.page, name);
    return h.page;
  }

  it('makes a 130 s voice in 3 parts, stitched into one playable video, and Spent is the sum of the parts', async () => {
    const page = await open({ 'monalisa.jpg': MONALISA_JPG, 'speech.wav': speech }, 'Keynote');
    await dropFiles(page, '[data-testid=drop-zone]', [
      { name: 'monalisa.jpg', type: 'image/jpeg' },
      { name: 'speech.wav', type: 'audio/wav' },
    ]);
    await cardsReach(page, ['Portrait', 'Voice']);
    await expect.poll(() => page.getByTestId('cost-line').textContent()).toContain('This selection is 130.0 s; Aurora takes up to 60 s.');
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Split into 3 parts' }).click();
    await expect
      .poll(() => page.getByTestId('cost-line').textContent())
      .toMatch(/^130\.00 s in 3 parts → 13[1-3] s billed at \$0\.14\/s = \$\d+\.\d\d$/);
    expect(await page.getByTestId('split-parts').getByRole('listitem').count()).toBe(3);
    await h.screenshot('split');
    const before = fake.acceptedSubmissions.length;
    await page.getByRole('button', { name: 'Generate 3 parts' }).click();

    const project = h.backend.studio.projects.get(join(h.projectsRoot, 'Keynote'));
    let sequenceId = '';
    await expect
      .poll(
        async () => {
          const { generations } = await project.generations.list();
          const sequence = generations.find((g) => g.kind === 'sequence');
          sequenceId = sequence?.id ?? '';
          // A failed part or stitch says why, not only "failed".
          const failed = generations.find((g) => g.state === 'failed');
          if (failed) return `failed: ${failed.name}: ${failed.error?.code ?? ''} ${failed.error?.message ?? ''}`;
          return sequence?.state;
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe('done');
    expect(fake.acceptedSubmissions.length - before).toBe(3);
    // Money counted once: the split generation is the sum of its parts, not that sum again.
    const { generations } = await project.generations.list();
    const parts = generations.filter((g) => g.parent?.id === sequenceId);
    expect(parts).toHaveLength(3);
    const partsCost = Math.round(parts.reduce((sum, p) => sum + (p.costUSD ?? Number.NaN), 0) * 100) / 100;
    expect(generations.find((g) => g.id === sequenceId)?.costUSD).toBeCloseTo(partsCost, 2);
    await expect.poll(() => page.getByTestId('total-spent').textContent()).toBe(`$${partsCost.toFixed(2)}`);
    const url = `${h.origin}${MEDIA_PREFIX}${project.info.id}/generations/${sequenceId}/take-1.mp4`;
    const video = await page.evaluate(async (src) => {
      const v = document.createElement('video');
      v.muted = true;
      v.src = src;
      document.body.append(v);
      await new Promise((resolve, reject) => {
        v.onloadeddata = resolve;
        v.onerror = () => reject(new Error('video failed to load'));
      });
      await v.play();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { readyState: v.readyState, duration: v.duration, playing: v.currentTime > 0 };
    }, url);
    expect(video.readyState).toBeGreaterThanOrEqual(2);
    expect(Math.abs(video.duration - 130)).toBeLessThan(0.15);
    expect(video.playing).toBe(true);
  }, 150_000);

  it('pairs one portrait with three dropped voices into a batch it prices first', async () => {
    const page = await open({ 'monalisa.jpg': MONALISA_JPG, ...voices }, 'Lines');
    await dropFiles(page, '[data-testid=drop-zone]', [{ name: 'monalisa.jpg', type: 'image/jpeg' }]);
    await cardsReach(page, ['Portrait']);
    expect(await page.getByTestId('portrait-meta').textContent()).toBe('256×256 · jpg');
    await dropFiles(
      page,
      '[data-testid=drop-zone]',
      Object.keys(voices).map((name) => ({ name, type: 'audio/wav' })),
    );
    const dialog = page.getByRole('dialog', { name: /^Batch/ });
    await dialog.getByTestId('batch-summary').waitFor({ timeout: 60_000 });
    await expect.poll(() => dialog.getByTestId('batch-summary').textContent()).toBe('3 generations · 6.0 s of audio · 7 s billed · $0.98');
    await h.screenshot('batch');
    const before = fake.acceptedSubmissions.length;
    await dialog.getByRole('button', { name: 'Start the batch · $0.98' }).click();
    await expect.poll(() => page.getByTestId('batch-progress').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => h.platform.notifications.map((n) => n.title), { timeout: 60_000 }).toContain('Batch of 3 is finished');
    expect(fake.acceptedSubmissions.length - before).toBe(3);
    expect(h.platform.notifications.find((n) => n.title === 'Batch of 3 is finished')?.body).toBe('3 of 3 videos made · $0.98');
    // Named by the files the person dropped, never by the project's stored copies.
    const project = h.backend.studio.projects.get(join(h.projectsRoot, 'Lines'));
    const { generations } = await project.generations.list();
    const records = await Promise.all(generations.map((g) => h.backend.studio.generations.get(project.dir, g.id)));
    expect(records.map((r) => r.inputs.image.originalName)).toEqual(['monalisa.jpg', 'monalisa.jpg', 'monalisa.jpg']);
    const batchName = records[0]?.batch?.name ?? '';
    await expect.poll(async () => (await readdir(join(project.dir, 'exports', batchName)).catch(() => [])).length).toBe(3);
    const exported = await readdir(join(project.dir, 'exports', batchName));
    expect(exported.every((f) => f.startsWith('Lines_monalisa_line '))).toBe(true);
  }, 120_000);
});
