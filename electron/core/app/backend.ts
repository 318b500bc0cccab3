import { join } from 'node:path';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import { createHandlers } from '../ipc/handlers.ts';
import type { EventSink, Handlers } from '../ipc/handlers-type.ts';
import type { Platform } from '../ipc/platform.ts';
import { createIpcRouter, type IpcRouter } from '../ipc/router.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { Redactor } from '../logging/redactor.ts';
import { runwareApiUrl } from '../runware/runware-config.ts';
import { RunwareClient } from '../runware/runware-client.ts';
import { UploadCache } from '../runware/upload-cache.ts';
import type { Cipher } from '../secrets/cipher.ts';
import { EncryptedKeyStore } from '../secrets/encrypted-key-store.ts';
import type { KeyStore } from '../secrets/key-store.ts';
import { MemoryKeyStore } from '../secrets/memory-key-store.ts';
import { SettingsStore } from '../settings/settings-store.ts';
import { defaultProjectsRoot } from './app-paths.ts';
import { NoticeCenter } from './notices.ts';

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
  dispose(): Promise<void>;
}

/**
 * Builds every core service and the IPC router from plain inputs. The Electron
 * main process and the E2E harness both call this, so the window in tests talks to
 * the same handlers as the real app.
 */
export async function createStudioBackend(options: StudioBackendOptions): Promise<StudioBackend> {
  const redactor = new Redactor();
  const logger = createLogger({ redactor, file: join(options.appDataDir, 'logs', 'main.log'), echo: options.logEcho });
  const notices = new NoticeCenter();
  const settings = await SettingsStore.open({
    dir: options.appDataDir,
    defaultProjectsRoot: defaultProjectsRoot(options.homeDir),
    notices,
    logger: logger.child('settings'),
  });
  const keyStore: KeyStore = options.cipher
    ? await EncryptedKeyStore.open({
        file: join(options.appDataDir, 'secrets.json'),
        cipher: options.cipher,
        redactor,
        notices,
        logger: logger.child('secrets'),
      })
    : new MemoryKeyStore(redactor);

  const unsubscribe = [
    keyStore.onChange((status) => options.emit('key:changed', status)),
    settings.onChange((view) => options.emit('settings:changed', view)),
    notices.onNotice((notice) => options.emit('app:notice', notice)),
  ];

  const runware = new RunwareClient({
    apiKey: () => keyStore.getKey(),
    baseUrl: options.runwareUrl ?? runwareApiUrl(),
    uploadCache: new UploadCache({ file: join(options.appDataDir, 'upload-cache.json') }),
    logger: logger.child('runware'),
  });

  const handlers = createHandlers({ appInfo: options.appInfo, keyStore, settings, notices, platform: options.platform, runware });
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
    async dispose() {
      for (const off of unsubscribe) off();
      await runware.close();
      await logger.flush();
    },
  };
}
