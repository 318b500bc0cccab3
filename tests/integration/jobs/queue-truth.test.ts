import { afterEach, describe, expect, it } from 'vitest';
import type { Wait } from '../../../shared/generation.ts';
import { waitLabel, waitText } from '../../../shared/state-labels.ts';
import { spendOnDisk } from '../../../electron/core/jobs/budget.ts';
import { startEngineHarness, type EngineHarness } from '../../support/engine-harness.ts';
import { MONALISA_JPG } from '../../support/fixture-paths.ts';

/** Every wait the engine shows, and whether it says Runware can be reached, as they happen. */
function watchWaits(h: EngineHarness): { waits: Wait[]; onlineSeen: boolean[]; off: () => void } {
  const waits: Wait[] = [];
  const onlineSeen: boolean[] = [];
  const off = h.engine.listen({
    queue: (summary) => onlineSeen.push(summary.online),
    changed: (project, record) => {
      const wait = h.engine.waitOf(project, record.id);
      if (wait) waits.push(wait);
    },
  });
  return { waits, onlineSeen, off };
}

/** What the queue says while Runware refuses or stumbles: the truth, at once, in words. */
describe('the queue tells the truth', () => {
  let h: EngineHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('a 402 on submit: nothing spent, the item back in the queue as "refused: add credit"; after a top-up it finishes with the same task', async () => {
    h = await startEngineHarness({ fake: { creditsUSD: 0.05 } });
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1.5) });
    const [refused] = await h.engine.settled(h.project, [queued.id]);
    expect(refused?.state).toBe('queued');
    expect(refused?.taskUUID).toMatch(/^[0-9a-f-]{36}$/);
    const wait = h.engine.waitOf(h.project, queued.id) as Wait;
    expect(wait).toMatchObject({ kind: 'blocked', category: 'credits' });
    expect(waitLabel(wait)).toBe('refused: add credit');
    expect(waitText(wait, Date.now())).toBe(
      'Your Runware balance is too low for this generation. Top up your account at my.runware.ai, then try again.',
    );
    expect(h.engine.summaryOf(h.project, refused!)).toMatchObject({ state: 'queued', wait: { kind: 'blocked' } });
    expect(h.engine.paused).toBe(true);
    expect(await spendOnDisk(h.project)).toEqual({ spentUSD: 0, committedUSD: 0.28, trashedUSD: 0 });
    expect(h.fake.acceptedSubmissions).toEqual([]);

    h.fake.creditsUSD = 10;
    h.engine.resume();
    const [done] = await h.engine.settled(h.project, [queued.id]);
    expect(done?.state).toBe('done');
    expect(done?.taskUUID).toBe(refused?.taskUUID);
    expect(h.fake.acceptedSubmissions).toEqual([refused?.taskUUID]);
    // The sent files were made once and kept while it waited.
    expect(done?.history.filter((e) => e.state === 'uploading')).toHaveLength(2);
    expect(await spendOnDisk(h.project)).toEqual({ spentUSD: 0.28, committedUSD: 0, trashedUSD: 0 });
  });

  it('says "Runware is busy — retrying in … (attempt 2 of 6)" while 5xx answers are retried, then clears it', async () => {
    h = await startEngineHarness();
    h.fake.inject({ on: 'submit', status: 503, times: 2 });
    const { waits, off } = watchWaits(h);
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1) });
    const [done] = await h.engine.settled(h.project, [queued.id]);
    off();
    expect(done?.state).toBe('done');
    const busy = waits.filter((w, i) => w.kind === 'retrying' && waits.findIndex((o) => o.attempt === w.attempt) === i);
    expect(busy.map((w) => [w.what, w.attempt, w.attempts])).toEqual([
      ['busy', 2, 6],
      ['busy', 3, 6],
    ]);
    const first = busy[0] as Wait;
    expect(waitText(first, Date.parse(first.retryAt as string) - 4000)).toBe('Runware is busy — retrying in 4 s (attempt 2 of 6)');
    expect(h.engine.waitOf(h.project, queued.id)).toBeNull();
  });

  it('says "Upload failed — retrying…" and shows the connection as lost at the first failed try', async () => {
    h = await startEngineHarness();
    h.fake.inject({ on: 'upload', reset: true, times: 2 });
    const { waits, onlineSeen, off } = watchWaits(h);
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1) });
    const [done] = await h.engine.settled(h.project, [queued.id]);
    off();
    expect(done?.state).toBe('done');
    expect(waits[0]).toMatchObject({ kind: 'retrying', what: 'offline', attempt: 2 });
    expect(waitText({ ...(waits[0] as Wait), retryAt: undefined }, 0)).toBe('Runware can’t be reached — retrying now (attempt 2 of 6)');
    // Offline from the first failed try (not after six), online again once it went through.
    expect(onlineSeen.indexOf(false)).toBeGreaterThanOrEqual(0);
    expect(onlineSeen.at(-1)).toBe(true);
  });
});
