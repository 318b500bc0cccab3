import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../shared/ipc/contract.ts';

const fake = await vi.hoisted(async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { fakeElectron } = await import('../../support/fake-electron.ts');
  return fakeElectron({ userData: mkdtempSync(path.join(tmpdir(), 'studio main ')), backend: 'basic_text' });
});
vi.mock('electron', () => fake.module);
// What `npm run dev` sets: a packaged build must not follow it.
process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';

// Importing the entry point runs it, exactly as Electron would.
await import('../../../electron/main/index.ts');
await vi.waitFor(() => expect(fake.windows[0]?.loaded.length).toBe(1));

afterAll(() => rmSync(fake.module.app.getPath('userData'), { recursive: true, force: true }));

describe('main process wiring', () => {
  it('registers the app and media schemes as privileged before ready', () => {
    expect(fake.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      { scheme: 'media', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
    ]);
  });

  it('opens one secure window on the app origin, not file://', () => {
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0];
    expect(win?.loaded).toEqual(['app://studio/index.html']);
    expect((win?.options as { webPreferences: Record<string, unknown> }).webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // A packaged build cannot open DevTools.
      devTools: false,
    });
    expect(String((win?.options as { webPreferences: { preload: string } }).webPreferences.preload)).toMatch(/preload[/\\]index\.cjs$/);
  });

  it('handles exactly the contract channels', () => {
    expect([...fake.handles.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('rejects a foreign sender through the registered handler', async () => {
    const handler = fake.handles.get('key:getStatus');
    const foreign = await handler?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, undefined);
    expect(foreign).toEqual({
      ok: false,
      error: { code: 'forbidden_sender', message: 'This request did not come from the Avatar Studio window, so it was refused.' },
    });
    const own = await handler?.({ senderFrame: { url: 'app://studio/index.html', parent: null } }, undefined);
    expect(own).toEqual({ ok: true, value: { configured: false, last4: null, backend: 'basic_text', persisted: false } });
  });

  it('lets the window name a dropped file only once the preload reported it, from the app window', async () => {
    const importFile = fake.handles.get('inputs:import');
    const grant = fake.listeners.get('grant:droppedFile');
    const app = { senderFrame: { url: 'app://studio/index.html', parent: null } };
    const evil = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const request = { projectDir: '/nowhere', path: '/tmp/dropped portrait.jpg' };
    expect(await importFile?.(app, request)).toMatchObject({ ok: false, error: { code: 'path_not_granted' } });
    const foreign = { ...evil, returnValue: undefined as unknown };
    grant?.(foreign, request.path);
    expect(foreign.returnValue).toBe(true);
    expect(await importFile?.(app, request)).toMatchObject({ ok: false, error: { code: 'path_not_granted' } });
    grant?.({ ...app }, request.path);
    // Granted: the path passes, and the request goes on to what is wrong with it next.
    expect(await importFile?.(app, request)).toMatchObject({ ok: false, error: { code: 'project_not_open' } });
  });

  it('lets only the app window use the microphone, and guards new web contents', () => {
    const answers: boolean[] = [];
    const ask = (permission: string, details: object) =>
      fake.permissionHandlers.request?.({}, permission, (g: boolean) => answers.push(g), details);
    ask('media', { mediaTypes: ['audio'], requestingUrl: 'app://studio/index.html', isMainFrame: true });
    ask('media', { mediaTypes: ['audio', 'video'], requestingUrl: 'app://studio/index.html', isMainFrame: true });
    ask('media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/', isMainFrame: true });
    ask('geolocation', { requestingUrl: 'app://studio/index.html', isMainFrame: true });
    expect(answers).toEqual([true, false, false, false]);
    expect(fake.module.app.listenerCount('web-contents-created')).toBe(1);
    expect(fake.module.app.listenerCount('second-instance')).toBe(1);
  });

  it('serves the renderer through the app protocol with the CSP header', async () => {
    const handle = fake.protocolHandlers.get('app');
    const response = await handle?.(new Request('app://studio/../../package.json'));
    expect(response?.status).toBe(404);
  });

  it('serves project media only for open projects', async () => {
    const handle = fake.protocolHandlers.get('media');
    expect(handle).toBeDefined();
    expect((await handle?.(new Request('media://no-such-project/project.json')))?.status).toBe(404);
  });

  it('sends key changes to the window as events', async () => {
    const handler = fake.handles.get('key:set');
    const sender = { senderFrame: { url: 'app://studio/index.html', parent: null } };
    await handler?.(sender, { key: 'rw_0123456789abcdef0123' });
    expect(fake.windows[0]?.sent).toContainEqual({
      channel: 'key:changed',
      payload: { configured: true, last4: '0123', backend: 'basic_text', persisted: false },
    });
  });

  it('keeps crash reports on this computer, in the logs folder, and never uploads them', () => {
    expect(fake.paths).toContainEqual({ name: 'crashDumps', path: path.join(fake.module.app.getPath('userData'), 'logs', 'crashes') });
    expect(fake.crashReports).toEqual([{ uploadToServer: false }]);
  });

  it('ignores a dev server URL in a packaged build', () => {
    // ELECTRON_RENDERER_URL is set for this test file: a packaged app still loads its own pages.
    expect(fake.windows[0]?.loaded).toEqual(['app://studio/index.html']);
  });
});
