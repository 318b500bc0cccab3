import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { createStudioBackend, type StudioBackend } from '../../electron/core/app/backend.ts';
import type { Cipher } from '../../electron/core/secrets/cipher.ts';
import { fileResponse, notFound, resolveUnderRoot } from '../../electron/core/protocol/serve-file.ts';
import { buildStudioApi } from '../../shared/ipc/bridge.ts';
import type { EventName } from '../../shared/ipc/contract.ts';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/names.ts';
import { launchChromium } from './chromium.ts';
import { FAST_CADENCE } from './engine-harness.ts';
import { recordingPlatform, type RecordingPlatform } from './recording-platform.ts';
import { makeTempDir } from './temp-dir.ts';

export const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../e2e/artifacts');

/**
 * Runs in the page before the app: builds `window.studio` with the preload's own
 * builder (passed in as source text) over Playwright bindings that reach the real
 * IPC router in the test process. Must stay self-contained.
 */
function installStudio(
  names: { channels: string[]; events: string[] },
  build: (names: unknown, transport: unknown) => Record<string, unknown>,
  files: Record<string, string>,
): void {
  const w = window as unknown as Record<string, unknown>;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  w.__studioEmit = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const invoke = w.__studioInvoke as (channel: string, payload: unknown) => Promise<unknown>;
  const api = build(names, {
    invoke: (channel: string, payload: unknown) => invoke(channel, payload),
    subscribe: (event: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
      return () => listeners.get(event)?.delete(listener);
    },
  });
  // Like webUtils.getPathForFile: synchronous; files the test did not name have no path.
  api.getPathForFile = (file: File) => files[file.name] ?? '';
  Object.defineProperty(window, 'studio', { value: Object.freeze(api), writable: false });
}

export const MEDIA_PREFIX = '/__media/';

/**
 * A static server for the built renderer, as the app protocol serves it, plus the
 * media protocol's handler under /__media/ (Chromium cannot register `media:`).
 */
async function serveRenderer(media: {
  handler: ((request: Request) => Promise<Response>) | null;
}): Promise<{ server: Server; origin: string }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before the E2E suite.');
  }
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'x'}`);
      let response: Response;
      if (url.pathname.startsWith(MEDIA_PREFIX) && media.handler) {
        const headers = new Headers();
        if (req.headers.range) headers.set('range', req.headers.range);
        response = await media.handler(new Request(url, { method: req.method, headers }));
      } else {
        const file = await resolveUnderRoot(RENDERER_DIR, url.pathname === '/' ? '/index.html' : url.pathname);
        response = file ? await fileResponse(file, { method: req.method }) : notFound();
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) Readable.fromWeb(response.body as never).pipe(res);
      else res.end();
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export interface HarnessOptions {
  cipher?: Cipher;
  /** Where Runware is (the fake server's URL in tests). */
  runwareUrl?: string;
  /** Paths `getPathForFile` returns for dropped files, by file name. */
  files?: Record<string, string>;
  /** Start as `--demo` does: the built-in stand-in, its own key and projects. */
  demo?: boolean;
}

export interface Harness {
  page: Page;
  backend: StudioBackend;
  appDataDir: string;
  /** The projects folder (inside the harness's temp folder). */
  projectsRoot: string;
  origin: string;
  opened: string[];
  platform: RecordingPlatform;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

let browser: Browser | null = null;

/** One Chromium per test file; each harness gets a fresh context and app data. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  browser ??= await launchChromium();
  const temp = await makeTempDir('avatar studio e2e ');
  const media: { handler: ((request: Request) => Promise<Response>) | null } = { handler: null };
  const { server, origin } = await serveRenderer(media);
  const platform = recordingPlatform();
  const opened = platform.opened;
  const problems: string[] = [];
  let page: Page | null = null;

  const backend = await createStudioBackend({
    appInfo: { name: 'Avatar Studio', version: '0.0.0-e2e', platform: process.platform, mediaBase: `${origin}${MEDIA_PREFIX}` },
    appDataDir: join(temp.path, 'app data'),
    homeDir: join(temp.path, 'home'),
    cipher: options.cipher,
    platform: platform.platform,
    engine: { cadence: FAST_CADENCE, retryBaseMs: 50, retryMaxMs: 500 },
    throughputPrior: 0.05,
    emit: (event: EventName, payload: unknown) => {
      void page
        ?.evaluate(([e, p]) => (window as unknown as { __studioEmit?: (e: unknown, p: unknown) => void }).__studioEmit?.(e, p), [
          event,
          payload,
        ] as const)
        .catch(() => undefined);
    },
    isAppUrl: (url) => url.startsWith(`${origin}/`),
    runwareUrl: options.runwareUrl ?? 'http://127.0.0.1:9/v1',
    demo: options.demo,
  });
  media.handler = backend.mediaHandler(MEDIA_PREFIX);
  // What the preload reports as each file is dropped: these are the files the person chose.
  for (const path of Object.values(options.files ?? {})) backend.grants.add(path);
  // The demo keeps its own projects folder (inside this harness's app data).
  const projectsRoot = options.demo ? backend.settings.projectsRoot() : join(temp.path, 'Avatar Studio projects');
  if (!options.demo) await backend.settings.update({ projectsRoot });

  // The microphone, as main grants it to the app's own window (and nothing else).
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, permissions: ['microphone'] });
  page = await context.newPage();
  // E2E_CPU_THROTTLE=4 runs the suite on a page slowed down 4× (what `npm run test:e2e:throttled` proves).
  const throttle = Number(process.env.E2E_CPU_THROTTLE ?? '1');
  if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.exposeBinding('__studioInvoke', (source, channel: unknown, payload: unknown) =>
    backend.router.invoke(channel, payload, { url: source.frame.url(), isTopFrame: source.frame.parentFrame() === null }),
  );
  await page.addInitScript(
    `(${installStudio.toString()})(${JSON.stringify({ channels: CHANNEL_NAMES, events: EVENT_NAMES })}, ${buildStudioApi.toString()}, ${JSON.stringify(options.files ?? {})});`,
  );
  await page.goto(`${origin}/index.html`);

  const current = page;
  return {
    page: current,
    backend,
    appDataDir: join(temp.path, 'app data'),
    projectsRoot,
    origin,
    opened,
    platform,
    problems,
    async screenshot(name) {
      await mkdir(join(ARTIFACTS_DIR, 'screenshots'), { recursive: true });
      const path = join(ARTIFACTS_DIR, 'screenshots', `${name}.png`);
      await current.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      await new Promise<void>((ok) => server.close(() => ok()));
      await backend.dispose();
      await temp.cleanup();
    },
  };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}
