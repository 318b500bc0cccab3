import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../../../shared/generation.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { startEngineHarness, type EngineHarness } from '../../support/engine-harness.ts';
import { probeDuration } from '../../../electron/core/runware-stand-in/video-maker.ts';

describe('the generation engine against the fake Runware', () => {
  let h: EngineHarness;
  afterEach(async () => {
    await h?.close();
  });

  const states = (r: GenerationRecord) => r.history.map((e) => e.state);

  it('takes a generation from queued to done: trimmed audio sent, takes downloaded, verified, postered, priced', async () => {
    h = await startEngineHarness();
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: JFK_FLAC, startSec: 1, endSec: 6.5 });
    expect(queued).toMatchObject({ state: 'queued', billedSeconds: 6, estimateUSD: 0.84 });
    const [done] = await h.engine.settled(h.project, [queued.id]);
    expect(done?.state).toBe('done');
    expect(states(done as GenerationRecord)).toEqual([
      'queued',
      'preparing',
      'uploading',
      'submitting',
      'processing',
      'downloading',
      'done',
    ]);
    expect(done?.costUSD).toBe(0.84);
    expect(done?.takes).toEqual([
      expect.objectContaining({ index: 1, state: 'done', file: 'take-1.mp4', poster: 'take-1.jpg', costUSD: 0.84 }),
    ]);
    const folder = h.project.generations.folder(queued.id);
    expect((await readdir(folder)).sort()).toEqual(['audio.mp3', 'generation.json', 'portrait.jpg', 'take-1.jpg', 'take-1.mp4']);
    // Sent as MP3: never longer than the selection, at most one frame's worth shorter.
    const sent = await probeDuration(`${folder}/audio.mp3`);
    expect(sent).toBeLessThanOrEqual(5.51);
    expect(sent).toBeGreaterThan(5.45);
    expect(h.fake.media.get(done?.uploads.audio ?? '')?.kind).toBe('mp3');
    expect(done?.takes[0]?.durationSec).toBeCloseTo(5.5, 0);
    // What is on disk is what the engine holds.
    const onDisk = JSON.parse(await readFile(`${folder}/generation.json`, 'utf8')) as GenerationRecord;
    expect(onDisk.state).toBe('done');
    expect(onDisk.taskUUID).toBe(done?.taskUUID);
    expect(h.fake.acceptedSubmissions).toEqual([done?.taskUUID]);
  });

  it('saves the taskUUID before sending the submit request', async () => {
    h = await startEngineHarness();
    h.fake.inject({ on: 'submit', delayMs: 600 });
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1) });
    const file = `${h.project.generations.folder(queued.id)}/generation.json`;
    let seen: GenerationRecord | null = null;
    for (let i = 0; i < 200 && !seen; i += 1) {
      const record = JSON.parse(await readFile(file, 'utf8')) as GenerationRecord;
      if (record.state === 'submitting') seen = record;
      else await new Promise((ok) => setTimeout(ok, 10));
    }
    expect(seen?.taskUUID).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.fake.acceptedSubmissions).toEqual([]);
    const [done] = await h.engine.settled(h.project, [queued.id]);
    expect(done?.taskUUID).toBe(seen?.taskUUID);
  });

  it('runs at most two remote tasks at once and polls all of them in one request', async () => {
    // Long enough on the fake that two tasks are always remote together, even on a busy machine.
    h = await startEngineHarness({ fake: { generationMs: 1500 } });
    const audio = await h.tone(1);
    let maxActive = 0;
    const started: string[] = [];
    const off = h.engine.listen({
      queue: (s) => (maxActive = Math.max(maxActive, s.active)),
      changed: (_p, r) => {
        if (r.state !== 'queued' && !started.includes(r.id)) started.push(r.id);
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) ids.push((await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio, name: `clip ${i}` })).id);
    const results = await h.engine.settled(h.project, ids);
    off();
    expect(results.map((r) => r.state)).toEqual(['done', 'done', 'done', 'done']);
    expect(maxActive).toBe(2);
    const polls = h.fake.requests.filter((r) => r.kind === 'poll');
    expect(Math.max(...polls.map((p) => p.tasks.length))).toBe(2);
    expect(polls.every((p) => p.tasks.every((t) => t.taskType === 'getResponse'))).toBe(true);
    // Queue order is kept: jobs start in the order they were queued. (Two jobs started in the
    // same moment may reach Runware in either order; their preparation runs side by side.)
    expect(started).toEqual(ids);
    expect(h.fake.acceptedSubmissions.slice(0, 2).sort()).toEqual(
      results
        .slice(0, 2)
        .map((r) => r.taskUUID)
        .sort(),
    );
  });

  it('pauses, reorders and cancels before submission; refuses to cancel what Runware holds', async () => {
    h = await startEngineHarness({ fake: { pollsBeforeSuccess: 3 }, engine: { concurrency: 1 } });
    h.engine.pause();
    const audio = await h.tone(1);
    const a = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio, name: 'a' });
    const b = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio, name: 'b' });
    const c = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio, name: 'c' });
    expect(h.engine.summary()).toMatchObject({ paused: true, queued: 3, active: 0 });
    await h.engine.reorder(h.project, c.id, 0);
    const canceled = await h.engine.cancel(h.project, b.id);
    expect(canceled.state).toBe('canceled');
    h.engine.resume();
    const started = await new Promise<GenerationRecord>((resolve) => {
      const off = h.engine.listen({
        changed: (_p, r) => {
          if (r.state === 'processing') {
            off();
            resolve(r);
          }
        },
      });
    });
    expect(started.id).toBe(c.id);
    await expect(h.engine.cancel(h.project, c.id)).rejects.toMatchObject({
      code: 'cannot_cancel',
      message:
        'This generation was already sent to Runware, which bills for it, so it can no longer be canceled. Its takes will be saved when they finish.',
    });
    const results = await h.engine.settled(h.project, [a.id, c.id]);
    expect(results.map((r) => r.state)).toEqual(['done', 'done']);
    expect(h.fake.acceptedSubmissions).toHaveLength(2);
  });

  it('fails clearly when the video link expired before it could be downloaded', async () => {
    h = await startEngineHarness();
    h.fake.inject({ on: 'download', status: 404, times: 5 });
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1) });
    const [failed] = await h.engine.settled(h.project, [queued.id]);
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toMatchObject({
      code: 'url_expired',
      message:
        'The video finished, but its download link had already expired, so the take could not be saved. Generate it again; Avatar Studio downloads takes the moment they finish.',
    });
  });

  it('records a failure Runware reports, with its reason', async () => {
    h = await startEngineHarness();
    h.fake.failTask(() => true, { code: 'timeoutProvider' });
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1) });
    const [failed] = await h.engine.settled(h.project, [queued.id]);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'timeoutProvider', category: 'timeout' } });
    expect(failed?.takes).toEqual([]);
  });

  it('keeps the takes that succeeded when a sibling take fails', async () => {
    h = await startEngineHarness();
    h.fake.failTask(() => true, { code: 'providerError', generations: [1], shape: 'data' });
    const queued = await h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: await h.tone(1), settings: { numberResults: 2 } });
    const [done] = await h.engine.settled(h.project, [queued.id]);
    expect(done?.state).toBe('done');
    expect(done?.takes.map((t) => t.state)).toEqual(['done']);
    expect(done?.error?.code).toBe('providerError');
  });

  it('downloads every take of a four-take generation', async () => {
    h = await startEngineHarness();
    const queued = await h.engine.enqueue(h.project, {
      image: MONALISA_JPG,
      audio: await h.tone(1),
      settings: { numberResults: 4, outputFormat: 'WEBM' },
    });
    const [done] = await h.engine.settled(h.project, [queued.id]);
    expect(done?.takes.map((t) => [t.index, t.state, t.file])).toEqual([
      [1, 'done', 'take-1.webm'],
      [2, 'done', 'take-2.webm'],
      [3, 'done', 'take-3.webm'],
      [4, 'done', 'take-4.webm'],
    ]);
    expect(done?.costUSD).toBeCloseTo(0.56, 5);
    for (const take of done?.takes ?? []) expect(existsSync(h.project.generations.file(queued.id, take.file as string))).toBe(true);
  });

  it('refuses bad input before anything is written or sent', async () => {
    h = await startEngineHarness();
    const audio = await h.tone(2);
    await expect(h.engine.enqueue(h.project, { image: MONALISA_JPG, audio, startSec: 1.5, endSec: 1 })).rejects.toMatchObject({
      code: 'trim_invalid',
      message: 'The selection ends (1.00 s) before it starts (1.50 s). Set an end after the start.',
    });
    await expect(h.engine.enqueue(h.project, { image: MONALISA_JPG, audio, settings: { outputQuality: 100 } })).rejects.toMatchObject({
      code: 'invalid_parameter',
      message: 'Quality must be from 20 to 99 (got 100).',
    });
    const long = await h.tone(61);
    await expect(h.engine.enqueue(h.project, { image: MONALISA_JPG, audio: long })).rejects.toMatchObject({
      code: 'audio_too_long',
      message: 'This selection is 61.0 s; Aurora takes up to 60 s. Trim it, or split it into parts.',
    });
    expect(await readdir(h.project.generations.dir)).toEqual([]);
    expect(h.fake.requests).toEqual([]);
  });
});
