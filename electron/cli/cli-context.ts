import { join, resolve } from 'node:path';
import { defaultAppDataDir, defaultProjectsRoot } from '../core/app/app-paths.ts';
import { createCoreServices } from '../core/app/core-services.ts';
import { NoticeCenter } from '../core/app/notices.ts';
import type { BatchCoordinator } from '../core/jobs/batch.ts';
import type { JobEngine } from '../core/jobs/job-engine.ts';
import type { MediaOps } from '../core/jobs/media-ops.ts';
import type { SequenceCoordinator } from '../core/jobs/sequence-coordinator.ts';
import { createLogger, type Logger } from '../core/logging/logger.ts';
import { Redactor } from '../core/logging/redactor.ts';
import { Project } from '../core/projects/project.ts';
import type { MediaToolkit } from '../core/media/index.ts';
import { runwareApiUrl } from '../core/runware/runware-config.ts';
import type { RunwareClient } from '../core/runware/runware-client.ts';
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
  media: MediaOps & { kit: MediaToolkit };
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
  const core = await createCoreServices({
    appDataDir: appData,
    settings,
    apiKey: () => keyStore.getKey(),
    runwareUrl: baseUrl,
    env,
    logger,
    // A command reports "gave up" (exit 4) instead of retrying forever like the app.
    engine: { maxStepFailures: 2 },
    notifications: () => false,
  });
  const { engine, sequences, batches, runware } = core;
  return {
    engine,
    sequences,
    batches,
    runware,
    logger,
    settings,
    media: { ...core.mediaOps, kit: core.media },
    async openProject(dir) {
      const target = dir ? resolve(dir) : join(settings.projectsRoot(), 'Default');
      return Project.openOrCreate(target, { logger: logger.child('project') });
    },
    async close() {
      await core.close();
      await logger.flush();
    },
  };
}
