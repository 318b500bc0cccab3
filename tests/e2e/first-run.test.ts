// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { describe, expect, it } from 'vitest';
import { dropFiles } from '../support/drop-files.ts';
import { useStudioSession } from '../support/e2e-session.ts';
import { cardsReach } from '../support/e2e-steps.ts';

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
    await dropFiles(page, '[data-testid=drop-zone]', [
      { name: 'monalisa.jpg', type: 'image/jpeg' },
      { name: 'jfk.flac', type: 'audio/flac' },
    ]);
    await cardsReach(page, ['Portrait', 'Voice']);
    await expect.poll(() => page.getByTestId('cost-line').textContent()).toContain('Add your Runware API key in Settings.');
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);
    await page.locator('.composer__footer').getByRole('button', { name: 'Add your key…' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByLabel('Paste your key').waitFor();
  });
});
