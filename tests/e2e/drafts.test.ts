// Brings in the renderer's declaration of window.studio for page.evaluate callbacks.
import type {} from '../../renderer/src/ipc/studio.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFirstProject, dropPortraitAndVoice, selectSeconds } from '../support/e2e-steps.ts';
import { useStudioSession } from '../support/e2e-session.ts';

describe('drafts with Aurora v1 Fast, then a final', () => {
  const session = useStudioSession();

  it('prices a draft at $0.07/s, marks it in the library, and Make final sends the same inputs with v1 at $0.14/s', async () => {
    const { fake } = session;
    const h = await session.open();
    await h.backend.keyStore.set(fake.apiKey);
    const { page } = h;
    await createFirstProject(page, 'Drafts');
    await dropPortraitAndVoice(page);
    await selectSeconds(page, '1.00', '3.50');
    await expect.poll(() => page.getByTestId('cost-line').textContent()).toBe('2.50 s → 3 s billed at $0.14/s × 1 take = $0.42');

    // The choice, and its price, before Generate.
    const models = page.getByTestId('model-choice');
    await models.getByRole('radio', { name: 'Draft — Aurora v1 Fast, 480p, $0.07/s' }).click();
    await expect.poll(() => models.getByRole('radio', { checked: true }).textContent()).toBe('Draft — Aurora v1 Fast, 480p, $0.07/s');
    await expect.poll(() => page.getByTestId('cost-line').textContent()).toBe('2.50 s → 3 s billed at $0.07/s × 1 take = $0.21');
    await h.screenshot('draft-composer');
    await page.getByRole('button', { name: 'Generate' }).click();
    const queue = page.getByRole('complementary', { name: 'Queue' });
    await expect.poll(() => queue.getByTestId('queue-state').first().textContent(), { timeout: 30_000 }).toBe('done · 1 take');
    expect([...fake.tasks.values()].map((t) => t.request.model)).toEqual(['creatify:aurora@fast']);

    // Marked as a draft in the library; Make final is priced at v1 before anything is sent.
    await page.getByRole('tab', { name: 'Library' }).click();
    const grid = page.getByRole('grid', { name: 'Videos' });
    const draftCard = grid.getByRole('gridcell').filter({ has: page.getByTestId('draft-chip') });
    await draftCard.waitFor();
    expect(await draftCard.getByTestId('draft-chip').textContent()).toBe('Draft · 480p');
    await draftCard.click();
    const player = page.getByRole('region', { name: 'Player' });
    await player.getByRole('button', { name: 'Make final…' }).click();
    const confirm = page.getByRole('alertdialog');
    await expect.poll(() => confirm.getByTestId('make-final-cost').textContent()).toBe('2.50 s → 3 s billed at $0.14/s × 1 take = $0.42');
    await h.screenshot('make-final');
    await confirm.getByRole('button', { name: 'Make final · $0.42' }).click();

    const project = h.backend.studio.projects.get(join(h.projectsRoot, 'Drafts'));
    await expect
      .poll(async () => (await project.generations.list()).generations.filter((g) => g.state === 'done').length, { timeout: 30_000 })
      .toBe(2);
    const { generations } = await project.generations.list();
    const draft = generations.find((g) => g.params.model === 'fast');
    const final = generations.find((g) => g.draftOf === draft?.id);
    expect(final).toMatchObject({ state: 'done', estimateUSD: 0.42, costUSD: 0.42, billedSeconds: 3 });
    expect(final?.params.model).toBe('v1');
    const tasks = [...fake.tasks.values()];
    expect(tasks.map((t) => t.request.model)).toEqual(['creatify:aurora@fast', 'creatify:aurora@0']);
    // The same inputs: the same uploaded media, the same trim.
    expect(tasks[1]?.request.inputs).toEqual(tasks[0]?.request.inputs);
    const records = await Promise.all([draft, final].map((g) => h.backend.studio.generations.get(project.dir, g?.id ?? '')));
    expect(records[1]?.inputs).toEqual(records[0]?.inputs);

    // The final is no draft, and compare puts the two side by side.
    const finalCard = grid
      .getByRole('gridcell', { name: new RegExp(`^${final?.name ?? ''},`) })
      .filter({ hasNot: page.getByTestId('draft-chip') });
    await finalCard.first().click();
    await player.getByRole('button', { name: 'Compare with draft' }).click();
    const compare = page.getByRole('dialog', { name: /Compare/ });
    await compare.waitFor();
    expect(await compare.locator('video').count()).toBe(2);
  });
});
