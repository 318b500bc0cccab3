import { join } from 'node:path';
import type { DoctorReport } from '../../shared/doctor.ts';
import { defaultAppDataDir, defaultProjectsRoot } from '../core/app/app-paths.ts';
import { createCoreServices } from '../core/app/core-services.ts';
import { DEMO_THROUGHPUT, startDemo } from '../core/demo/demo-session.ts';
import { createLogger, type Logger } from '../core/logging/logger.ts';
import { Redactor } from '../core/logging/redactor.ts';
import { runwareApiUrl } from '../core/runware/runware-config.ts';
import { MemoryKeyStore } from '../core/secrets/memory-key-store.ts';
import { SettingsStore } from '../core/settings/settings-store.ts';
import { NoticeCenter } from '../core/shell/notices.ts';
import type { Studio } from '../core/studio/studio.ts';
import { UsageError } from './cli-args.ts';
import { headlessPlatform } from './headless-platform.ts';

export interface CliContext {
  /** Every use case: the same doors the window's handlers use. */
  studio: Studio;
  /** Checks the tools, folders and account for free. */
  doctor: () => Promise<DoctorReport>;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * The same core the window uses, built for a command: key from RUNWARE_API_KEY,
 * endpoint from RUNWARE_API_URL, settings, upload cache and learned timings shared
 * with the app through its app-data folder.
 */
export async function createCliContext(env: NodeJS.ProcessEnv, options: { needsKey: boolean; demo?: boolean }): Promise<CliContext> {
  const redactor = new Redactor();
  const demo = options.demo ? await startDemo({ appDataDir: defaultAppDataDir(env), env }) : null;
  const appData = demo?.appDataDir ?? defaultAppDataDir(env);
  const logger = createLogger({ redactor, file: join(appData, 'logs', 'cli.log') });
  const keyValue = demo ? demo.apiKey : env.RUNWARE_API_KEY?.trim();
  if (options.needsKey && !keyValue) {
    throw new UsageError('Set RUNWARE_API_KEY to your Runware API key (API Keys page at my.runware.ai). Nothing was sent.');
  }
  let keyStore: MemoryKeyStore;
  try {
    keyStore = new MemoryKeyStore(redactor, demo ? 'memory' : 'environment', keyValue || undefined);
  } catch (error) {
    throw new UsageError(`RUNWARE_API_KEY: ${error instanceof Error ? error.message : String(error)}`);
  }
  const settings = await SettingsStore.open({
    dir: appData,
    defaultProjectsRoot: demo ? join(demo.appDataDir, 'projects') : defaultProjectsRoot(),
    notices: new NoticeCenter(),
    logger: logger.child('settings'),
  });
  let baseUrl: string;
  try {
    baseUrl = demo?.runwareUrl ?? runwareApiUrl(env);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const core = await createCoreServices({
    appDataDir: appData,
    settings,
    apiKey: () => keyStore.getKey(),
    keySource: () => (demo ? 'the demo’s own (nothing is sent to Runware)' : 'from RUNWARE_API_KEY'),
    runwareUrl: baseUrl,
    env,
    logger,
    // A command reports "gave up" (exit 4) instead of retrying forever like the app.
    engine: { maxStepFailures: 2 },
    platform: headlessPlatform,
    demo: demo !== null,
    ...(demo ? { throughputPrior: DEMO_THROUGHPUT } : {}),
  });
  return {
    studio: core.studio,
    doctor: () => core.doctor(),
    logger,
    async close() {
      await core.close();
      await demo?.close();
      await logger.flush();
    },
  };
}
