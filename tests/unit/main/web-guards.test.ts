import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../electron/main/app-origin.ts';
import { denyAllPermissions, guardWebContents, installWebContentsGuards } from '../../../electron/main/security/web-guards.ts';

function fakeContents() {
  const contents = Object.assign(new EventEmitter(), {
    openHandler: null as null | ((d: { url: string }) => { action: string }),
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.openHandler = fn;
    },
  });
  return contents;
}

function navigate(contents: EventEmitter, event: string, url: string): boolean {
  let prevented = false;
  const e = { url, preventDefault: () => (prevented = true) };
  contents.emit(event, e, url);
  return prevented;
}

describe('web contents guards', () => {
  const appUrl = (url: string) => isAppUrl(url, 'app://studio');

  it('are installed on every web contents the app creates', () => {
    const app = new EventEmitter();
    const opened: string[] = [];
    installWebContentsGuards(app as never, { openExternal: async (u: string) => void opened.push(u) }, appUrl);
    const contents = fakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.openHandler).not.toBeNull();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });

  it('deny window.open, sending only https links to the system browser', () => {
    const opened: string[] = [];
    const contents = fakeContents();
    guardWebContents(contents as never, { openExternal: async (u: string) => void opened.push(u) }, appUrl);
    expect(contents.openHandler?.({ url: 'https://runware.ai/docs' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'http://example.com' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://runware.ai/docs']);
  });

  it('block navigation and redirects away from the app, and webviews', () => {
    const contents = fakeContents();
    guardWebContents(contents as never, { openExternal: async () => undefined }, appUrl);
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'file:///home/me/')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://studio/index.html')).toBe(false);
    expect(navigate(contents, 'will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'app://studio.evil.example/')).toBe(true);
    expect(navigate(contents, 'will-attach-webview', 'app://studio/')).toBe(true);
  });

  it('deny every permission request and check', () => {
    const handlers: { request?: (...a: unknown[]) => void; check?: () => boolean } = {};
    denyAllPermissions({
      setPermissionRequestHandler: (fn: never) => (handlers.request = fn),
      setPermissionCheckHandler: (fn: never) => (handlers.check = fn),
    });
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      handlers.request?.({}, permission, (granted: boolean) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(handlers.check?.()).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('accepts only the exact app origin', () => {
    expect(isAppUrl('app://studio/index.html', 'app://studio')).toBe(true);
    expect(isAppUrl('app://studio.evil/index.html', 'app://studio')).toBe(false);
    expect(isAppUrl('https://studio/index.html', 'app://studio')).toBe(false);
    expect(isAppUrl('not a url', 'app://studio')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
  });
});
