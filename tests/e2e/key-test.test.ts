// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeRunware } from '../support/fake-runware/fake-runware.ts';
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

  it('says Runware rejected a wrong key, and where to get one', async () => {
    h = await startHarness({ cipher: new TestCipher(), runwareUrl: fake.url });
    const dialog = await saveAndTest('rw_wrong_key_0000000000000000');
    expect(await dialog.getByRole('alert').textContent()).toBe(
      'Runware rejected this key. Check it, or create a new one on the API Keys page at my.runware.ai.',
    );
  });

  it('says the check could not reach Runware when the network is down', async () => {
    h = await startHarness({ cipher: new TestCipher(), runwareUrl: 'http://127.0.0.1:9/v1' });
    const dialog = await saveAndTest(fake.apiKey);
    expect(await dialog.getByRole('alert').textContent()).toBe(
      'The key could not be checked because Runware could not be reached. Check your internet connection and try again.',
    );
  });
});
