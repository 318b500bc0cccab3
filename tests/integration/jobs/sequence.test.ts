import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceCoordinator } from '../../../electron/core/jobs/sequence-coordinator.ts';
import { planSplit } from '../../../shared/split-plan.ts';
import { probeDuration } from '../../../electron/core/runware-stand-in/video-maker.ts';
import { MONALISA_JPG } from '../../support/fixture-paths.ts';
import { startEngineHarness, type EngineHarness } from '../../support/engine-harness.ts';
import { longSpeech } from '../../support/long-speech.ts';

describe('long audio made in parts and stitched into one video', () => {
  let h: EngineHarness;
  let speech: Awaited<ReturnType<typeof longSpeech>>;
  beforeAll(async () => {
    h = await startEngineHarness({ fake: { pollsBeforeSuccess: 1, videoHeight: 120 } });
    speech = await longSpeech(h.dir, 150);
  }, 120_000);
  afterAll(() => h.close());

  it('splits at pauses, retries only the failed part, and stitches over the continuous audio', async () => {
    const silences = await h.media.kit.detectSilences({ input: speech.file });
    const plan = planSplit(0, 150, silences);
    expect(plan.parts.length).toBe(3);
    expect(plan.hardCuts).toEqual([]);
    for (const part of plan.parts) expect(part.endSec - part.startSec).toBeLessThanOrEqual(60);
    // Every cut falls inside one of the pauses the speech really has.
    for (const cut of plan.cuts) {
      expect(
        speech.gaps.some((g) => cut >= g.startSec - 0.05 && cut <= g.endSec + 0.05),
        `cut at ${cut}`,
      ).toBe(true);
    }

    const part2 = plan.parts[1] as { startSec: number; endSec: number };
    let failedOnce = false;
    h.fake.failTask(
      (task) => {
        const match = !failedOnce && Math.abs(task.audioSec - (part2.endSec - part2.startSec)) < 0.05;
        if (match) failedOnce = true;
        return match;
      },
      { code: 'providerError', message: 'GPU fell over' },
    );
    const coordinator = new SequenceCoordinator({ engine: h.engine, media: h.media });
    const sequence = await coordinator.create(h.project, {
      image: MONALISA_JPG,
      audio: speech.file,
      startSec: 0,
      endSec: 150,
      cuts: plan.cuts,
      name: 'keynote',
    });
    expect(sequence).toMatchObject({
      kind: 'sequence',
      state: 'queued',
      billedSeconds: plan.parts.reduce((s, p) => s + Math.ceil(p.endSec - p.startSec), 0),
    });

    const failed = await coordinator.settled(h.project, sequence.id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toBe(
      'Part 2 failed: The model provider behind Runware failed. Runware said: “GPU fell over.” Try again in a few minutes. Make that part again; the others are kept.',
    );
    const before = [...h.fake.acceptedSubmissions];
    expect(before).toHaveLength(3);

    await coordinator.retryPart(h.project, sequence.id, 2);
    const done = await coordinator.settled(h.project, sequence.id);
    expect({ state: done.state, error: done.error?.message }).toEqual({ state: 'done', error: undefined });
    // Only part 2 was made again; parts 1 and 3 were not sent twice.
    expect(h.fake.acceptedSubmissions).toHaveLength(4);
    expect(new Set(h.fake.acceptedSubmissions).size).toBe(4);
    expect(done.parts?.[1]?.attempts).toHaveLength(2);

    const stitched = h.project.generations.file(sequence.id, 'take-1.mp4');
    expect(Math.abs(((await probeDuration(stitched)) ?? 0) - 150)).toBeLessThan(0.1);
    expect(done.takes[0]).toMatchObject({ state: 'done', file: 'take-1.mp4', poster: 'take-1.jpg' });
    expect(done.costUSD).toBeCloseTo(
      plan.parts.reduce((s, p) => s + Math.ceil(p.endSec - p.startSec) * 0.14, 0),
      2,
    );
    // The parts are kept.
    for (const part of done.parts ?? [])
      expect(existsSync(h.project.generations.file(part.generationId as string, 'take-1.mp4'))).toBe(true);
  }, 180_000);

  it('decodes the long source once for all its parts, and refuses a selection past its end before queuing any', async () => {
    const coordinator = new SequenceCoordinator({ engine: h.engine, media: h.media });
    const kit = h.media.kit;
    const inspect = kit.inspectAudio.bind(kit);
    let decodes = 0;
    kit.inspectAudio = (options) => {
      decodes += 1;
      return inspect(options);
    };
    h.engine.pause();
    try {
      const before = (await h.project.generations.list()).generations.length;
      await expect(
        coordinator.create(h.project, {
          image: MONALISA_JPG,
          audio: speech.file,
          startSec: 0,
          endSec: 160,
          cuts: [55, 110],
          name: 'too far',
        }),
      ).rejects.toMatchObject({ code: 'trim_invalid', message: expect.stringContaining('after the end of') });
      expect((await h.project.generations.list()).generations.length).toBe(before);

      decodes = 0;
      const sequence = await coordinator.create(h.project, {
        image: MONALISA_JPG,
        audio: speech.file,
        startSec: 0,
        endSec: 150,
        cuts: [55, 110],
        name: 'once',
      });
      expect(decodes).toBe(1);
      expect(sequence.inputs.audio.durationSec).toBeCloseTo(150, 1);
      for (const part of sequence.parts ?? []) await h.engine.cancel(h.project, part.generationId as string);
      // The split record follows its canceled parts; wait for that write before the folder goes.
      await expect
        .poll(async () => {
          const read = await h.project.generations.read(sequence.id);
          return read && 'record' in read ? read.record.state : null;
        })
        .toBe('failed');
    } finally {
      kit.inspectAudio = inspect;
      h.engine.resume();
    }
  });
});
