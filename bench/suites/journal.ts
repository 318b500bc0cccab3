import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobEngine } from '../../electron/core/jobs/job-engine.ts';
import { createMediaOps } from '../../electron/core/jobs/media-adapter.ts';
import type { MediaOps } from '../../electron/core/jobs/media-ops.ts';
import { ThroughputModel } from '../../electron/core/jobs/throughput.ts';
import { Project } from '../../electron/core/projects/project.ts';
import { outcomeOf } from '../../electron/core/runware/poll-result.ts';
import type { RunwareClient } from '../../electron/core/runware/runware-client.ts';
import { EndpointFindings } from '../../electron/core/runware/endpoint-findings.ts';
import type { GenerationRecord } from '../../shared/generation.ts';
import { FakeRunware } from '../../electron/core/runware-stand-in/fake-runware.ts';
import { MONALISA_JPG } from '../../tests/support/fixture-paths.ts';
import { auroraTask, uploadInputs } from '../../tests/support/runware-flow.ts';
import { clientFor } from '../../tests/support/runware-test-client.ts';
import { wavTone } from '../../tests/support/wav-tone.ts';
import { medianMs, type BenchResult, type BenchSuite } from '../bench-types.ts';

const GENERATION_MS = 10_000;
const AUDIO_SEC = 2;

interface Measured {
  /** Mean ms from the fake finishing a take to the take verified on disk. */
  overheadMs: number;
  /** Mean ms from the fake finishing to the poll that saw it. */
  lagMs: number;
  pollsPerGeneration: number;
}

/** When the fake would first answer success for each task. */
function finishTimes(fake: FakeRunware): Map<string, number> {
  const out = new Map<string, number>();
  for (const task of fake.tasks.values()) {
    const take = task.takes[0];
    if (take && 'time' in take.completeAt) out.set(task.taskUUID, take.completeAt.time);
  }
  return out;
}

function firstSeen(fake: FakeRunware, taskUUID: string, after: number): number {
  const poll = fake.requests.find((r) => r.kind === 'poll' && r.at >= after && r.tasks.some((t) => t.taskUUID === taskUUID));
  return poll?.at ?? Number.NaN;
}

/** The length of the audio the engine sends for the whole of `audio`. */
async function sentAudioSec(dir: string, audio: string, media: MediaOps): Promise<number> {
  const outFile = join(dir, 'sent.mp3');
  return (await media.prepareAudio({ input: audio, startSec: 0, endSec: AUDIO_SEC, normalizeLoudness: false, format: 'mp3', outFile }))
    .durationSec;
}

/**
 * The app's engine, cadence from the learned finish time: one request for all tasks, or
 * (`oneTaskPerRequest`) as on an endpoint found to refuse batched polls.
 */
async function runEngine(dir: string, n: number, media: MediaOps, oneTaskPerRequest = false): Promise<Measured> {
  const audio = join(dir, 'tone.wav');
  await writeFile(audio, wavTone(AUDIO_SEC));
  const fake = await FakeRunware.start({ generationMs: GENERATION_MS, pollBatching: oneTaskPerRequest ? 'refuse' : 'full' });
  const findings = new EndpointFindings();
  const runware = clientFor(fake, { findings });
  if (oneTaskPerRequest) await findings.record(runware.endpoint, 'pollBatching', { supported: false, detail: 'refused (bench)' });
  const project = await Project.openOrCreate(join(dir, `engine ${n} ${randomUUID()}`));
  // As after a few real tasks: the model has learned how long they take per second of the
  // audio it sends (an mp3 a few ms shorter than the selection).
  const sentSec = await sentAudioSec(dir, audio, media);
  const throughput = new ThroughputModel(null, GENERATION_MS / 1000 / sentSec);
  const engine = new JobEngine({ runware, media, concurrency: n, throughput });
  const verifiedAt = new Map<string, number>();
  engine.listen({
    changed: (_p, r) => {
      if (r.takes[0]?.state === 'done' && r.taskUUID && !verifiedAt.has(r.taskUUID)) verifiedAt.set(r.taskUUID, Date.now());
    },
  });
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) ids.push((await engine.enqueue(project, { image: MONALISA_JPG, audio, name: `g${i}` })).id);
  const records = await engine.settled(project, ids);
  engine.stop();
  const measured = measure(
    fake,
    records.map((r) => r.taskUUID as string),
    verifiedAt,
  );
  await runware.close();
  await fake.close();
  return measured;
}

/** Runware's SDK policy: first poll at 1 s, then +0.5 s, then ×1.5 up to 10 s, one request per task. */
async function runSdkPolicy(dir: string, n: number, media: MediaOps): Promise<Measured> {
  const fake = await FakeRunware.start({ generationMs: GENERATION_MS });
  const runware: RunwareClient = clientFor(fake);
  const inputs = await uploadInputs(runware, AUDIO_SEC);
  const verifiedAt = new Map<string, number>();
  const one = async (i: number) => {
    const task = auroraTask(inputs);
    await runware.submitVideo(task);
    let delay = 1000;
    for (let poll = 0; ; poll += 1) {
      await new Promise((ok) => setTimeout(ok, delay));
      delay = poll === 0 ? delay + 500 : Math.min(10_000, delay * 1.5);
      const result = (await runware.poll([task.taskUUID])).get(task.taskUUID);
      if (!result || outcomeOf(result, 1) !== 'succeeded') continue;
      const take = result.generations[0];
      if (take?.status !== 'success') break;
      const file = join(dir, `sdk-${n}-${i}.mp4`);
      await runware.download(take.videoURL, file);
      await media.verifyTake({ file, expectedDurationSec: AUDIO_SEC });
      verifiedAt.set(task.taskUUID, Date.now());
      return task.taskUUID;
    }
    return task.taskUUID;
  };
  const uuids = await Promise.all(Array.from({ length: n }, (_, i) => one(i)));
  const measured = measure(fake, uuids, verifiedAt);
  await runware.close();
  await fake.close();
  return measured;
}

function measure(fake: FakeRunware, uuids: string[], verifiedAt: Map<string, number>): Measured {
  const finish = finishTimes(fake);
  const overheads: number[] = [];
  const lags: number[] = [];
  for (const uuid of uuids) {
    const done = finish.get(uuid) as number;
    overheads.push((verifiedAt.get(uuid) as number) - done);
    lags.push(firstSeen(fake, uuid, done) - done);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { overheadMs: mean(overheads), lagMs: mean(lags), pollsPerGeneration: fake.countRequests('poll') / uuids.length };
}

/** Generation records of a project with thousands of them: the index against a cold read. */
async function projectOpen(dir: string): Promise<BenchResult[]> {
  const project = await Project.openOrCreate(join(dir, 'big project'));
  const at = '2026-01-01T00:00:00.000Z';
  const base = {
    schemaVersion: 1 as const,
    createdAt: at,
    updatedAt: at,
    state: 'done' as const,
    history: [
      { state: 'queued' as const, at },
      { state: 'done' as const, at },
    ],
    inputs: {
      image: { file: 'media/a.jpg', sha256: 'a', originalName: 'a.jpg' },
      audio: { file: 'media/b.wav', sha256: 'b', originalName: 'b.wav' },
      trim: { startSec: 0, endSec: 5.5 },
      normalizeLoudness: false,
    },
    params: { numberResults: 1, outputFormat: 'MP4' as const, outputQuality: 95, CFGScale: 1 },
    uploads: {},
    billedSeconds: 6,
    estimateUSD: 0.84,
    costUSD: 0.84,
    takes: [{ index: 1, videoUUID: 'v', state: 'done' as const, file: 'take-1.mp4', poster: 'take-1.jpg', durationSec: 5.5 }],
    favorite: false,
    queueOrder: 0,
  };
  const writes: Promise<void>[] = [];
  for (let i = 0; i < 5000; i += 1) {
    const id = `2026-01-01_${String(i).padStart(6, '0')}_clip-${i}`;
    writes.push(project.generations.write({ ...base, id, name: `clip ${i}` } satisfies GenerationRecord));
    if (writes.length >= 64) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  await project.generations.flushIndex();
  const warm = await medianMs(5, async () => (await Project.open(project.dir)).generations.list());
  const cold = await medianMs(3, async () => {
    await rm(join(project.dir, '.studio'), { recursive: true, force: true });
    await (await Project.open(project.dir)).generations.list();
  });
  return [{ name: 'projects: open + list 5,000 generations (index)', value: warm, unit: 'ms', baseline: cold }];
}

const suite: BenchSuite = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bench journal '));
  try {
    const media = createMediaOps({ env: process.env, tempDir: join(dir, 'scratch') });
    const results: BenchResult[] = await projectOpen(dir);
    for (const n of [1, 8]) {
      const sdk = await runSdkPolicy(dir, n, media);
      for (const oneTaskPerRequest of [false, true]) {
        const ours = await runEngine(dir, n, media, oneTaskPerRequest);
        const how = `${n} at once${oneTaskPerRequest ? ', one task per request' : ''}`;
        results.push(
          { name: `journal: finish → take on disk, ${how}`, value: ours.overheadMs, unit: 'ms', baseline: sdk.overheadMs },
          { name: `journal: detection lag, ${how}`, value: ours.lagMs, unit: 'ms', baseline: sdk.lagMs },
          {
            name: `journal: poll requests per generation, ${how}`,
            value: ours.pollsPerGeneration,
            unit: 'requests',
            baseline: sdk.pollsPerGeneration,
          },
        );
      }
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
export default suite;
