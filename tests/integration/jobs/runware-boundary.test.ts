import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaOps } from '../../../electron/core/jobs/media-adapter.ts';
import { Project } from '../../../electron/core/projects/project.ts';
import { EndpointFindings } from '../../../electron/core/runware/endpoint-findings.ts';
import { UploadCache } from '../../../electron/core/runware/upload-cache.ts';
import type { GenerationRecord } from '../../../shared/generation.ts';
import { fastEngine, startEngineHarness, type EngineHarness } from '../../support/engine-harness.ts';
import { FakeRunware, type FakeRunwareOptions } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { MONALISA_JPG } from '../../support/fixture-paths.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { clientFor } from '../../support/runware-test-client.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { wavTone } from '../../support/wav-tone.ts';

/**
 * The engine against a fake Runware that behaves a little differently from the docs, in
 * each of the ways a live API may: every generation still ends where it should, is
 * submitted once, and costs what Runware charged.
 */
describe('the Runware boundary corrects itself', () => {
  let h: EngineHarness | undefined;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('boundary ');
  });
  afterAll(() => temp.cleanup());
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function harness(fake: FakeRunwareOptions, extra: Parameters<typeof startEngineHarness>[0] = {}): Promise<EngineHarness> {
    h = await startEngineHarness({ fake, ...extra });
    return h;
  }

  async function generate(x: EngineHarness, count = 1, extra: { numberResults?: number } = {}): Promise<GenerationRecord[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const audio = await x.tone(1 + i * 0.25, `voice ${i}.wav`);
      const settings = extra.numberResults ? { settings: { numberResults: extra.numberResults } } : {};
      ids.push((await x.engine.enqueue(x.project, { image: MONALISA_JPG, audio, name: `clip ${i}`, ...settings })).id);
    }
    return x.engine.settled(x.project, ids);
  }

  describe('uploads', () => {
    it('a cache made against one server instance: the next instance refuses the cached inputs, they are uploaded again once', async () => {
      const cacheFile = join(temp.path, 'upload-cache.json');
      const audio = join(temp.path, 'voice.wav');
      await writeFile(audio, wavTone(1.5, { sampleRate: 22_050 }));
      const media = createMediaOps({ env: process.env, tempDir: temp.path });
      const run = async (fake: FakeRunware, projectName: string) => {
        const runware = clientFor(fake, { cache: new UploadCache({ file: cacheFile }) });
        const engine = fastEngine(runware, media);
        const project = await Project.openOrCreate(join(temp.path, projectName));
        const queued = await engine.enqueue(project, { image: MONALISA_JPG, audio });
        const [record] = await engine.settled(project, [queued.id]);
        engine.stop();
        await runware.close();
        return record;
      };
      const first = await FakeRunware.start({ pollsBeforeSuccess: 1 });
      const port = Number(new URL(first.url).port);
      expect((await run(first, 'first'))?.state).toBe('done');
      expect(first.countRequests('upload')).toBe(2);
      await first.close();

      // Same address, new instance: it never saw those media UUIDs, and says so as an invalid parameter.
      const second = await FakeRunware.start({ pollsBeforeSuccess: 1, port, unknownMediaCode: 'invalidParameter' });
      try {
        const record = await run(second, 'second');
        expect(record?.state).toBe('done');
        expect(second.countRequests('upload')).toBe(2);
        expect(second.requests.filter((r) => r.kind === 'submit').map((r) => r.status)).toEqual([400, 200]);
        expect(second.acceptedSubmissions).toEqual([record?.taskUUID]);
        expect(record?.uploads.cached).toBeUndefined();
        // The cache now holds what the new instance gave.
        const cache = JSON.parse(await readFile(cacheFile, 'utf8')) as { scopes: Record<string, Record<string, { mediaUUID: string }>> };
        const uuids = Object.values(cache.scopes).flatMap((entries) => Object.values(entries).map((e) => e.mediaUUID));
        expect(uuids).toContain(record?.uploads.image);
        expect(uuids).toContain(record?.uploads.audio);
      } finally {
        await second.close();
      }
    });

    it('sends the selection as MP3, a fraction of the WAV it was cut from', async () => {
      const x = await harness({ pollsBeforeSuccess: 1 });
      const [done] = await generate(x);
      expect(done?.prepared?.audio.file).toBe('audio.mp3');
      const sent = x.fake.media.get(done?.uploads.audio ?? '');
      expect(sent?.kind).toBe('mp3');
      // 1 s at 22.05 kHz mono as 16-bit WAV would be 44 kB.
      expect(sent?.bytes).toBeLessThan(44_100 * 0.9);
      expect(sent?.durationSec).toBeLessThanOrEqual(1.01);
    });
  });

  describe('polling several tasks in one request', () => {
    for (const mode of ['first-only', 'refuse'] as const) {
      it(`a queue of 3 finishes when batches are ${mode === 'refuse' ? 'refused' : 'answered for the first task only'}, and the endpoint is remembered`, async () => {
        const findingsFile = join(temp.path, `findings ${mode}.json`);
        const logger = recordingLogger();
        const x = await harness(
          { pollsBeforeSuccess: 25, pollBatching: mode },
          {
            engine: { concurrency: 3 },
            client: (fake) => clientFor(fake, { findings: new EndpointFindings({ file: findingsFile }), logger }),
          },
        );
        const records = await generate(x, 3);
        expect(records.map((r) => r.state)).toEqual(['done', 'done', 'done']);
        expect(x.fake.acceptedSubmissions).toHaveLength(3);
        expect(x.runware.pollsOneTaskPerRequest).toBe(true);
        const saved = JSON.parse(await readFile(findingsFile, 'utf8')) as {
          endpoints: Record<string, { pollBatching?: { supported: boolean } }>;
        };
        expect(saved.endpoints[x.fake.url]?.pollBatching?.supported).toBe(false);
        expect(logger.lines.some((l) => l.startsWith('warn') && l.includes('polling one task per request from now on'))).toBe(true);
        // Found out at the first batch: every poll after it asks about one task.
        const polls = x.fake.requests.filter((r) => r.kind === 'poll');
        const batches = polls.filter((r) => r.tasks.length > 1);
        expect(batches).toHaveLength(1);
        const after = polls.slice(polls.indexOf(batches[0] as (typeof polls)[number]) + 1);
        expect(after.length).toBeGreaterThan(3);
        expect(after.every((r) => r.tasks.length === 1)).toBe(true);
      });
    }

    it('keeps batching where every answer checks out', async () => {
      const x = await harness({ pollsBeforeSuccess: 25 }, { engine: { concurrency: 3 } });
      const records = await generate(x, 3);
      expect(records.map((r) => r.state)).toEqual(['done', 'done', 'done']);
      expect(x.runware.pollsOneTaskPerRequest).toBe(false);
      expect(x.fake.requests.some((r) => r.kind === 'poll' && r.tasks.length > 1)).toBe(true);
    });
  });

  describe('tasks getResponse no longer knows', () => {
    it('takes the result from getTaskDetails, with no second submission', async () => {
      // Finished by time, as the real service does: nobody has to poll it to completion.
      const x = await harness({ generationMs: 300 });
      const audio = await x.tone(1);
      const queued = await x.engine.enqueue(x.project, { image: MONALISA_JPG, audio });
      // Forgotten by getResponse as soon as Runware accepts it.
      const off = x.engine.listen({ changed: (_p, r) => r.state === 'processing' && x.fake.forgetResults() });
      const [done] = await x.engine.settled(x.project, [queued.id]);
      off();
      expect(done?.state).toBe('done');
      expect(done?.takes[0]?.state).toBe('done');
      expect(x.fake.acceptedSubmissions).toEqual([done?.taskUUID]);
      expect(x.fake.detailRequests).toContain(done?.taskUUID);
    });

    it('resends once, under the same taskUUID, only when getTaskDetails does not know the task either', async () => {
      const x = await harness({ pollsBeforeSuccess: 2, quirks: { submitAck: 'empty' } });
      // The acknowledgement came, but the task was never registered.
      const queued = await x.engine.enqueue(x.project, { image: MONALISA_JPG, audio: await x.tone(1) });
      const off = x.engine.listen({
        changed: (_p, r) => {
          if (r.state !== 'processing' || !r.taskUUID || x.fake.detailRequests.length > 0) return;
          x.fake.tasks.delete(r.taskUUID);
          x.fake.acceptedSubmissions.length = 0;
        },
      });
      const [done] = await x.engine.settled(x.project, [queued.id]);
      off();
      expect(done?.state).toBe('done');
      expect(x.fake.detailRequests).toContain(done?.taskUUID);
      expect(x.fake.acceptedSubmissions).toEqual([done?.taskUUID]);
    });

    it('never resends when getTaskDetails cannot be asked: it says to check the usage first', async () => {
      const x = await harness({ pollsBeforeSuccess: 2, taskDetails: false });
      const queued = await x.engine.enqueue(x.project, { image: MONALISA_JPG, audio: await x.tone(1) });
      const off = x.engine.listen({ changed: (_p, r) => r.state === 'processing' && x.fake.forgetResults() });
      const [failed] = await x.engine.settled(x.project, [queued.id]);
      off();
      expect(failed?.state).toBe('failed');
      expect(failed?.error).toMatchObject({ code: 'task_unconfirmed' });
      expect(failed?.error?.message).toMatch(/Check your usage at my\.runware\.ai before generating it again/);
      expect(x.fake.requests.filter((r) => r.kind === 'submit')).toHaveLength(1);
    });
  });

  describe('what a task cost', () => {
    it('adds per-take costs, and counts a per-task cost repeated on each take once', async () => {
      for (const costPer of ['result', 'task'] as const) {
        const x = await harness({ pollsBeforeSuccess: 1, costPer });
        const [done] = await generate(x, 1, { numberResults: 2 });
        // 1 s billed at $0.14 × 2 takes.
        expect(done?.estimateUSD).toBe(0.28);
        expect(done?.costUSD).toBe(0.28);
        expect(done?.costReported).toBe(costPer === 'task' ? 'per-task' : 'per-take');
        expect(done?.takes.map((t) => t.costUSD)).toEqual(costPer === 'task' ? [0.28, 0.28] : [0.14, 0.14]);
        await x.close();
        h = undefined;
      }
    });
  });

  describe('answers a live API may give', () => {
    it('poll items without taskUUID: the take is fetched, not reported lost', async () => {
      const x = await harness({ pollsBeforeSuccess: 2, quirks: { pollItemsWithoutTaskUUID: true } });
      const [done] = await generate(x);
      expect(done?.state).toBe('done');
      expect(done?.takes[0]?.state).toBe('done');
    });

    it('a busy provider named in a 200 poll: polled again, shown as retrying, never failed', async () => {
      const x = await harness({ pollsBeforeSuccess: 2, quirks: { busyPolls: 6 } });
      const seen: string[] = [];
      const queued = await x.engine.enqueue(x.project, { image: MONALISA_JPG, audio: await x.tone(1) });
      const off = x.engine.listen({
        changed: (_p, r) => {
          const wait = x.engine.waitOf(x.project, r.id);
          if (wait?.kind === 'retrying') seen.push(wait.message);
        },
      });
      const [done] = await x.engine.settled(x.project, [queued.id]);
      off();
      expect(done?.state).toBe('done');
      expect(x.fake.options.quirks.busyPolls).toBe(0);
      expect(seen).toContain(
        'Runware is busy (providerRateLimitExceeded) but still has the task; Avatar Studio keeps asking for the result.',
      );
    });

    it('an unknown code in a 200 poll: asked again a few times, then shown with its raw code', async () => {
      const x = await harness({ pollsBeforeSuccess: 50, quirks: { strangePolls: 100 } });
      const [failed] = await generate(x);
      expect(failed?.state).toBe('failed');
      expect(failed?.error?.message).toContain('fluxCapacitorMisaligned');
      expect(x.fake.options.quirks.strangePolls).toBe(95);
    });

    it('an empty submit acknowledgement is accepted once, and the task is polled to the end', async () => {
      const x = await harness({ pollsBeforeSuccess: 2, quirks: { submitAck: 'empty' } });
      const [done] = await generate(x);
      expect(done?.state).toBe('done');
      expect(x.fake.requests.filter((r) => r.kind === 'submit')).toHaveLength(1);
    });

    it('an acknowledgement naming another taskUUID is accepted too', async () => {
      const x = await harness({ pollsBeforeSuccess: 2, quirks: { submitAck: 'other-task' } });
      const [done] = await generate(x);
      expect(done?.state).toBe('done');
      expect(x.fake.requests.filter((r) => r.kind === 'submit')).toHaveLength(1);
    });
  });
});
