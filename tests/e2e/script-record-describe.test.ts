import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { speechPriceUSD, ttsModel } from '../../shared/tts-models.ts';
import { preciseMoney } from '../../shared/money.ts';
import { dropFiles } from '../support/drop-files.ts';
import { cardsReach, createFirstProject, generateAndOpenLibrary } from '../support/e2e-steps.ts';
import { useStudioSession } from '../support/e2e-session.ts';
import { FakeRunware } from '../../electron/core/runware-stand-in/fake-runware.ts';
import { startHarness } from '../support/harness.ts';
import { TestCipher } from '../support/test-cipher.ts';

const run = promisify(execFile);
const SCRIPT = 'Hello from the studio. Every word of this voice was typed, then spoken.';
/** About 12 s of espeak-ng speech: seven of them run past Aurora’s 60 s (not past 120 s). */
const LONG_PARAGRAPH =
  'Welcome back to the spring campaign. Today we talk about light, colour and the long evenings. Our new collection arrives in stores next week, and the first customers will find a small surprise.';

async function durationOf(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

describe('no recording and no photo: a script, the microphone, a description', () => {
  const session = useStudioSession();
  const audioRequests = () => session.fake.requests.filter((r) => r.tasks.some((t) => t.taskType === 'audioInference')).length;

  it('Script → price → Preview → Use this voice → Generate gives a playable take, and a second preview is free', async () => {
    const h = await session.open();
    await h.backend.keyStore.set(session.fake.apiKey);
    const { page } = h;
    await createFirstProject(page, 'Words only');

    const voice = page.getByRole('region', { name: 'Voice' });
    await voice.getByRole('radio', { name: 'Script' }).click();
    const panel = page.getByTestId('script-panel');
    await panel.getByLabel('Script').fill(SCRIPT);
    await panel.getByLabel('Voice').selectOption('Rex');
    const price = preciseMoney(speechPriceUSD(SCRIPT, ttsModel('xai:tts@0')) ?? 0);
    // The price is on screen before anything is sent.
    expect(await page.getByTestId('script-count').textContent()).toBe(`${SCRIPT.length} / 15,000 characters`);
    expect(await page.getByTestId('speech-price').textContent()).toBe(`${SCRIPT.length} characters × $0.0042 per 1,000 = ${price}`);
    expect(audioRequests()).toBe(0);

    await panel.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('[data-testid=speech-preview][data-current=true]');
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.textContent()).toContain(`charged ${price}`);
    // It plays: the element has read the speech.
    await expect.poll(() => preview.locator('audio').evaluate((a: HTMLAudioElement) => a.duration), { timeout: 15_000 }).toBeGreaterThan(2);
    expect(audioRequests()).toBe(1);
    await h.screenshot('script-source');

    // The same script, model and voice again: reused, no request, no charge.
    await panel.getByRole('button', { name: 'Preview again' }).click();
    await expect.poll(() => page.getByTestId('speech-price').textContent()).toBe('Already made: reused at no charge');
    expect(audioRequests()).toBe(1);

    await panel.getByRole('button', { name: 'Use this voice' }).click();
    await cardsReach(page, ['Voice']);
    expect(await page.getByTestId('voice-meta').textContent()).toMatch(/^Rex – Hello from the studio\. Every wor…\.mp3 · \d+\.\d s/);
    await page.locator('[data-testid=waveform] >> nth=0').waitFor();

    await dropFiles(page, '[data-testid=drop-zone]', [{ name: 'monalisa.jpg', type: 'image/jpeg' }]);
    await cardsReach(page, ['Portrait']);
    // Speech and video, priced apart.
    await expect.poll(() => page.getByTestId('made-cost').textContent()).toBe(`Speech ${price} (already paid) · Video: `);
    expect(await page.getByTestId('cost-line').textContent()).toMatch(
      /Video: \d+\.\d\d s → \d+ s billed at \$0\.14\/s × 1 take = \$\d+\.\d\d$/,
    );

    await generateAndOpenLibrary(page);
    const video = page.getByRole('region', { name: 'Player' }).locator('video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeGreaterThan(2);
    expect(audioRequests()).toBe(1);
    // The library says what the voice was made from, and what it cost.
    await expect
      .poll(() => page.getByRole('region', { name: 'Inputs' }).textContent())
      .toContain(`Spoken from“${SCRIPT}” · Rex, xAI TTS · ${price}`);
  });

  it('a script whose speech runs past 60 s offers the split, as any long voice does', async () => {
    const h = await session.open();
    await h.backend.keyStore.set(session.fake.apiKey);
    const { page } = h;
    await createFirstProject(page, 'Long read');
    await page.getByRole('region', { name: 'Voice' }).getByRole('radio', { name: 'Script' }).click();
    const panel = page.getByTestId('script-panel');
    await panel.getByLabel('Script').fill(Array.from({ length: 7 }, () => LONG_PARAGRAPH).join(' '));
    await panel.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('[data-testid=speech-preview][data-current=true]');
    await preview.waitFor({ timeout: 60_000 });
    expect(await preview.getByRole('status').textContent()).toMatch(
      /^This speech runs \d+\.\d s, over Aurora’s 60 s: use it, then split it into 2 parts at its pauses \(or trim it\)\.$/,
    );
    await panel.getByRole('button', { name: 'Use this voice' }).click();
    await cardsReach(page, ['Voice']);
    await page.getByRole('button', { name: 'Split into 2 parts' }).click();
    await expect.poll(() => page.getByTestId('generate').textContent()).toBe('Generate 2 parts');
  });

  it('when Runware’s voice lists cannot be read, Script says so and offers the voices it knows', async () => {
    const down = await FakeRunware.start({ schemas: 'fail' });
    const h = await startHarness({ cipher: new TestCipher(), runwareUrl: down.url });
    try {
      const { page } = h;
      await createFirstProject(page, 'Offline voices');
      await page.getByRole('region', { name: 'Voice' }).getByRole('radio', { name: 'Script' }).click();
      const panel = page.getByTestId('script-panel');
      await panel.getByLabel('Model').selectOption('inworld:tts@1.5-mini');
      expect(await panel.getByRole('status').textContent()).toMatch(
        /^Runware's voice list for Inworld TTS 1\.5 Mini and Inworld TTS 1\.5 Max could not be read \(HTTP 503\), so only the voices Avatar Studio knows are offered\./,
      );
      expect(await panel.getByLabel('Voice').locator('option').allTextContents()).toEqual(['Sarah', 'Mark', 'Ashley']);
    } finally {
      await h.close();
      await down.close();
    }
  });

  it('Describe → four candidates side by side → pick one → the portrait card shows it', async () => {
    const h = await session.open();
    await h.backend.keyStore.set(session.fake.apiKey);
    const { page } = h;
    await createFirstProject(page, 'Faces from words');
    const portrait = page.getByRole('region', { name: 'Portrait' });
    await portrait.getByRole('radio', { name: 'Describe' }).click();
    expect(await page.getByTestId('describe-panel').getByLabel('Description').inputValue()).toMatch(
      /mouth closed.*plain light-grey background/,
    );
    expect(await page.getByTestId('portrait-price').textContent()).toContain('priced by Runware');
    await page.getByRole('button', { name: 'Make 4 portraits' }).click();
    const candidates = page.getByTestId('candidates').getByRole('button');
    await expect.poll(() => candidates.count(), { timeout: 60_000 }).toBe(4);
    for (let i = 0; i < 4; i += 1) {
      await expect
        .poll(() =>
          candidates
            .nth(i)
            .locator('img')
            .evaluate((img: HTMLImageElement) => img.naturalWidth),
        )
        .toBe(1024);
    }
    // Side by side: two rows of two.
    const boxes = await Promise.all([0, 1, 2].map(async (i) => (await candidates.nth(i).boundingBox())?.y ?? -1));
    expect(boxes[0]).toBe(boxes[1]);
    expect(boxes[2]).toBeGreaterThan(boxes[0] ?? 0);
    expect(await candidates.nth(2).textContent()).toMatch(/^3 · \$0\.0096$/);
    await h.screenshot('describe-source');
    // Four pictures at $0.0096 are in the project's spend at once.
    await expect.poll(() => page.getByTestId('total-spent').textContent()).toBe('$0.04');

    await candidates.nth(2).click();
    await cardsReach(page, ['Portrait']);
    const shown = page.getByRole('img', { name: 'Portrait: Described portrait 3.png' });
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1024);
    expect(await page.getByTestId('portrait-meta').textContent()).toMatch(/^1024×1024 · png · described, seed \d+$/);
    // Back on Describe, the chosen one is marked.
    await portrait.getByRole('radio', { name: 'Describe' }).click();
    expect(await page.getByTestId('candidates').getByRole('button', { pressed: true }).count()).toBe(1);
  });

  it('Record: a count-in, a level meter, Stop, and a take saved in the project at the length recorded', async () => {
    const h = await session.open();
    const { page } = h;
    await createFirstProject(page, 'Spoken here');
    await page.getByRole('region', { name: 'Voice' }).getByRole('radio', { name: 'Record' }).click();
    const panel = page.getByTestId('record-panel');
    await panel.getByRole('button', { name: 'Record' }).click();
    await expect.poll(() => page.getByTestId('record-status').textContent()).toMatch(/^Recording in [123]…$/);
    // Chromium's fake microphone beeps: the meter moves.
    await expect
      .poll(() => panel.getByRole('meter', { name: 'Input level' }).getAttribute('aria-valuenow').then(Number), { timeout: 15_000 })
      .toBeGreaterThan(10);
    await page.locator('[data-testid=record-panel][data-phase=recording]').waitFor({ timeout: 15_000 });
    // Chromium's fake capture offers several microphones: the picker lists them, by name.
    const microphones = await panel.getByLabel('Microphone').locator('option').allTextContents();
    expect(microphones[0]).toBe('System default');
    expect(microphones.length).toBeGreaterThanOrEqual(3);
    expect(microphones.slice(1).every((name) => name.length > 0 && !/^Microphone \d/.test(name))).toBe(true);
    const elapsed = async () => {
      const text = (await page.getByTestId('record-status').textContent()) ?? '';
      const match = /Recording (\d+):(\d+\.\d+)/.exec(text);
      return match ? Number(match[1]) * 60 + Number(match[2]) : 0;
    };
    await expect.poll(elapsed, { timeout: 30_000 }).toBeGreaterThanOrEqual(2.5);
    await h.screenshot('record-source');
    const shownAtStop = await elapsed();
    await panel.getByRole('button', { name: 'Stop' }).click();
    await page.locator('[data-testid=record-panel][data-phase=done]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('record-status').textContent()).toMatch(
      /^Take saved: Recording \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.wav · 0:0\d\.\d\d$/,
    );

    const [project] = await readdir(h.projectsRoot);
    const folder = join(h.projectsRoot, project ?? '', 'recordings');
    const saved = await readdir(folder);
    expect(saved).toHaveLength(1);
    const length = await durationOf(join(folder, saved[0] ?? ''));
    // What was on screen when Stop was clicked, give or take the click's own delay (and never the count-in).
    expect(length).toBeGreaterThan(shownAtStop - 0.3);
    expect(length).toBeLessThan(shownAtStop + 1.5);
    await expect.poll(() => page.getByTestId('record-playback').evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(2);

    await panel.getByRole('button', { name: 'Use this take' }).click();
    await cardsReach(page, ['Voice']);
    expect(await page.getByTestId('voice-meta').textContent()).toMatch(/^Recording .*\.wav · \d\.\d s/);
  });

  it('a window that dies mid-take keeps what was said: the take is offered back after a reload', async () => {
    const h = await session.open();
    const { page } = h;
    await createFirstProject(page, 'Cut short');
    await page.getByRole('region', { name: 'Voice' }).getByRole('radio', { name: 'Record' }).click();
    await page.getByTestId('record-panel').getByRole('button', { name: 'Record' }).click();
    await page.locator('[data-testid=record-panel][data-phase=recording]').waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => Number(/Recording 0:(\d+\.\d+)/.exec((await page.getByTestId('record-status').textContent()) ?? '')?.[1] ?? 0), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(2);
    // The renderer goes away without a Stop (no unload work runs, as in a crash).
    await page.reload();
    await page.locator('[aria-current="page"]', { hasText: 'Cut short' }).waitFor();
    await page.getByRole('region', { name: 'Voice' }).getByRole('radio', { name: 'Record' }).click();
    const notice = page.getByTestId('interrupted-take');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /^A take was cut short before it was saved: Recording .*\.webm \(\d+\.\d MB\)\. Keep it as a take$/,
    );
    await notice.getByRole('button', { name: 'Keep it as a take' }).click();
    await page.locator('[data-testid=record-panel][data-phase=done]').waitFor({ timeout: 30_000 });
    // The two seconds recorded before the window went, less at most the piece in the making and
    // the one on its way (a piece every 250 ms).
    const [project] = await readdir(h.projectsRoot);
    const folder = join(h.projectsRoot, project ?? '', 'recordings');
    const saved = await readdir(folder);
    expect(saved).toEqual([expect.stringMatching(/\.wav$/)]);
    expect(await durationOf(join(folder, saved[0] ?? ''))).toBeGreaterThan(1.45);
  });
});
