import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, for tests of the main-process glue
 * (`vi.mock('electron', () => fakeElectron())`). It records what the glue asks of
 * Electron so tests can assert the wiring; it holds no logic under test.
 */
export function fakeElectron(options: { userData: string; backend?: string }) {
  const paths: { name: string; path: string }[] = [];
  const exits: number[] = [];
  const app = Object.assign(new EventEmitter(), {
    // As an installed app runs: the tests check what a packaged build allows.
    isPackaged: true,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getPath: (_name: string) => options.userData,
    setPath: (name: string, path: string) => void paths.push({ name, path }),
    getName: () => 'Avatar Studio',
    getVersion: () => '0.1.0',
    quit: () => undefined,
    exit: (code?: number) => void exits.push(code ?? 0),
  });
  const crashReports: unknown[] = [];
  const crashReporter = { start: (o: unknown) => void crashReports.push(o) };
  const windows: FakeBrowserWindow[] = [];
  // Not a subclass of EventEmitter: its static members would leak into this
  // module's declared type.
  class FakeBrowserWindow {
    static getAllWindows = () => windows;
    readonly events = new EventEmitter();
    readonly options: unknown;
    readonly loaded: string[] = [];
    readonly sent: { channel: string; payload: unknown }[] = [];
    readonly webContents = { send: (channel: string, payload: unknown) => this.sent.push({ channel, payload }) };
    constructor(opts: unknown) {
      this.options = opts;
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    on(event: string, fn: (...a: unknown[]) => void) {
      this.events.on(event, fn);
      return this;
    }
    once(event: string, fn: (...a: unknown[]) => void) {
      this.events.once(event, fn);
      return this;
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    isFullScreen = () => false;
    isMaximized = () => false;
    maximize = () => undefined;
    restore = () => undefined;
    focus = () => undefined;
    show = () => undefined;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1440, height: 900 });
    progress: number[] = [];
    setProgressBar = (value: number) => void this.progress.push(value);
  }
  const handles = new Map<string, (event: unknown, payload: unknown) => unknown>();
  const listeners = new Map<string, (event: { senderFrame: unknown; returnValue?: unknown }, payload: unknown) => void>();
  const ipcMain = {
    handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) => handles.set(channel, fn),
    on: (channel: string, fn: (event: { senderFrame: unknown; returnValue?: unknown }, payload: unknown) => void) =>
      listeners.set(channel, fn),
  };
  const privileged: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
    handle: (scheme: string, fn: (request: Request) => Promise<Response>) => protocolHandlers.set(scheme, fn),
  };
  const permissionHandlers: { request?: (...a: unknown[]) => void; check?: (...a: unknown[]) => boolean } = {};
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (fn: (...a: unknown[]) => void) => (permissionHandlers.request = fn),
      setPermissionCheckHandler: (fn: (...a: unknown[]) => boolean) => (permissionHandlers.check = fn),
    },
  };
  const opened: string[] = [];
  const shell = {
    openExternal: async (url: string) => void opened.push(url),
    showItemInFolder: (_path: string) => undefined,
    trashItem: async (_path: string) => undefined,
  };
  const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
  const screen = { getAllDisplays: () => [{ workArea }], getPrimaryDisplay: () => ({ workArea }) };
  const safeStorage = {
    getSelectedStorageBackend: () => options.backend ?? 'basic_text',
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (s: string) => Buffer.from(s, 'utf8').reverse(),
    decryptStringAsync: async (b: Buffer) => ({ result: Buffer.from(b).reverse().toString('utf8'), shouldReEncrypt: false }),
  };
  const contextBridge = {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld(name: string, api: unknown) {
      this.exposed.set(name, api);
    },
  };
  const rendererListeners = new Map<string, Set<(...a: unknown[]) => void>>();
  const invoked: { channel: string; payload: unknown }[] = [];
  const sentSync: { channel: string; payload: unknown }[] = [];
  const ipcRenderer = {
    invoke: async (channel: string, payload: unknown) => {
      invoked.push({ channel, payload });
      return { ok: true, value: channel };
    },
    on: (event: string, fn: (...a: unknown[]) => void) => {
      if (!rendererListeners.has(event)) rendererListeners.set(event, new Set());
      rendererListeners.get(event)?.add(fn);
    },
    removeListener: (event: string, fn: (...a: unknown[]) => void) => rendererListeners.get(event)?.delete(fn),
    sendSync: (channel: string, payload: unknown) => {
      sentSync.push({ channel, payload });
      return true;
    },
    emit: (event: string, payload: unknown) => rendererListeners.get(event)?.forEach((fn) => fn({}, payload)),
  };
  const webUtils = { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` };
  const dialog = { showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }) };
  const notifications: { title: string; body: string }[] = [];
  class Notification {
    static isSupported = () => true;
    readonly options: { title: string; body: string };
    constructor(options: { title: string; body: string }) {
      this.options = options;
    }
    show() {
      notifications.push(this.options);
    }
  }
  return {
    module: {
      app,
      BrowserWindow: FakeBrowserWindow,
      ipcMain,
      protocol,
      session,
      shell,
      screen,
      safeStorage,
      contextBridge,
      ipcRenderer,
      webUtils,
      dialog,
      Notification,
      crashReporter,
    },
    crashReports,
    paths,
    exits,
    notifications,
    windows,
    handles,
    listeners,
    sentSync,
    privileged,
    protocolHandlers,
    permissionHandlers,
    opened,
    invoked,
  };
}
export type FakeElectron = ReturnType<typeof fakeElectron>;
