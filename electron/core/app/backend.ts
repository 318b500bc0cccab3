import { join } from 'node:path';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import type { SettingsView } from '../../../shared/settings.ts';
import { describeKeyStatus } from '../../../shared/key-status.ts';
import { createHandlers } from '../ipc/handlers.ts';
import { PathGrants } from '../ipc/path-grants.ts';
import type { EventSink, Handlers } from '../ipc/handlers-type.ts';
import type { Platform } from '../shell/platform.ts';
import { createIpcRouter, type IpcRouter } from '../ipc/router.ts';
import type { EngineOptions, JobEngine } from '../jobs/job-engine.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { Redactor } from '../logging/redactor.ts';
import { mediaAssetHandler } from '../protocol/media-assets.ts';
import { runwareApiUrl } from '../runware/runware-config.ts';
import type { RunwareClient } from '../runware/runware-client.ts';
import type { Cipher } from '../secrets/cipher.ts';
import { EncryptedKeyStore } from '../secrets/encrypted-key-store.ts';
import type { KeyStore } from '../secrets/key-store.ts';
import { MemoryKeyStore } from '../secrets/memory-key-store.ts';
import { SettingsStore } from '../settings/settings-store.ts';
import { defaultProjectsRoot } from './app-paths.ts';
import { createCoreServices } from './core-services.ts';
import { desktopFeedback } from '../studio/desktop-feedback.ts';
import type { Studio } from '../studio/studio.ts';
import { NoticeCenter } from '../shell/notices.ts';
import { DEMO_THROUGHPUT, startDemo } from '../demo/demo-session.ts';

export interface StudioBackendOptions {
  appInfo: AppInfo;
  appDataDir: string;
  /** The OS secret protection; without one the key lives in memory only. */
  cipher?: Cipher;
  platform: Platform;
  emit: EventSink;
  isAppUrl: (url: string) => boolean;
  homeDir?: string;
  logEcho?: boolean;
  /** Runware's endpoint; defaults to RUNWARE_API_URL, else https://api.runware.ai/v1. */
  runwareUrl?: string;
  /** Where ffmpeg is looked for (FFMPEG_PATH, PATH). */
  env?: NodeJS.ProcessEnv;
  /** Engine tuning (tests shorten the poll cadence). */
  engine?: Partial<Pick<EngineOptions, 'cadence' | 'concurrency' | 'retryBaseMs' | 'retryMaxMs'>>;
  throughputPrior?: number;
  /**
   * Run the demo: a local stand-in answers instead of Runware, with its own key (never
   * stored), its own app folder and projects, and every video costs $0.
   */
  demo?: boolean;
}

export interface StudioBackend {
  router: IpcRouter;
  handlers: Handlers;
  logger: Logger;
  redactor: Redactor;
  keyStore: KeyStore;
  settings: SettingsStore;
  notices: NoticeCenter;
  runware: RunwareClient;
  engine: JobEngine;
  /** Every use case (what the handlers call). */
  studio: Studio;
  /** Files the person chose: the preload reports each dropped file's path here. */
  grants: PathGrants;
  /** Serves `media://<projectId>/<path>` (or `<prefix><projectId>/<path>`) for open projects only. */
  mediaHandler(prefix?: string): (request: Request) => Promise<Response>;
  dispose(): Promise<void>;
}

/**
 * Builds every core service and the IPC router from plain inputs. The Electron
 * main process and the E2E harness both call this, so the window in tests talks to
 * the same handlers as the real app.
 */
export async function createStudioBackend(given: StudioBackendOptions): Promise<StudioBackend> {
  const demo = given.demo ? await startDemo({ appDataDir: given.appDataDir, env: given.env ?? process.env }) : null;
  const options: StudioBackendOptions = demo
    ? { ...given, appDataDir: demo.appDataDir, runwareUrl: demo.runwareUrl, appInfo: { ...given.appInfo, demo: true } }
    : given;
  const redactor = new Redactor();
  const logger = createLogger({ redactor, file: join(options.appDataDir, 'logs', 'main.log'), echo: options.logEcho });
  const notices = new NoticeCenter();
  const settings = await SettingsStore.open({
    dir: options.appDataDir,
    // The demo's projects live in its own folder, apart from the real ones.
    defaultProjectsRoot: demo ? join(demo.appDataDir, 'projects') : defaultProjectsRoot(options.homeDir),
    notices,
    logger: logger.child('settings'),
  });
  const keyStore: KeyStore = demo
    ? new MemoryKeyStore(redactor, 'memory', demo.apiKey)
    : options.cipher
      ? await EncryptedKeyStore.open({
          file: join(options.appDataDir, 'secrets.json'),
          cipher: options.cipher,
          redactor,
          notices,
          logger: logger.child('secrets'),
        })
      : new MemoryKeyStore(redactor);

  const core = await createCoreServices({
    appDataDir: options.appDataDir,
    settings,
    apiKey: () => keyStore.getKey(),
    keySource: () => describeKeyStatus(keyStore.status()).replace(/\.$/, ''),
    runwareUrl: options.runwareUrl ?? runwareApiUrl(),
    env: options.env ?? process.env,
    logger,
    engine: options.engine,
    // The stand-in answers within a second: expect that, rather than Runware's minutes.
    throughputPrior: options.throughputPrior ?? (demo ? DEMO_THROUGHPUT : undefined),
    platform: options.platform,
    demo: demo !== null,
  });
  const { runware, engine, studio } = core;
  // The demo opens straight into its own project: one click from "Try the demo" to composing.
  if (demo && (await studio.projects.list()).projects.length === 0) await studio.projects.create('Demo');

  const unsubscribe = [
    keyStore.onChange((status) => options.emit('key:changed', status)),
    settings.onChange(settingsChanged(settings, options.emit)),
    notices.onNotice((notice) => options.emit('app:notice', notice)),
    // The engine's one bus, forwarded to the window.
    studio.events.listen({
      changed: (project, record) =>
        options.emit('generations:changed', { projectDir: project.dir, generation: engine.summaryOf(project, record) }),
      progress: (project, id, progress, etaSec) => options.emit('generations:progress', { projectDir: project.dir, id, progress, etaSec }),
      queue: (summary) => options.emit('queue:changed', summary),
      projects: () => options.emit('projects:changed', undefined),
      exportProgress: (project, id, fraction) => options.emit('generations:exportProgress', { projectDir: project.dir, id, fraction }),
      transfer: (project, id, transfer) => options.emit('generations:transfer', { projectDir: project.dir, id, transfer }),
      blocked: (_project, _record, error) => notices.push('error', `${error.message} The queue is paused; resume it once that is fixed.`),
    }),
    studio.events.listen(desktopFeedback(options.platform, () => settings.get().notifications)),
  ];

  const grants = new PathGrants();
  const handlers = createHandlers({
    appInfo: options.appInfo,
    keyStore,
    settings,
    notices,
    platform: options.platform,
    runware,
    studio,
    grants,
    doctor: () => core.doctor(),
  });
  const router = createIpcRouter({ handlers, isAppUrl: options.isAppUrl, logger: logger.child('ipc'), redactor });
  logger.info('backend ready', { version: options.appInfo.version, platform: options.appInfo.platform });

  return {
    router,
    handlers,
    logger,
    redactor,
    keyStore,
    settings,
    notices,
    runware,
    engine,
    studio,
    grants,
    mediaHandler: (prefix = '') => mediaAssetHandler((id, path) => studio.projects.mediaRoot(id, path), prefix),
    async dispose() {
      for (const off of unsubscribe) off();
      await core.close();
      await studio.library.emptyTrash();
      await demo?.close();
      await logger.flush();
    },
  };
}

/**
 * Forwards settings to the window; a different projects folder (chosen, or reset to the
 * default) is also a different project list, so that is announced here, where the change is
 * known, rather than guessed in the window from what it last saw.
 */
function settingsChanged(settings: SettingsStore, emit: EventSink): (view: SettingsView) => void {
  let projectsRoot = settings.projectsRoot();
  return (view) => {
    emit('settings:changed', view);
    const next = settings.projectsRoot();
    if (next === projectsRoot) return;
    projectsRoot = next;
    emit('projects:changed', undefined);
  };
}
