import type { Page } from 'playwright-core';
import { dropFiles } from './drop-files.ts';

/** Creates a project from the empty sidebar, as a new user does, and waits until it is open. */
export async function createFirstProject(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Create your first project' }).click();
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  // Open, not just listed: the list shows the project before opening it resets the composer,
  // and a file dropped in between would be wiped by that reset.
  await page.locator('[aria-current="page"]', { hasText: name }).waitFor();
}

/**
 * Waits until the composer's cards have read what was dropped, by the state they expose
 * (`data-state`), however long ffmpeg takes on a busy machine.
 */
export async function cardsReach(page: Page, cards: readonly ('Portrait' | 'Voice')[], state: 'ready' | 'error' = 'ready'): Promise<void> {
  for (const card of cards) {
    await page
      .locator(`section[aria-label="${card}"][data-state="${state}"]`)
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        // Say where the card stopped (empty, loading, error) and what it showed, not just "timed out".
        const section = page.locator(`section[aria-label="${card}"]`);
        const seen = await section.getAttribute('data-state').catch(() => 'absent');
        const text = await section.innerText().catch(() => '');
        throw new Error(`The ${card} card stayed “${seen}” instead of “${state}”: ${text.replace(/\s+/g, ' ').slice(0, 300)}`, {
          cause: error,
        });
      });
  }
}

/** Drops the demo portrait and voice on the composer and waits until both cards have read them. */
export async function dropPortraitAndVoice(page: Page): Promise<void> {
  await dropFiles(page, '[data-testid=drop-zone]', [
    { name: 'monalisa.jpg', type: 'image/jpeg' },
    { name: 'jfk.flac', type: 'audio/flac' },
  ]);
  await cardsReach(page, ['Portrait', 'Voice']);
}

/** Types the selection into the In and Out fields, as a person does. */
export async function selectSeconds(page: Page, inText: string, outText: string): Promise<void> {
  for (const [label, text] of [
    ['In', inText],
    ['Out', outText],
  ] as const) {
    await page.getByLabel(label, { exact: true }).fill(text);
    await page.getByLabel(label, { exact: true }).press('Enter');
  }
}

/** Clicks Generate, waits until the queue says the take is done, and opens it in the Library. */
export async function generateAndOpenLibrary(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Generate' }).click();
  await page
    .getByRole('complementary', { name: 'Queue' })
    .getByTestId('queue-state')
    .filter({ hasText: 'done · 1 take' })
    .first()
    .waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByRole('region', { name: 'Player' }).locator('video').waitFor();
}
