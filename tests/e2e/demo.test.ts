// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_BADGE } from '../../shared/demo.ts';
import { dropPortraitAndVoice, generateAndOpenLibrary, selectSeconds } from '../support/e2e-steps.ts';
import { JFK_FLAC, MONALISA_JPG } from '../support/fixture-paths.ts';
import { closeBrowser, startHarness, type Harness } from '../support/harness.ts';

describe('the demo, without an account', () => {
  const started: Harness[] = [];
  afterAll(async () => {
    for (const h of started) await h.close();
    await closeBrowser();
  });

  it('is offered on the first-run screen and in Settings, and restarts the app into the demo', async () => {
    const h = await startHarness();
    started.push(h);
    const sidebar = h.page.getByRole('navigation', { name: 'Projects' });
    await sidebar.getByRole('button', { name: 'Try the demo' }).click();
    await expect.poll(() => h.platform.restarts).toEqual([{ demo: true }]);
    await h.page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = h.page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Try the demo' }).click();
    await expect.poll(() => h.platform.restarts).toEqual([{ demo: true }, { demo: true }]);
  });

  it('walks trim, price, queue, library and export for $0, badged, and leaves in one click', async () => {
    const h = await startHarness({ demo: true, files: { 'monalisa.jpg': MONALISA_JPG, 'jfk.flac': JFK_FLAC } });
    started.push(h);
    const { page } = h;
    // Straight into its own project, with the banner that says what the demo is.
    await page.locator('[aria-current="page"]', { hasText: 'Demo' }).waitFor();
    expect(await page.getByTestId('demo-banner').textContent()).toContain('Nothing is sent or billed');
    expect(h.projectsRoot.startsWith(join(h.appDataDir, 'demo'))).toBe(true);

    await dropPortraitAndVoice(page);
    await selectSeconds(page, '1', '4');
    await expect
      .poll(() => page.getByTestId('cost-line').textContent())
      .toBe('Demo: $0.00 — with Runware, 3.00 s → 3 s billed at $0.14/s × 1 take = $0.42');
    await generateAndOpenLibrary(page);

    const card = page.getByRole('grid', { name: 'Videos' }).getByRole('gridcell').first();
    expect(await card.getAttribute('aria-label')).toContain('Demo');
    expect(await card.getAttribute('aria-label')).toContain('$0.00');
    expect(await page.getByTestId('demo-badge').textContent()).toBe(DEMO_BADGE);
    const video = page.getByRole('region', { name: 'Player' }).locator('video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => Math.round(v.duration))).toBe(3);
    expect(await page.getByTestId('total-spent').textContent()).toBe('$0.00');

    const player = page.getByRole('region', { name: 'Player' });
    await player.getByRole('button', { name: 'Export…' }).click();
    const exportDialog = page.getByRole('dialog', { name: /^Export/ });
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect.poll(() => exportDialog.getByRole('status').textContent(), { timeout: 30_000 }).toContain('Saved to exports/');
    const [demoProject] = await readdir(h.projectsRoot);
    expect(await readdir(join(h.projectsRoot, demoProject ?? '', 'exports'))).toHaveLength(1);
    await page.keyboard.press('Escape');

    await page.getByTestId('demo-banner').getByRole('button', { name: 'Leave the demo' }).click();
    await expect.poll(() => h.platform.restarts).toEqual([{ demo: false }]);
    expect(h.problems).toEqual([]);
  });
});
