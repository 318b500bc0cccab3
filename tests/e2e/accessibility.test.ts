// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createFirstProject, dropPortraitAndVoice, generateAndOpenLibrary } from '../support/e2e-steps.ts';
import { useStudioSession } from '../support/e2e-session.ts';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core run in the page: the serious and critical violations, each with where it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the app's CSP rightly refuses inline scripts.
  await page.evaluate(`${await axeSource}\n;undefined`);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility of the main screens (axe)', () => {
  const session = useStudioSession();

  it('has no serious violation on first run, Create, Library, Settings, and the takes answer arrow keys', async () => {
    const { fake } = session;
    const h = await session.open();
    const { page } = h;
    expect(await seriousViolations(page), 'first run').toEqual([]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Avatar Studio');

    await h.backend.keyStore.set(fake.apiKey);
    await createFirstProject(page, 'Access');
    await dropPortraitAndVoice(page);
    expect(await seriousViolations(page), 'Create').toEqual([]);

    // Takes: a radio group moved with the arrow keys, as every radio group is.
    await page.locator('details.advanced > summary').click();
    const takes = page.getByRole('radiogroup', { name: 'Takes' });
    await takes.getByRole('radio', { name: '1' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => takes.getByRole('radio', { checked: true }).textContent()).toBe('2');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('2');
    // The arrow chose a take; it did not also move the voice's playhead.
    expect(await page.getByTestId('playhead').textContent()).toBe('Playhead 0:00.00');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => takes.getByRole('radio', { checked: true }).textContent()).toBe('1');

    await generateAndOpenLibrary(page);
    expect(await seriousViolations(page), 'Library').toEqual([]);

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    expect(await seriousViolations(page), 'Settings').toEqual([]);
  });

  it('has no serious violation in the Script, Record and Describe sources, which answer arrow keys', async () => {
    const h = await session.open();
    const { page } = h;
    await createFirstProject(page, 'Sources');
    const sources = page.getByRole('radiogroup', { name: 'Voice source' });
    await sources.getByRole('radio', { name: 'File' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('record-panel').waitFor();
    expect(await seriousViolations(page), 'Record').toEqual([]);
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('script-panel').getByLabel('Voice').locator('option').first().waitFor({ state: 'attached' });
    expect(await seriousViolations(page), 'Script').toEqual([]);
    await page.getByRole('radiogroup', { name: 'Portrait source' }).getByRole('radio', { name: 'Describe' }).click();
    await page.getByTestId('describe-panel').waitFor();
    expect(await seriousViolations(page), 'Describe').toEqual([]);
  });
});
