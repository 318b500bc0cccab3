import { join } from 'node:path';
import type { DoctorReport } from '../../../shared/doctor.ts';
import { runDoctor } from '../doctor/doctor.ts';
import { BatchCoordinator } from '../jobs/batch.ts';
import { JobEngine, type EngineOptions } from '../jobs/job-engine.ts';
import { mediaOpsFrom } from '../jobs/media-adapter.ts';
import { SequenceCoordinator } from '../jobs/sequence-coordinator.ts';
import { scratchFolder } from '../jobs/stale-files.ts';
import { ThroughputModel } from '../jobs/throughput.ts';
import type { Logger } from '../logging/logger.ts';
import { createMediaToolkit, type Env } from '../media/index.ts';
import { RunwareClient } from '../runware/runware-client.ts';
import { EndpointFindings } from '../runware/endpoint-findings.ts';
import { UploadCache } from '../runware/upload-cache.ts';
import { DEFAULT_SCHEMAS_URL, VoiceCatalog } from '../runware/voice-catalog.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { Platform } from '../shell/platform.ts';
import { Studio } from '../studio/studio.ts';

export interface CoreServicesOptions {
  /** The app's own folder: upload cache, learned timings and scratch files live here for the window and the CLI alike. */
  appDataDir: string;
  settings: SettingsStore;
  apiKey: () => string | null;
  /** Where the key comes from, in words for `doctor` (never the key). */
  keySource: () => string;
  runwareUrl: string;
  /** Where Runware's model schemas are read (voices); default: see `schemasUrlFor`. */
  schemasUrl?: string;
  /** Where ffmpeg is looked for (FFMPEG_PATH, PATH). */
  env: Env;
  logger: Logger;
  engine?: Partial<EngineOptions>;
  throughputPrior?: number;
  /** The desktop shell (the command line has a silent one). */
  platform: Platform;
  /** Runware is the demo's stand-in: only demo projects are made and sent. */
  demo?: boolean;
}

export interface CoreServices {
  runware: RunwareClient;
  engine: JobEngine;
  /** Every use case: what the IPC handlers and the CLI commands call. */
  studio: Studio;
  /** This process's scratch folder inside the app's folder. */
  scratchDir: string;
  /** Checks the tools, folders and Runware account for free (`doctor`, Settings' "Check setup"). */
  doctor(): Promise<DoctorReport>;
  /** Stops the queue, lets batch exports in flight finish, and closes the connections. */
  close(): Promise<void>;
}

/**
 * The engine, its coordinators and the use cases, built one way for both the window's
 * backend and the command line, so the two cannot drift apart.
 */
export async function createCoreServices(options: CoreServicesOptions): Promise<CoreServices> {
  const { appDataDir, settings, logger } = options;
  const budgetCapUSD = () => settings.get().budgetCapUSD;
  const runware = new RunwareClient({
    apiKey: options.apiKey,
    baseUrl: options.runwareUrl,
    uploadCache: new UploadCache({ file: join(appDataDir, 'upload-cache.json') }),
    findings: new EndpointFindings({ file: join(appDataDir, 'runware-findings.json') }),
    logger: logger.child('runware'),
  });
  // The poller reads the findings synchronously (one task per request or batched).
  await runware.findings.load();
  // Scratch work stays in the app's own folder, never in the system's temp.
  const scratch = await scratchFolder(join(appDataDir, 'tmp'));
  const media = mediaOpsFrom(createMediaToolkit({ env: options.env, tempDir: scratch, logger: logger.child('media') }));
  const engine = new JobEngine({
    runware,
    media,
    throughput: new ThroughputModel(join(appDataDir, 'throughput.json'), options.throughputPrior),
    budgetCapUSD,
    logger: logger.child('jobs'),
    demo: options.demo ?? false,
    ...options.engine,
  });
  const sequences = new SequenceCoordinator({ engine, media, logger: logger.child('sequences') });
  const batches = new BatchCoordinator({ engine, media, logger: logger.child('batches') });
  const studio = new Studio({
    engine,
    sequences,
    batches,
    media,
    platform: options.platform,
    projectsRoot: () => settings.projectsRoot(),
    budgetCapUSD,
    pasteDir: join(scratch, 'pasted'),
    runware,
    scratchDir: scratch,
    voices: new VoiceCatalog({
      baseUrl: options.schemasUrl ?? schemasUrlFor(options.runwareUrl),
      file: join(appDataDir, 'tts-voices.json'),
      logger: logger.child('voices'),
    }),
    logger,
    demo: options.demo ?? false,
  });
  return {
    runware,
    engine,
    studio,
    scratchDir: scratch,
    doctor: () =>
      runDoctor({
        env: options.env,
        appDataDir,
        projectsRoot: () => settings.projectsRoot(),
        runware,
        hasKey: () => options.apiKey() !== null,
        keySource: options.keySource(),
      }),
    async close() {
      engine.stop();
      await batches.idle();
      await runware.close();
    },
  };
}

/**
 * Where model schemas are read: RUNWARE_SCHEMAS_URL, else Runware's own when the endpoint is
 * Runware's, else the endpoint's own origin — the demo's stand-in and the tests' fake answer
 * `/resolve/<AIR>` too, so neither ever reaches the internet for a voice list.
 */
export function schemasUrlFor(runwareUrl: string, env: Record<string, string | undefined> = process.env): string {
  const configured = env.RUNWARE_SCHEMAS_URL?.trim();
  if (configured) return configured;
  const endpoint = new URL(runwareUrl);
  return endpoint.hostname === 'api.runware.ai' ? DEFAULT_SCHEMAS_URL : endpoint.origin;
}
