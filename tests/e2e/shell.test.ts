// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, startHarness, type Harness } from '../support/harness.ts';
import { TestCipher } from '../support/test-cipher.ts';

const KEY = 'rw_e2e_5a6b7c8d9e0f1a2b3c4d5e6fabcd';

describe('the studio shell in Chromium', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });
  afterAll(closeBrowser);

  it('renders the studio regions with honest empty states and no errors', async () => {
    h = await startHarness({ cipher: new TestCipher('gnome_libsecret') });
    const { page } = h;
    await expect.poll(() => page.getByRole('navigation', { name: 'Projects' }).isVisible()).toBe(true);
    expect(await page.getByRole('tab', { name: 'Create' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('complementary', { name: 'Queue' }).textContent()).toContain('Nothing in the queue');
    expect(await page.getByText('Add your Runware API key to generate videos.').isVisible()).toBe(true);
    await page.keyboard.press('Control+2');
    expect(await page.getByRole('tab', { name: 'Library' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByText('No videos yet').isVisible()).toBe(true);
    await page.keyboard.press('Control+1');
    await h.screenshot('empty');
    // The page reached main only through window.studio: nothing to fetch, nothing blocked.
    expect(h.problems).toEqual([]);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  });

  it('sends a key from the settings dialog to the key store and then shows only its last four characters', async () => {
    const cipher = new TestCipher('gnome_libsecret');
    h = await startHarness({ cipher });
    const { page } = h;
    await page.getByRole('tablist', { name: 'Workspace' }).waitFor();
    await page.keyboard.press('Control+,');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('key-status').textContent()).toBe('No key set.');

    await dialog.getByLabel('Paste your key').fill(KEY);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await expect
      .poll(() => dialog.getByTestId('key-status').textContent())
      .toBe('Key ending in abcd · saved with GNOME Keyring (libsecret).');
    expect(h.backend.keyStore.getKey()).toBe(KEY);
    expect(h.backend.keyStore.status().persisted).toBe(true);
    expect(await dialog.getByLabel('Replace with a new key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(KEY);
    expect(await page.evaluate(async () => JSON.stringify(await window.studio.key.getStatus()))).not.toContain(KEY);
    await h.screenshot('settings');

    await dialog.getByRole('button', { name: 'Remove key' }).click();
    await expect.poll(() => dialog.getByTestId('key-status').textContent()).toBe('No key set.');
    expect(h.backend.keyStore.getKey()).toBeNull();
    expect(h.problems).toEqual([]);
  });

  it('explains a pasted fragment right under the field', async () => {
    h = await startHarness({ cipher: new TestCipher('gnome_libsecret') });
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Paste your key').fill('rw_abc def');
    await dialog.getByRole('button', { name: 'Save key' }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe(
      'That key contains spaces or line breaks. Copy it again from the API Keys page of your Runware account (my.runware.ai).',
    );
    expect(h.backend.keyStore.getKey()).toBeNull();
  });

  it('without a keyring keeps the key for the session, says why, and stores it only on opt-in', async () => {
    h = await startHarness({ cipher: new TestCipher('basic_text') });
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    expect(await dialog.getByRole('note').textContent()).toContain('No system keyring is available');
    await dialog.getByLabel('Paste your key').fill(KEY);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await expect
      .poll(() => dialog.getByTestId('key-status').textContent())
      .toBe('Key ending in abcd · kept in memory until Avatar Studio quits.');
    expect(h.backend.keyStore.status().persisted).toBe(false);
    await dialog.getByLabel('Remember the key on this computer anyway (obfuscated, not encrypted)').check();
    await expect.poll(() => h.backend.keyStore.status().persisted).toBe(true);
    await expect.poll(() => dialog.getByTestId('key-status').textContent()).toBe('Key ending in abcd · saved with no system keyring.');
  });

  it('opens the Runware key page in the system browser, and saves general settings', async () => {
    h = await startHarness({ cipher: new TestCipher('gnome_libsecret') });
    const { page } = h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('button', { name: /Get a key/ }).click();
    await expect.poll(() => h.opened).toEqual(['https://my.runware.ai/signup']);

    await dialog.getByLabel('Budget cap per project (USD)').fill('abc');
    await dialog.getByLabel('Budget cap per project (USD)').press('Enter');
    expect(await dialog.getByRole('alert').textContent()).toBe('Enter an amount in dollars greater than 0, or leave it empty for no cap.');
    await dialog.getByLabel('Budget cap per project (USD)').fill('12.5');
    await dialog.getByLabel('Budget cap per project (USD)').press('Enter');
    await expect.poll(() => h.backend.settings.get().budgetCapUSD).toBe(12.5);
    await dialog.getByLabel('Notify me when generations finish').uncheck();
    await expect.poll(() => h.backend.settings.get().notifications).toBe(false);
  });
});
