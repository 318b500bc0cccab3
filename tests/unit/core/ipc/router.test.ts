import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recordingPlatform } from '../../../support/recording-platform.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudioBackend, type StudioBackend } from '../../../../electron/core/app/backend.ts';
import { channelNames, type EventName } from '../../../../shared/ipc/contract.ts';
import { makeTempDir } from '../../../support/temp-dir.ts';
import { TestCipher } from '../../../support/test-cipher.ts';

const APP = 'app://studio/index.html';
const top = { url: APP, isTopFrame: true };
const KEY = 'rw_9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f';

describe('IPC router', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let backend: StudioBackend;
  let opened: string[];
  let events: { event: EventName; payload: unknown }[];
  let openExternalFails = false;

  beforeEach(async () => {
    dir = await makeTempDir();
    opened = [];
    events = [];
    openExternalFails = false;
    backend = await createStudioBackend({
      appInfo: { name: 'Avatar Studio', version: '0.0.0-test', platform: 'linux', mediaBase: 'media://' },
      appDataDir: dir.path,
      homeDir: dir.path,
      cipher: new TestCipher('gnome_libsecret'),
      platform: {
        ...recordingPlatform().platform,
        openExternal: async (url) => {
          if (openExternalFails) throw new Error(`browser crashed while opening ${url} with ${KEY}`);
          opened.push(url);
        },
      },
      emit: (event, payload) => events.push({ event, payload }),
      isAppUrl: (url) => url.startsWith('app://studio/'),
      runwareUrl: 'http://127.0.0.1:9/v1',
    });
  });
  afterEach(async () => {
    await backend.dispose();
    await dir.cleanup();
  });

  it('answers a valid request with the handler value', async () => {
    const result = await backend.router.invoke('app:getInfo', undefined, top);
    expect(result).toEqual({ ok: true, value: { name: 'Avatar Studio', version: '0.0.0-test', platform: 'linux', mediaBase: 'media://' } });
  });

  it('refuses a sender from another origin', async () => {
    const result = await backend.router.invoke('key:getStatus', undefined, { url: 'https://evil.example/', isTopFrame: true });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden_sender',
        message: 'This request did not come from the Avatar Studio window, so it was refused.',
      },
    });
  });

  it('refuses a sub-frame even on the app origin', async () => {
    const result = await backend.router.invoke('key:remove', undefined, { url: APP, isTopFrame: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses a destroyed frame (no URL)', async () => {
    const result = await backend.router.invoke('app:getInfo', undefined, { url: '', isTopFrame: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses a channel that is not in the contract', async () => {
    const result = await backend.router.invoke('fs:readFile', { path: '/etc/passwd' }, top);
    expect(result).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Avatar Studio does not know that request.' } });
  });

  it('rejects an invalid payload naming the field', async () => {
    expect(await backend.router.invoke('key:set', { key: 42 }, top)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Invalid value for "key": expected string, received number' },
    });
    expect(await backend.router.invoke('settings:update', { budgetCapUSD: -5 }, top)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^Invalid value for "budgetCapUSD": Too small/) },
    });
    expect(await backend.router.invoke('settings:update', { unknownSetting: true }, top)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Unexpected field "unknownSetting" in the request.' },
    });
    expect(await backend.router.invoke('key:set', undefined, top)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^Invalid request: /) },
    });
  });

  it('turns typed errors into {code, message} and anything else into a generic message', async () => {
    expect(await backend.router.invoke('app:openExternal', { url: 'file:///etc/passwd' }, top)).toEqual({
      ok: false,
      error: { code: 'unsafe_url', message: 'Only https links can be opened from Avatar Studio.' },
    });
    openExternalFails = true;
    const result = await backend.router.invoke('app:openExternal', { url: 'https://runware.ai/' }, top);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/crashed|stack|at /);
  });

  it('opens https links through the platform', async () => {
    expect(await backend.router.invoke('app:openExternal', { url: 'https://my.runware.ai/signup' }, top)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(opened).toEqual(['https://my.runware.ai/signup']);
  });

  it('never lets the key appear in a response, an event, an error or the log', async () => {
    const answers: unknown[] = [];
    answers.push(await backend.router.invoke('key:set', { key: KEY }, top));
    for (const channel of channelNames) {
      answers.push(await backend.router.invoke(channel, undefined, top));
      answers.push(await backend.router.invoke(channel, { key: KEY, url: KEY, allowed: KEY }, top));
      answers.push(await backend.router.invoke(channel, { key: KEY }, { url: 'https://evil.example', isTopFrame: true }));
    }
    answers.push(await backend.router.invoke('key:set', { key: `${KEY} ${KEY}` }, top));
    openExternalFails = true;
    answers.push(await backend.router.invoke('app:openExternal', { url: `https://example.com/?k=${KEY}` }, top));
    await backend.logger.flush();
    const log = await readFile(join(dir.path, 'logs', 'main.log'), 'utf8');

    expect(answers.find((a) => (a as { ok: boolean }).ok)).toBeDefined();
    expect(JSON.stringify(answers)).not.toContain(KEY);
    expect(JSON.stringify(events)).not.toContain(KEY);
    expect(log).toContain('[redacted]');
    expect(log).not.toContain(KEY);
    expect(answers[0]).toEqual({
      ok: true,
      value: { configured: true, last4: '4e5f', backend: 'gnome_libsecret', persisted: true },
    });
  });

  it('pushes key and settings changes as events', async () => {
    await backend.router.invoke('key:set', { key: KEY }, top);
    await backend.router.invoke('settings:update', { notifications: false }, top);
    expect(events.map((e) => e.event)).toEqual(['key:changed', 'settings:changed']);
  });
});
