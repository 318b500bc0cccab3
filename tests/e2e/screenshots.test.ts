// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createFirstProject, dropPortraitAndVoice, generateAndOpenLibrary } from '../support/e2e-steps.ts';
import { useStudioSession } from '../support/e2e-session.ts';

const SHOTS_DIR = resolve(import.meta.dirname, '../../docs/screenshots');
const SIZES = [
  [1024, 640],
  [1280, 800],
  [1920, 1080],
] as const;

/** Where an element sits against the window: fully inside it or not. */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
    });
}

/** True once the voice's waveform (if one is shown) is drawn across its whole card. */
async function waveformFits(page: Page): Promise<boolean> {
  const wave = page.getByTestId('waveform');
  if ((await wave.count()) === 0) return true;
  const [drawn, box] = await wave.evaluate((el) => [Number(el.getAttribute('data-drawn-width')), el.clientWidth]);
  return Math.abs(drawn - box) <= 4;
}

async function shoot(page: Page, screen: string): Promise<void> {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    // A resize reflows on the next frames and wavesurfer redraws a little later: wait for both.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await expect.poll(() => waveformFits(page), { message: `waveform redrawn at ${width}×${height}` }).toBe(true);
    await page.screenshot({ path: resolve(SHOTS_DIR, `${screen}-${width}x${height}.png`) });
  }
}

describe('every main screen at 1024×640, 1280×800 and 1920×1080', () => {
  const session = useStudioSession();

  it('keeps the cost line and Generate in view at every size and writes the screenshots', async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    const { fake } = session;
    const h = await session.open();
    const { page } = h;
    await shoot(page, 'first-run');

    await h.backend.keyStore.set(fake.apiKey);
    await createFirstProject(page, 'Interview');
    await dropPortraitAndVoice(page);
    expect(await page.getByTestId('selection-kind').textContent()).toBe('Whole file selected');
    // The waveform is drawn across its card at every width, so a wider window is a finer trim.
    const drawn: number[] = [];
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await expect.poll(() => waveformFits(page), { message: `waveform fills its card at ${width}×${height}` }).toBe(true);
      drawn.push(Number(await page.getByTestId('waveform').getAttribute('data-drawn-width')));
    }
    const [narrow = 0, , wide = 0] = drawn;
    expect(narrow).toBeGreaterThan(250);
    expect(wide).toBeGreaterThan(narrow * 1.8);
    await shoot(page, 'create');
    await page.locator('details.advanced > summary').click();
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await expect.poll(() => inView(page, '[data-testid=cost-line]'), { message: `cost line at ${width}×${height}` }).toBe(true);
      await expect.poll(() => inView(page, '[data-testid=generate]'), { message: `Generate at ${width}×${height}` }).toBe(true);
    }
    await shoot(page, 'create-advanced');
    await page.locator('details.advanced > summary').click();

    // A voice from words: the script, its price before anything is sent, the model and voice.
    await page.getByRole('radiogroup', { name: 'Voice source' }).getByRole('radio', { name: 'Script' }).click();
    await page
      .getByTestId('script-panel')
      .getByLabel('Script')
      .fill('Welcome back. Today we look at the spring collection, one piece at a time.');
    await page.getByTestId('script-panel').getByLabel('Voice').locator('option').first().waitFor({ state: 'attached' });
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await expect
        .poll(() => inView(page, '[data-testid=generate]'), { message: `Generate beside Script at ${width}×${height}` })
        .toBe(true);
    }
    await shoot(page, 'create-script');
    await page.getByRole('radiogroup', { name: 'Voice source' }).getByRole('radio', { name: 'File' }).click();

    await generateAndOpenLibrary(page);
    await shoot(page, 'library');
    // The player is never smaller than a card, at any size.
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await expect
        .poll(
          async () => {
            const stage = await page.getByRole('region', { name: 'Player' }).locator('.lib-stage').boundingBox();
            const card = await page.getByRole('grid', { name: 'Videos' }).getByRole('gridcell').first().boundingBox();
            return stage !== null && card !== null && stage.width >= card.width - 1;
          },
          { message: `player at least as wide as a card at ${width}×${height}` },
        )
        .toBe(true);
    }

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await shoot(page, 'settings');
  });
});
