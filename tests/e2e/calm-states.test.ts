// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { describe, expect, it } from 'vitest';
import { createFirstProject, dropPortraitAndVoice, generateAndOpenLibrary, selectSeconds } from '../support/e2e-steps.ts';
import { useStudioSession } from '../support/e2e-session.ts';
import { JFK_FLAC, MONALISA_JPG } from '../support/fixture-paths.ts';
import { generationRecord } from '../support/generation-records.ts';

describe('visible trim, honest states and a player of our own', () => {
  const session = useStudioSession();

  it('marks a refused selection on its fields and prices nothing until it is fixed', async () => {
    const { fake } = session;
    const h = await session.open();
    const { page } = h;
    await h.backend.keyStore.set(fake.apiKey);
    await createFirstProject(page, 'Trim');
    await dropPortraitAndVoice(page);
    expect(await page.getByTestId('selection-kind').textContent()).toBe('Whole file selected');

    await selectSeconds(page, '6', '2');
    const inField = page.getByLabel('In', { exact: true });
    await expect.poll(() => inField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Out', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    const why = await page.getByTestId('trim-error').textContent();
    expect(why).toBeTruthy();
    // The field points at the reason, and the cost line says it instead of a price.
    expect(await inField.getAttribute('aria-describedby')).toBe('trim-error');
    const line = await page.getByTestId('cost-line').textContent();
    expect(line).not.toContain('$');
    expect(line).toContain(why);
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);

    await selectSeconds(page, '1', '4');
    await expect.poll(() => inField.getAttribute('aria-invalid')).toBe(null);
    await expect.poll(() => page.getByTestId('cost-line').textContent()).toContain('3.00 s → 3 s billed');
    expect(await page.getByTestId('selection-kind').textContent()).toBe('Selection 0:01.00 – 0:04.00');
  });

  it('closes the dialog on Escape before a toast that arrived while it was open', async () => {
    const { page } = session.h;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Use the composer’s current settings as defaults' }).click();
    const toast = page.locator('.toast', { hasText: 'now start from these settings' });
    await toast.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await toast.count()).toBe(1);
    // Information goes on its own after about five seconds.
    await toast.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('plays a take with its own controls and labels every action', async () => {
    const { page } = session.h;
    await generateAndOpenLibrary(page);
    const player = page.getByRole('region', { name: 'Player' });
    const video = player.locator('video');
    expect(await video.getAttribute('controls')).toBe(null);
    const controls = player.getByRole('group', { name: 'Playback' });
    await expect.poll(() => controls.getByTestId('player-time').textContent()).toBe('0:00.00 / 0:03.00');
    await controls.getByRole('button', { name: 'Play' }).click();
    await controls.getByRole('button', { name: 'Pause' }).waitFor();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime > 0.3)).toBe(true);
    await controls.getByRole('button', { name: 'Pause' }).click();
    await controls.getByRole('button', { name: 'Mute' }).click();
    expect(await video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);

    // The player is at least as large as a card.
    const stage = await player.locator('.lib-stage').boundingBox();
    const card = await page.getByRole('grid', { name: 'Videos' }).getByRole('gridcell').first().boundingBox();
    expect(stage && card && stage.width >= card.width && stage.height >= card.height * 0.8).toBe(true);

    // Every action says what it does in words on the button, not only in a tooltip.
    const actions = player.getByRole('group', { name: 'Video actions' }).getByRole('button');
    for (const button of await actions.all()) {
      expect((await button.innerText()).trim().length, await button.evaluate((b) => b.outerHTML)).toBeGreaterThan(3);
    }
  });

  it('brings a video made while the library is scrolled down into view', async () => {
    const h = session.h;
    const { page } = h;
    const dir = h.backend.studio.projects.opened()[0]?.dir ?? '';
    // Enough finished videos that the grid scrolls, written as the app writes them.
    const project = h.backend.studio.projects.get(dir);
    for (let i = 0; i < 40; i += 1) {
      const at = new Date(Date.parse('2025-01-01T09:00:00.000Z') + i * 60_000).toISOString();
      await project.generations.write(
        generationRecord(`2025-01-01_${String(i).padStart(4, '0')}_old-${i}`, { name: `Old ${i}`, createdAt: at }),
      );
    }
    await page.reload();
    await page.getByRole('tab', { name: 'Library' }).click();
    const grid = page.getByRole('grid', { name: 'Videos' });
    await expect.poll(() => page.getByTestId('library-count').textContent()).toBe('41 videos');
    await grid.evaluate((g) => (g.scrollTop = g.scrollHeight));
    await expect.poll(() => grid.evaluate((g) => g.scrollTop > 300)).toBe(true);

    const image = await h.backend.studio.inputs.import(dir, MONALISA_JPG);
    const audio = await h.backend.studio.inputs.import(dir, JFK_FLAC);
    await h.backend.studio.generations.create(dir, {
      image: image.file,
      audio: audio.file,
      startSec: 0,
      endSec: 2,
      settings: { numberResults: 1, outputFormat: 'MP4', outputQuality: 85, CFGScale: 1 },
      normalizeLoudness: false,
      name: 'Fresh',
    });
    const fresh = grid.getByRole('gridcell', { name: /^Fresh,/ });
    await fresh.waitFor();
    await expect.poll(() => grid.evaluate((g) => g.scrollTop)).toBe(0);
    expect(await fresh.isVisible()).toBe(true);
  });
});
