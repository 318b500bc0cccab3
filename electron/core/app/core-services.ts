import { join } from 'node:path';
import type { GenerationRecord } from '../../../shared/generation.ts';
import type { Platform } from '../ipc/platform.ts';
import { BatchCoordinator } from '../jobs/batch.ts';
import { JobEngine, type EngineOptions } from '../jobs/job-engine.ts';
import { mediaOpsFrom } from '../jobs/media-adapter.ts';
import type { MediaOps } from '../jobs/media-ops.ts';
import { SequenceCoordinator } from '../jobs/sequence-coordinator.ts';
import { scratchFolder } from '../jobs/stale-files.ts';
import { ThroughputModel } from '../jobs/throughput.ts';
import type { Logger } from '../logging/logger.ts';
import { createMediaToolkit, type Env, type MediaToolkit } from '../media/index.ts';
import type { Project } from '../projects/project.ts';
import { RunwareClient } from '../runware/runware-client.ts';
import { UploadCache } from '../runware/upload-cache.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

export interface CoreServicesOptions {
  /** The app's own folder: upload cache, learned timings and scratch files live here for the window and the CLI alike. */
  appDataDir: string;
  settings: SettingsStore;
  apiKey: () => string | null;
  runwareUrl: string;
  /** Where ffmpeg is looked for (FFMPEG_PATH, PATH). */
  env: Env;
  logger: Logger;
  engine?: Partial<EngineOptions>;
  throughputPrior?: number;
  /** Whether a finished batch may show a system notification. */
  notifications: () => boolean;
  platform?: Platform;
  onSequenceChange?: (project: Project, record: GenerationRecord) => void;
}

export interface CoreServices {
  runware: RunwareClient;
  media: MediaToolkit;
  mediaOps: MediaOps;
  engine: JobEngine;
  sequences: SequenceCoordinator;
  batches: BatchCoordinator;
  /** This process's scratch folder inside the app's folder. */
  scratchDir: string;
  /** Stops the queue, lets batch exports in flight finish, and closes the connections. */
  close(): Promise<void>;
}

/**
 * The engine and everything it works with, built one way for both the window's backend
 * and the command line, so the two cannot drift apart.
 */
export async function createCoreServices(options: CoreServicesOptions): Promise<CoreServices> {
  const { appDataDir, settings, logger } = options;
  const budgetCapUSD = () => settings.get().budgetCapUSD;
  const runware = new RunwareClient({
    apiKey: options.apiKey,
    baseUrl: options.runwareUrl,
    uploadCache: new UploadCache({ file: join(appDataDir, 'upload-cache.json') }),
    logger: logger.child('runware'),
  });
  // Scratch work stays in the app's own folder, never in the system's temp.
  const scratch = await scratchFolder(join(appDataDir, 'tmp'));
  const media = createMediaToolkit({ env: options.env, tempDir: scratch, logger: logger.child('media') });
  const mediaOps = mediaOpsFrom(media);
  const engine = new JobEngine({
    runware,
    media: mediaOps,
    throughput: new ThroughputModel(join(appDataDir, 'throughput.json'), options.throughputPrior),
    budgetCapUSD,
    logger: logger.child('jobs'),
    ...options.engine,
  });
  const sequences = new SequenceCoordinator({
    engine,
    media,
    budgetCapUSD,
    logger: logger.child('sequences'),
    onChange: options.onSequenceChange,
  });
  const batches = new BatchCoordinator({
    engine,
    media: mediaOps,
    platform: options.platform,
    notifications: options.notifications,
    budgetCapUSD,
    logger: logger.child('batches'),
  });
  return {
    runware,
    media,
    mediaOps,
    engine,
    sequences,
    batches,
    scratchDir: scratch,
    async close() {
      engine.stop();
      await batches.idle();
      await runware.close();
    },
  };
}
