import type { Page } from 'playwright-core';

/** Creates a project from the empty sidebar, as a new user does, and waits until it is open. */
export async function createFirstProject(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Create your first project' }).click();
  await page.getByLabel('New project name').fill(name);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).waitFor();
}
