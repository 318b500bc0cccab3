import { afterEach, describe, expect, it } from 'vitest';
import { JobEngine } from '../../../electron/core/jobs/job-engine.ts';
import { ThroughputModel } from '../../../electron/core/jobs/throughput.ts';
import { Project } from '../../../electron/core/projects/project.ts';
import { FAST_CADENCE, startEngineHarness, type EngineHarness } from '../../support/engine-harness.ts';
import { MONALISA_JPG } from '../../support/fixture-paths.ts';

describe('reconciliation', () => {
  let h: EngineHarness;
  afterEach(async () => {
    await h?.close();
  });

  const secondEngine = () =>
    new JobEngine({
      runware: h.runware,
      media: h.media,
      throughput: new ThroughputModel(null, 0.05),
      cadence: FAST_CADENCE,
      retryBaseMs: 20,
    });

  it('a submit that never reached Runware is sent again with the same taskUUID, once', async () => {
    h = await startEngineHarness({ engine: { maxStepFailures: 1 } });
    h.fake.inject({ on: 'submit', reset: true, times: 100 });
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1) });
    const [stalled] = await h.engine.settled(h.project, [queued.id]);
    expect(stalled?.state).toBe('submitting');
    expect(h.engine.waitReason(h.project, queued.id)).toMatchObject({ kind: 'stalled', code: 'network' });
    const taskUUID = stalled?.taskUUID;
    expect(h.fake.acceptedSubmissions).toEqual([]);
    h.engine.stop();
    h.fake.clearFaults();

    const engine = secondEngine();
    await engine.attach(await Project.open(h.project.dir), { resume: true });
    const [done] = await engine.settled(h.project, [queued.id]);
    engine.stop();
    expect(done).toMatchObject({ state: 'done', taskUUID });
    expect(h.fake.acceptedSubmissions).toEqual([taskUUID]);
    expect(done?.history.map((e) => e.note ?? e.state)).toContain('found submitting at startup');
  });

  it('a task Runware already holds is polled, not resubmitted', async () => {
    h = await startEngineHarness({ fake: { pollsBeforeSuccess: 1000 } });
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1) });
    await new Promise<void>((resolve) => {
      const off = h.engine.listen({ changed: (_p, r) => r.state === 'processing' && (off(), resolve()) });
    });
    h.engine.stop();
    for (const task of h.fake.tasks.values()) for (const take of task.takes) take.completeAt = { poll: task.polls + 1 };
    const submitsBefore = h.fake.requests.filter((r) => r.kind === 'submit').length;

    const engine = secondEngine();
    await engine.attach(await Project.open(h.project.dir), { resume: true });
    const [done] = await engine.settled(h.project, [queued.id]);
    engine.stop();
    expect(done?.state).toBe('done');
    expect(h.fake.requests.filter((r) => r.kind === 'submit').length).toBe(submitsBefore);
    expect(h.fake.acceptedSubmissions).toHaveLength(1);
  });

  it('a task Runware forgot while it ran is resubmitted with the same taskUUID and finishes', async () => {
    h = await startEngineHarness({ fake: { pollsBeforeSuccess: 1000 } });
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1) });
    await new Promise<void>((resolve) => {
      const off = h.engine.listen({ changed: (_p, r) => r.state === 'processing' && (off(), resolve()) });
    });
    const taskUUID = h.engine.record(h.project, queued.id)?.taskUUID as string;
    h.fake.tasks.delete(taskUUID);
    h.fake.options.pollsBeforeSuccess = 1;
    const [done] = await h.engine.settled(h.project, [queued.id]);
    expect(done).toMatchObject({ state: 'done', taskUUID });
    expect(h.fake.acceptedSubmissions).toEqual([taskUUID, taskUUID]);
  });
});
