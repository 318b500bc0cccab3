// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { link, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dropFiles } from '../support/drop-files.ts';
import { cardsReach, createFirstProject } from '../support/e2e-steps.ts';
import { FakeRunware } from '../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../support/fixture-paths.ts';
import { MEDIA_PREFIX, closeBrowser, startHarness, type Harness } from '../support/harness.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { TestCipher } from '../support/test-cipher.ts';

describe('the studio, as a new user uses it', () => {
  let fake: FakeRunware;
  let h: Harness;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let notAudio: string;

  beforeAll(async () => {
    fake = await FakeRunware.start({ pollsBeforeSuccess: 12 });
    temp = await makeTempDir('studio flow ');
    notAudio = join(temp.path, 'notes.wav');
    await writeFile(notAudio, 'these are meeting notes, not a recording');
  });
  afterEach(async () => {
    await h?.close();
  });
  afterAll(async () => {
    await fake.close();
    await temp.cleanup();
    await closeBrowser();
  });

  const files = () => ({ 'monalisa.jpg': MONALISA_JPG, 'jfk.flac': JFK_FLAC, 'notes.wav': notAudio });

  const createProject = (name: string) => createFirstProject(h.page, name);

  it('drop, trim, see the price, generate, watch it finish, play it, export it', async () => {
    h = await startHarness({ cipher: new TestCipher(), runwareUrl: fake.url, files: files() });
    await h.backend.keyStore.set(fake.apiKey);
    const { page } = h;
    await createProject('Spring ads');

    await dropFiles(page, '[data-testid=drop-zone]', [
      { name: 'monalisa.jpg', type: 'image/jpeg' },
      { name: 'jfk.flac', type: 'audio/flac' },
    ]);
    await cardsReach(page, ['Portrait', 'Voice']);
    expect(await page.getByTestId('portrait-meta').textContent()).toBe('256×256 · jpg');
    expect(await page.getByTestId('voice-meta').textContent()).toMatch(/^jfk\.flac · 11\.0 s · 44\.1k$/);
    expect(await page.getByRole('img', { name: 'Portrait: monalisa.jpg' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(256);
    await page.locator('[data-testid=waveform] >> nth=0').waitFor();

    await page.getByLabel('In', { exact: true }).fill('1.00');
    await page.getByLabel('In', { exact: true }).press('Enter');
    await page.getByLabel('Out', { exact: true }).fill('6.50');
    await page.getByLabel('Out', { exact: true }).press('Enter');
    await expect.poll(() => page.getByTestId('cost-line').textContent()).toBe('5.50 s → 6 s billed at $0.14/s × 1 take = $0.84');
    await h.screenshot('composing');

    await page.getByRole('button', { name: 'Generate' }).click();
    const item = page.getByRole('complementary', { name: 'Queue' }).getByRole('listitem').first();
    await expect.poll(() => item.getByTestId('queue-state').textContent(), { timeout: 20_000 }).toMatch(/^generating/);
    await h.screenshot('generating');
    await expect.poll(() => item.getByTestId('queue-state').textContent(), { timeout: 30_000 }).toBe('done · 1 take');
    expect(h.platform.notifications).toEqual([{ title: 'jfk is ready', body: 'Generated 1 take · $0.84' }]);
    await expect.poll(() => page.getByTestId('total-spent').textContent()).toBe('$0.84');

    // What was sent is exactly the selection.
    const project = h.backend.studio.projects.get(join(h.projectsRoot, 'Spring ads'));
    const { generations } = await project.generations.list();
    expect(generations[0]).toMatchObject({ state: 'done', costUSD: 0.84, billedSeconds: 6 });
    expect(fake.acceptedSubmissions).toHaveLength(1);

    // The take plays in the library's player.
    await page.getByRole('tab', { name: 'Library' }).click();
    const player = page.getByRole('region', { name: 'Player' });
    const video = player.locator('video');
    await video.waitFor();
    const playing = await video.evaluate(async (v: HTMLVideoElement) => {
      v.muted = true;
      if (v.readyState < 2) await new Promise((ok) => v.addEventListener('loadeddata', ok, { once: true }));
      await v.play();
      await new Promise((ok) => setTimeout(ok, 300));
      return { readyState: v.readyState, duration: v.duration, advanced: v.currentTime > 0 };
    });
    expect(playing.readyState).toBeGreaterThanOrEqual(2);
    expect(Math.abs(playing.duration - 5.5)).toBeLessThan(0.15);
    expect(playing.advanced).toBe(true);

    // Exported as WebM into the project's exports/.
    await player.getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: /^Export/ });
    await exportDialog.getByRole('radio', { name: /WebM/ }).check();
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => exportDialog.getByRole('status').textContent(), { timeout: 30_000 }).toContain('Saved to exports/');
    const exported = await readdir(join(project.dir, 'exports'));
    expect(exported).toEqual(['Spring ads_monalisa_jfk_1.webm']);
    await exportDialog.getByRole('button', { name: 'Show in folder' }).click();
    await expect.poll(() => h.platform.revealed).toEqual([join(project.dir, 'exports', 'Spring ads_monalisa_jfk_1.webm')]);
    expect(h.problems).toEqual([]);
  });

  it('a corrupt audio file says what is wrong, in the voice card', async () => {
    h = await startHarness({ cipher: new TestCipher(), runwareUrl: fake.url, files: files() });
    const { page } = h;
    await createProject('Checks');
    await dropFiles(page, '[data-testid=drop-zone]', [{ name: 'notes.wav', type: 'audio/wav' }]);
    await cardsReach(page, ['Voice'], 'error');
    const alert = page.getByRole('region', { name: 'Voice' }).getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        '"notes.wav" holds text, not audio; it may have been renamed. Choose an audio file (wav, mp3, m4a, flac, ogg or opus) or a video with sound.',
      );
  });

  /** A new project with the portrait and the voice dropped in and read, under `key`. */
  async function composed(project: string, key: string) {
    h = await startHarness({ cipher: new TestCipher(), runwareUrl: fake.url, files: files() });
    await h.backend.keyStore.set(key);
    await createProject(project);
    await dropFiles(h.page, '[data-testid=drop-zone]', [
      { name: 'monalisa.jpg', type: 'image/jpeg' },
      { name: 'jfk.flac', type: 'audio/flac' },
    ]);
    await cardsReach(h.page, ['Portrait', 'Voice']);
    return h.page;
  }

  it('an invalid key shows the fix, and the queue waits', async () => {
    const page = await composed('Keys', 'rw_not_a_real_key_000000000000');
    await expect.poll(() => page.getByTestId('cost-line').textContent()).toContain('$0.');
    await page.getByRole('button', { name: 'Generate' }).click();
    const toast = page.getByTestId('notices').getByRole('alert');
    await expect
      .poll(() => toast.first().textContent(), { timeout: 20_000 })
      .toContain('Runware rejected this key. Check it, or create a new one on the API Keys page at my.runware.ai.');
    await expect.poll(() => page.getByRole('button', { name: 'Resume the queue' }).isVisible()).toBe(true);
    expect(fake.acceptedSubmissions.length).toBeLessThanOrEqual(1);
  });

  it('a refused payment (402) leaves Spent as it was and the item as "refused: add credit"', async () => {
    const page = await composed('Wallet', fake.apiKey);
    const spentBefore = await page.getByTestId('total-spent').textContent();
    const accepted = fake.acceptedSubmissions.length;
    fake.creditsUSD = 0.01;
    try {
      await page.getByRole('button', { name: 'Generate' }).click();
      const item = page.getByRole('complementary', { name: 'Queue' }).getByRole('listitem').first();
      await expect.poll(() => item.getByTestId('queue-state').textContent(), { timeout: 30_000 }).toBe('refused: add credit');
      expect(await item.getByTestId('queue-wait').textContent()).toBe(
        'Your Runware balance is too low for this generation. Top up your account at my.runware.ai, then try again.',
      );
      expect(await page.getByTestId('total-spent').textContent()).toBe(spentBefore);
      expect(await page.getByTestId('queue-counts').textContent()).toBe('0 running · 1 waiting');
      expect(fake.acceptedSubmissions.length).toBe(accepted);
    } finally {
      fake.creditsUSD = Number.POSITIVE_INFINITY;
    }
  });

  it('the media protocol serves open projects only, and refuses ../ and symlink escapes', async () => {
    h = await startHarness({ cipher: new TestCipher(), runwareUrl: fake.url, files: files() });
    const { page } = h;
    await createProject('Media');
    await dropFiles(page, '[data-testid=drop-zone]', [{ name: 'monalisa.jpg', type: 'image/jpeg' }]);
    await cardsReach(page, ['Portrait']);
    const dir = join(h.projectsRoot, 'Media');
    const id = h.backend.studio.projects.get(dir).info.id;
    const secret = join(temp.path, 'secret.txt');
    await writeFile(secret, 'outside the project');
    await mkdir(join(dir, 'media'), { recursive: true });
    await symlink(secret, join(dir, 'media', 'escape.txt'));
    // A second name for an outside file, shaped like the store's own names.
    await link(secret, join(dir, 'media', '0123456789abcdef.txt'));
    const base = `${h.origin}${MEDIA_PREFIX}${id}`;
    const status = async (path: string) => (await page.request.get(`${base}${path}`)).status();
    const [portrait] = (await readdir(join(dir, 'media'))).filter((n) => /^[0-9a-f]{16}\.jpg$/.test(n));
    expect(await status(`/media/${portrait}`)).toBe(200);
    // Only imported media and the takes a record names: not the project's own files.
    expect(await status('/project.json')).toBe(404);
    expect(await status('/../secret.txt')).toBe(404);
    expect(await status('/%2e%2e/%2e%2e/secret.txt')).toBe(404);
    expect(await status('/media/escape.txt')).toBe(404);
    expect(await status('/media/0123456789abcdef.txt')).toBe(404);
    expect((await page.request.get(`${h.origin}${MEDIA_PREFIX}not-a-project/project.json`)).status()).toBe(404);
    // And in the page itself, an image pointing outside never loads.
    const loaded = await page.evaluate(async (url) => {
      const img = new Image();
      img.src = url;
      return new Promise<boolean>((resolve) => {
        img.onload = () => resolve(true);
        img.onerror = () => resolve(false);
      });
    }, `${base}/media/escape.txt`);
    expect(loaded).toBe(false);
  });
});
