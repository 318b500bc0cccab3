import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../electron/main/app-origin.ts';
import { allowMicrophoneOnly, guardWebContents, installWebContentsGuards } from '../../../electron/main/security/web-guards.ts';

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
});

describe('the microphone, and nothing else', () => {
  const handlers: {
    request?: (contents: unknown, permission: string, cb: (g: boolean) => void, details: object) => void;
    check?: (contents: unknown, permission: string, origin: string, details: object) => boolean;
  } = {};
  allowMicrophoneOnly(
    {
      setPermissionRequestHandler: (fn: never) => (handlers.request = fn),
      setPermissionCheckHandler: (fn: never) => (handlers.check = fn),
    },
    (url) => url.startsWith('app://studio/'),
  );
  const request = (permission: string, details: object) => {
    let answer: boolean | undefined;
    handlers.request?.({}, permission, (g) => (answer = g), details);
    return answer;
  };
  const app = { requestingUrl: 'app://studio/index.html', isMainFrame: true };

  it('grants the app window audio, and only audio', () => {
    expect(request('media', { ...app, mediaTypes: ['audio'] })).toBe(true);
    expect(request('media', { ...app, mediaTypes: ['video'] })).toBe(false);
    expect(request('media', { ...app, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(request('media', { ...app, mediaTypes: [] })).toBe(false);
  });

  it('denies every other origin and frame, and every other permission', () => {
    expect(request('media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(request('media', { mediaTypes: ['audio'], requestingUrl: 'app://studio/frame.html', isMainFrame: false })).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'midi']) {
      expect(request(permission, { ...app })).toBe(false);
    }
  });

  it('answers checks the same way', () => {
    expect(handlers.check?.({}, 'media', 'app://studio', { mediaType: 'audio', isMainFrame: true })).toBe(true);
    expect(handlers.check?.({}, 'media', 'app://studio', { mediaType: 'video', isMainFrame: true })).toBe(false);
    expect(handlers.check?.({}, 'media', 'https://evil.example', { mediaType: 'audio', isMainFrame: true })).toBe(false);
    expect(handlers.check?.({}, 'notifications', 'app://studio', { isMainFrame: true })).toBe(false);
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
