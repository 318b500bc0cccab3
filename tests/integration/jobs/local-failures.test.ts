import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../../../shared/generation.ts';
import { JobEngine } from '../../../electron/core/jobs/job-engine.ts';
import type { MediaOps } from '../../../electron/core/jobs/media-ops.ts';
import { ThroughputModel } from '../../../electron/core/jobs/throughput.ts';
import { FAST_CADENCE, startEngineHarness, type EngineHarness } from '../../support/engine-harness.ts';
import { MONALISA_JPG } from '../../support/fixture-paths.ts';

/**
 * Rule 7 against the real engine: a fault of this computer after Runware accepted the task
 * (here, a bug in checking the downloaded take) stops the generation where it is; it is
 * never marked failed, and resuming finishes it with the same task.
 */
describe('a local fault after acceptance', () => {
  let h: EngineHarness;
  let engine: JobEngine | null = null;
  afterEach(async () => {
    engine?.stop();
    await h?.close();
  });

  it('stops resumable with a message, and Resume saves the paid take', async () => {
    h = await startEngineHarness();
    let faults = 2;
    const media: MediaOps = {
      ...h.media,
      verifyTake: async (options) => {
        if (faults > 0) {
          faults -= 1;
          throw new TypeError('cannot read properties of undefined');
        }
        return h.media.verifyTake(options);
      },
    };
    engine = new JobEngine({
      runware: h.runware,
      media,
      throughput: new ThroughputModel(null, 0.05),
      cadence: FAST_CADENCE,
      retryBaseMs: 20,
      retryMaxMs: 200,
    });
    const queued = await engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1.5) });
    const [held] = await engine.settled(h.project, [queued.id]);
    expect(held?.state).toBe('downloading');
    expect(engine.waitOf(h.project, queued.id)).toMatchObject({
      kind: 'stalled',
      code: 'internal',
      message:
        'Something went wrong inside Avatar Studio (the log file has the details). The generation stopped where it was; Resume to carry on.',
    });
    const onDisk = JSON.parse(await readFile(`${h.project.generations.folder(queued.id)}/generation.json`, 'utf8')) as GenerationRecord;
    expect(onDisk.state).toBe('downloading');
    expect(onDisk.error).toBeUndefined();

    engine.resume();
    const [done] = await engine.settled(h.project, [queued.id]);
    expect(done?.state).toBe('done');
    expect(done?.takes).toEqual([expect.objectContaining({ state: 'done', file: 'take-1.mp4' })]);
    expect(h.fake.acceptedSubmissions).toEqual([done?.taskUUID]);
  });
});
