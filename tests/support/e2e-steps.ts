import type { Page } from 'playwright-core';

/** Creates a project from the empty sidebar, as a new user does, and waits until it is open. */
export async function createFirstProject(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Create your first project' }).click();
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).waitFor();
}

/**
 * Waits until the composer's cards have read what was dropped, by the state they expose
 * (`data-state`), however long ffmpeg takes on a busy machine.
 */
export async function cardsReach(page: Page, cards: readonly ('Portrait' | 'Voice')[], state: 'ready' | 'error' = 'ready'): Promise<void> {
  for (const card of cards) {
    await page.locator(`section[aria-label="${card}"][data-state="${state}"]`).waitFor({ timeout: 60_000 });
  }
}
