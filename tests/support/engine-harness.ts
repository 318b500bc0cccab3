import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JobEngine, type EngineOptions } from '../../electron/core/jobs/job-engine.ts';
import { createMediaOps } from '../../electron/core/jobs/media-adapter.ts';
import type { MediaOps } from '../../electron/core/jobs/media-ops.ts';
import type { CadencePolicy } from '../../electron/core/jobs/poll-cadence.ts';
import { ThroughputModel } from '../../electron/core/jobs/throughput.ts';
import { Project } from '../../electron/core/projects/project.ts';
import type { RunwareClient } from '../../electron/core/runware/runware-client.ts';
import { FakeRunware, type FakeRunwareOptions } from '../../electron/core/runware-stand-in/fake-runware.ts';
import { clientFor } from './runware-test-client.ts';
import { makeTempDir } from './temp-dir.ts';
import { wavTone } from './wav-tone.ts';

/** Polls every few tens of milliseconds so engine tests take seconds, not minutes. */
export const FAST_CADENCE: CadencePolicy = {
  firstPollMs: 40,
  nearMs: 40,
  farMaxMs: 200,
  overdueSlowAfterMs: 60_000,
  overdueMaxMs: 200,
  errorMaxMs: 400,
  dueMarginMs: 10,
  coalesceMs: 20,
  earlyCheckMinMs: 30_000,
};

export interface EngineHarness {
  fake: FakeRunware;
  runware: RunwareClient;
  engine: JobEngine;
  project: Project;
  dir: string;
  media: Awaited<ReturnType<typeof createMediaOps>>;
  /** A tone of `seconds` as a wav file in the temp folder. */
  tone(seconds: number, name?: string): Promise<string>;
  close(): Promise<void>;
}

/** An engine that polls and retries at test speed. */
export function fastEngine(runware: RunwareClient, media: MediaOps, options: Partial<EngineOptions> = {}): JobEngine {
  return new JobEngine({
    runware,
    media,
    throughput: new ThroughputModel(null, 0.05),
    cadence: FAST_CADENCE,
    retryBaseMs: 20,
    retryMaxMs: 200,
    ...options,
  });
}

export async function startEngineHarness(
  options: {
    fake?: FakeRunwareOptions;
    engine?: Partial<EngineOptions>;
    projectName?: string;
    /** How the client is made (a cache file, findings, a logger); `clientFor(fake)` by default. */
    client?: (fake: FakeRunware) => RunwareClient;
  } = {},
): Promise<EngineHarness> {
  const temp = await makeTempDir('engine harness ');
  const fake = await FakeRunware.start({ pollsBeforeSuccess: 2, ...options.fake });
  const runware = options.client ? options.client(fake) : clientFor(fake);
  const media = createMediaOps({ env: process.env, tempDir: temp.path });
  const project = await Project.openOrCreate(join(temp.path, options.projectName ?? 'Test project'));
  const engine = fastEngine(runware, media, options.engine);
  return {
    fake,
    runware,
    engine,
    project,
    dir: temp.path,
    media,
    async tone(seconds, name = `tone ${seconds}s.wav`) {
      const file = join(temp.path, name);
      await writeFile(file, wavTone(seconds, { sampleRate: 22_050 }));
      return file;
    },
    async close() {
      engine.stop();
      await runware.close();
      await fake.close();
      await temp.cleanup();
    },
  };
}
