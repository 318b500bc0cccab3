import { join, resolve } from 'node:path';
import { defaultAppDataDir, defaultProjectsRoot } from '../core/app/app-paths.ts';
import { NoticeCenter } from '../core/app/notices.ts';
import { BatchCoordinator } from '../core/jobs/batch.ts';
import { JobEngine } from '../core/jobs/job-engine.ts';
import { SequenceCoordinator } from '../core/jobs/sequence-coordinator.ts';
import { createMediaOps } from '../core/jobs/media-adapter.ts';
import { scratchFolder } from '../core/jobs/stale-files.ts';
import { ThroughputModel } from '../core/jobs/throughput.ts';
import { createLogger, type Logger } from '../core/logging/logger.ts';
import { Redactor } from '../core/logging/redactor.ts';
import { Project } from '../core/projects/project.ts';
import { runwareApiUrl } from '../core/runware/runware-config.ts';
import { RunwareClient } from '../core/runware/runware-client.ts';
import { UploadCache } from '../core/runware/upload-cache.ts';
import { MemoryKeyStore } from '../core/secrets/memory-key-store.ts';
import { SettingsStore } from '../core/settings/settings-store.ts';
import { UsageError } from './cli-args.ts';

export interface CliContext {
  engine: JobEngine;
  sequences: SequenceCoordinator;
  batches: BatchCoordinator;
  runware: RunwareClient;
  logger: Logger;
  settings: SettingsStore;
  media: Awaited<ReturnType<typeof createMediaOps>>;
  openProject(dir: string | undefined): Promise<Project>;
  close(): Promise<void>;
}

/**
 * The same core the window uses, built for a command: key from RUNWARE_API_KEY,
 * endpoint from RUNWARE_API_URL, settings, upload cache and learned timings shared
 * with the app through its app-data folder.
 */
export async function createCliContext(env: NodeJS.ProcessEnv, options: { needsKey: boolean }): Promise<CliContext> {
  const redactor = new Redactor();
  const appData = defaultAppDataDir(env);
  const logger = createLogger({ redactor, file: join(appData, 'logs', 'cli.log') });
  const keyValue = env.RUNWARE_API_KEY?.trim();
  if (options.needsKey && !keyValue) {
    throw new UsageError('Set RUNWARE_API_KEY to your Runware API key (API Keys page at my.runware.ai). Nothing was sent.');
  }
  let keyStore: MemoryKeyStore;
  try {
    keyStore = new MemoryKeyStore(redactor, 'environment', keyValue || undefined);
  } catch (error) {
    throw new UsageError(`RUNWARE_API_KEY: ${error instanceof Error ? error.message : String(error)}`);
  }
  const settings = await SettingsStore.open({
    dir: appData,
    defaultProjectsRoot: defaultProjectsRoot(),
    notices: new NoticeCenter(),
    logger: logger.child('settings'),
  });
  let baseUrl: string;
  try {
    baseUrl = runwareApiUrl(env);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const runware = new RunwareClient({
    apiKey: () => keyStore.getKey(),
    baseUrl,
    uploadCache: new UploadCache({ file: join(appData, 'upload-cache.json') }),
    logger: logger.child('runware'),
  });
  // Scratch work stays in the app's own folder, never in the system's temp.
  const scratch = await scratchFolder(join(appData, 'tmp'));
  const media = await createMediaOps({ env, logger: logger.child('media'), tempDir: scratch });
  const engine = new JobEngine({
    runware,
    media,
    throughput: new ThroughputModel(join(appData, 'throughput.json')),
    budgetCapUSD: () => settings.get().budgetCapUSD,
    // A command reports "gave up" (exit 4) instead of retrying forever like the app.
    maxStepFailures: 2,
    logger: logger.child('jobs'),
  });
  const sequences = new SequenceCoordinator({ engine, media: media.kit, budgetCapUSD: () => settings.get().budgetCapUSD, logger: logger.child('sequences') });
  const batches = new BatchCoordinator({ engine, media, budgetCapUSD: () => settings.get().budgetCapUSD, notifications: () => false, logger: logger.child('batches') });
  return {
    engine,
    sequences,
    batches,
    runware,
    logger,
    settings,
    media,
    async openProject(dir) {
      const target = dir ? resolve(dir) : join(settings.projectsRoot(), 'Default');
      return Project.openOrCreate(target, { logger: logger.child('project') });
    },
    async close() {
      engine.stop();
      await runware.close();
      await logger.flush();
    },
  };
}
