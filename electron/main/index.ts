/**
 * The Electron main process: lifecycle, the secure window and the wiring of core
 * services to IPC. Logic lives in electron/core; this file only connects it.
 */
import { BrowserWindow, Notification, app, crashReporter, dialog, ipcMain, protocol, safeStorage, screen, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ORIGIN, APP_SCHEME, MEDIA_SCHEME, contentSecurityPolicy } from '../../shared/security/csp.ts';
import { createStudioBackend, type StudioBackend } from '../core/app/backend.ts';
import { appAssetHandler } from '../core/protocol/app-assets.ts';
import { restoreBounds } from '../core/window/window-bounds.ts';
import { WindowStateStore } from '../core/window/window-state-store.ts';
import { appOrigin, devServerUrl, isAppUrl } from './app-origin.ts';
import { cliArguments, runPackagedCli } from './cli-entry.ts';
import { registerGrants, registerIpc } from './ipc/register-ipc.ts';
import { electronPlatform } from './platform.ts';
import { safeStorageCipher } from './secrets/safe-storage-cipher.ts';
import { allowMicrophoneOnly, installWebContentsGuards } from './security/web-guards.ts';
import { displayWorkAreas, mainWindowOptions } from './window/main-window.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
// A packaged build never loads a dev server, whatever the environment says.
const dev = app.isPackaged ? null : devServerUrl();
// Where the window's own pages come from: the only sender IPC and navigation trust.
const origin = appOrigin(dev);
let mainWindow: BrowserWindow | null = null;
let backend: StudioBackend | null = null;

// Must happen before `ready`: the app's pages and media come from privileged
// custom schemes instead of file://.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
]);

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function createMainWindow(windowState: WindowStateStore): Promise<BrowserWindow> {
  const saved = await windowState.load();
  const restored = restoreBounds(saved, displayWorkAreas(screen));
  const win = new BrowserWindow(
    mainWindowOptions({
      preload: join(here, '../preload/index.cjs'),
      bounds: restored.bounds,
      icon: join(here, '../../resources/icon.png'),
      devTools: !app.isPackaged,
    }),
  );
  if (restored.maximized) win.maximize();
  const remember = (): void => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    windowState.schedule({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', remember);
  win.on('close', () => {
    remember();
    void windowState.flush();
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  await win.loadURL(dev ?? `${APP_ORIGIN}/index.html`);
  return win;
}

async function start(): Promise<void> {
  const appDataDir = app.getPath('userData');
  installWebContentsGuards(app, shell, (url) => isAppUrl(url, origin));
  allowMicrophoneOnly(session.defaultSession, (url) => isAppUrl(url, origin));
  protocol.handle(APP_SCHEME, appAssetHandler(join(here, '../renderer'), contentSecurityPolicy()));

  backend = await createStudioBackend({
    appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform, mediaBase: `${MEDIA_SCHEME}://` },
    appDataDir,
    cipher: safeStorageCipher(safeStorage),
    platform: electronPlatform({ shell, dialog, Notification, window: () => mainWindow, app, argv: process.argv.slice(1) }),
    demo: process.argv.includes('--demo'),
    emit: (event, payload) => {
      for (const win of BrowserWindow.getAllWindows()) {
        if (!win.isDestroyed()) win.webContents.send(event, payload);
      }
    },
    isAppUrl: (url) => isAppUrl(url, origin),
    logEcho: dev !== null,
  });
  registerIpc(ipcMain, backend.router);
  registerGrants(ipcMain, backend.grants, (url) => isAppUrl(url, origin));
  protocol.handle(MEDIA_SCHEME, backend.mediaHandler());
  mainWindow = await createMainWindow(new WindowStateStore(appDataDir));
}

/** Crash reports stay on this computer, in the logs folder the README names; nothing is uploaded. */
function keepCrashReportsLocal(): void {
  app.setPath('crashDumps', join(app.getPath('userData'), 'logs', 'crashes'));
  crashReporter.start({ uploadToServer: false });
}

keepCrashReportsLocal();
const cliArgs = cliArguments(process.argv);
if (cliArgs) {
  // `avatar-studio --cli <command>`: the command line of an installed app, with no window.
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  void runPackagedCli(cliArgs, {
    exit: (code) => app.exit(code),
    hideDock: () => app.dock?.hide(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    isTTY: process.stderr.isTTY === true,
    interrupted,
  });
} else if (!app.requestSingleInstanceLock()) {
  // Two instances would race on the same journal and project files.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && backend) {
      void createMainWindow(new WindowStateStore(app.getPath('userData'))).then((w) => (mainWindow = w));
    }
  });
  let disposed = false;
  app.on('before-quit', (event) => {
    // Finish the journal's last writes and hand trashed takes to the system trash first.
    if (disposed || !backend) return;
    event.preventDefault();
    disposed = true;
    void backend.dispose().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Avatar Studio could not start:', error instanceof Error ? error.message : error);
      app.exit(1);
    });
}
