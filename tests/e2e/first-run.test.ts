// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { dropFiles } from '../support/drop-files.ts';
import { describe, expect, it } from 'vitest';
import { useStudioSession } from '../support/e2e-session.ts';
import { cardsReach, dropPortraitAndVoice, selectSeconds } from '../support/e2e-steps.ts';

describe('the first run', () => {
  const session = useStudioSession();

  it('files dropped before any project exists go into a new "Untitled project"', async () => {
    const h = await session.open();
    const { page } = h;
    await page.getByRole('button', { name: 'Create your first project' }).waitFor();
    await dropFiles(page, '[data-testid=drop-zone]', [
      { name: 'monalisa.jpg', type: 'image/jpeg' },
      { name: 'jfk.flac', type: 'audio/flac' },
    ]);
    await page.locator('[aria-current="page"]', { hasText: 'Untitled project' }).waitFor();
    await cardsReach(page, ['Portrait', 'Voice']);
    const { projects } = await h.backend.studio.projects.list();
    expect(projects.map((p) => p.name)).toEqual(['Untitled project']);
  });

  it('without a key, the footer says so beside Generate, with the button that fixes it', async () => {
    const h = await session.open();
    const { page } = h;
    await dropPortraitAndVoice(page);
    await expect.poll(() => page.getByTestId('cost-line').textContent()).toContain('Add your Runware API key in Settings.');
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);
    await page.locator('.composer__footer').getByRole('button', { name: 'Add your key…' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Paste your key').waitFor();
  });

  it('the composition survives a restart of the window: inputs, trim, prompt and settings', async () => {
    const h = await session.open();
    const { page } = h;
    await h.backend.keyStore.set(session.fake.apiKey);
    await dropPortraitAndVoice(page);
    await selectSeconds(page, '1.00', '3.50');
    await page.getByLabel('Prompt (optional)').fill('a slow nod, then a smile');
    await page
      .getByTestId('model-choice')
      .getByRole('radio', { name: /^Draft/ })
      .click();
    const line = '2.50 s → 3 s billed at $0.07/s × 1 take = $0.21';
    await expect.poll(() => page.getByTestId('cost-line').textContent()).toBe(line);

    await page.reload();
    await cardsReach(page, ['Portrait', 'Voice']);
    await expect.poll(() => page.getByTestId('cost-line').textContent()).toBe(line);
    expect(await page.getByLabel('In', { exact: true }).inputValue()).toBe('1.00');
    expect(await page.getByLabel('Out', { exact: true }).inputValue()).toBe('3.50');
    expect(await page.getByLabel('Prompt (optional)').inputValue()).toBe('a slow nod, then a smile');
    expect(await page.getByTestId('voice-meta').textContent()).toMatch(/^jfk\.flac · 11\.0 s/);
    // The waveform is drawn again from the project's copy.
    await page.locator('[data-testid=waveform] >> nth=0').waitFor();
  });
});
