// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeRunware } from '../../electron/core/runware-stand-in/fake-runware.ts';
import { closeBrowser, startHarness, type Harness } from '../support/harness.ts';
import { TestCipher } from '../support/test-cipher.ts';

describe('Test key in settings, against the fake Runware', () => {
  let fake: FakeRunware;
  let h: Harness;
  beforeAll(async () => {
    fake = await FakeRunware.start();
  });
  afterEach(async () => {
    await h?.close();
  });
  afterAll(async () => {
    await fake.close();
    await closeBrowser();
  });

  async function saveAndTest(key: string) {
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel(/Paste your key|Replace with a new key/).fill(key);
    await dialog.getByRole('button', { name: /Save key|Replace key/ }).click();
    await dialog.getByRole('button', { name: 'Test key' }).click();
    await expect.poll(() => dialog.getByTestId('key-check').textContent()).not.toBe('Asking Runware…');
    return dialog;
  }

  it('confirms a key Runware accepts', async () => {
    h = await startHarness({ cipher: new TestCipher(), runwareUrl: fake.url });
    const dialog = await saveAndTest(fake.apiKey);
    expect(await dialog.getByTestId('key-check').textContent()).toBe('Runware accepted this key.');
  });

  it('does not save a key Runware rejects, and says where to get one', async () => {
    h = await startHarness({ cipher: new TestCipher(), runwareUrl: fake.url });
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Paste your key').fill('rw_wrong_key_0000000000000000');
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'rejected' }).first().textContent())
      .toBe('Runware rejected this key, so it was not saved. Check it, or create a new one on the API Keys page at my.runware.ai.');
    expect(await dialog.getByTestId('key-status').textContent()).toBe('No key set.');
    expect(h.backend.keyStore.status().configured).toBe(false);
    expect(await page.getByText('API key saved.').count()).toBe(0);
  });

  it('says the check could not reach Runware when the network is down', async () => {
    h = await startHarness({ cipher: new TestCipher(), runwareUrl: 'http://127.0.0.1:9/v1' });
    const dialog = await saveAndTest(fake.apiKey);
    expect(await dialog.getByRole('alert').textContent()).toBe(
      'The key could not be checked because Runware could not be reached. Check your internet connection and try again.',
    );
  });

  describe('Check setup', () => {
    async function checkSetup(key: string) {
      const { page } = h;
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await dialog.getByLabel('Paste your key').fill(key);
      await dialog.getByRole('button', { name: 'Save key' }).click();
      await dialog.getByLabel('Replace with a new key').waitFor();
      await dialog.getByRole('button', { name: 'Check setup' }).click();
      await dialog.getByTestId('setup-checks').waitFor({ timeout: 30_000 });
      const rows = await dialog
        .locator('[data-check]')
        .evaluateAll((trs) =>
          trs.map((tr) => [
            tr.getAttribute('data-check'),
            tr.getAttribute('data-verdict'),
            tr.querySelector('td:last-child')?.textContent ?? '',
          ]),
        );
      return { dialog, verdicts: Object.fromEntries(rows.map(([id, verdict]) => [id, verdict])), rows };
    }

    it('lists every check as passed on a working setup, and spends nothing', async () => {
      const fresh = await FakeRunware.start();
      try {
        h = await startHarness({ cipher: new TestCipher(), runwareUrl: fresh.url });
        const { dialog, verdicts } = await checkSetup(fresh.apiKey);
        expect(await dialog.getByTestId('setup-verdict').textContent()).toBe('Everything needed works.');
        expect(verdicts).toMatchObject({
          ffmpeg: 'ok',
          'projects-folder': 'ok',
          'app-data': 'ok',
          'api-key': 'ok',
          endpoint: 'ok',
          'key-accepted': 'ok',
        });
        expect(fresh.acceptedSubmissions).toEqual([]);
      } finally {
        await fresh.close();
      }
    });

    it('names what to fix when Runware cannot be reached', async () => {
      h = await startHarness({ cipher: new TestCipher(), runwareUrl: 'http://127.0.0.1:9/v1' });
      const { dialog, verdicts, rows } = await checkSetup(fake.apiKey);
      expect(await dialog.getByTestId('setup-verdict').textContent()).toBe('Something needs fixing: see below.');
      expect(verdicts).toMatchObject({ ffmpeg: 'ok', endpoint: 'failed' });
      expect(rows.find(([id]) => id === 'endpoint')?.[2]).toMatch(/127\.0\.0\.1:9/);
    });
  });
});
