import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AURORA_SETTINGS } from '../../../shared/aurora.ts';
import { channelNames, type ChannelName } from '../../../shared/ipc/contract.ts';
import { createStudioBackend, type StudioBackend } from '../../../electron/core/app/backend.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { recordingPlatform } from '../../support/recording-platform.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const TOP = { url: 'app://studio/index.html', isTopFrame: true };
const MEGABYTE = 'x'.repeat(1024 * 1024);
/** Generous: the point is that no handler works in proportion to a number it did not check (one took 16 s). */
const ANSWER_WITHIN_MS = 2_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every leaf of a payload, as a path of keys. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array))
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function replaced(value: unknown, path: (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string | number, unknown>)[head] = replaced((value as Record<string | number, unknown>)[head], rest, next);
  return copy;
}

function leaf(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);
}

/**
 * A compromised window sends anything: every channel gets out-of-range numbers, 1 MB
 * strings, paths the person never chose and `__proto__` keys. Each answers a plain
 * `{code, message}` at once, nothing reaches Object.prototype, and main keeps answering.
 */
describe('IPC under a fuzzing window', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let backend: StudioBackend;
  let dir: string;
  let id: string;
  let image: string;
  let audio: string;
  let secret: string;
  const bases = {} as Record<ChannelName, Json | undefined>;

  beforeAll(async () => {
    temp = await makeTempDir('ipc fuzz ');
    backend = await createStudioBackend({
      appInfo: { name: 'Avatar Studio', version: 'test', platform: 'linux', mediaBase: 'media://' },
      appDataDir: join(temp.path, 'data'),
      homeDir: temp.path,
      platform: recordingPlatform().platform,
      emit: () => undefined,
      isAppUrl: (url) => url.startsWith('app://studio/'),
      runwareUrl: 'http://127.0.0.1:9/v1',
    });
    await backend.settings.update({ projectsRoot: join(temp.path, 'projects') });
    dir = (await backend.studio.projects.create('Fuzz')).dir;
    await backend.studio.projects.open(dir);
    backend.grants.add(MONALISA_JPG);
    backend.grants.add(JFK_FLAC);
    image = (await backend.studio.inputs.import(dir, MONALISA_JPG)).file;
    audio = (await backend.studio.inputs.import(dir, JFK_FLAC)).file;
    secret = join(temp.path, 'credentials');
    await writeFile(secret, '[default]\naws_secret_access_key = SECRET\n');
    id = '2026-01-01_000000_fuzz';
    const composition = {
      projectDir: dir,
      image,
      audio,
      startSec: 1,
      endSec: 3,
      settings: DEFAULT_AURORA_SETTINGS,
      normalizeLoudness: false,
      name: 'n',
    };
    Object.assign(bases, {
      'app:demo': { on: false },
      'app:openExternal': { url: 'https://runware.ai/' },
      'key:set': { key: 'rw_0123456789abcdef0123456789' },
      'key:setWeakPersistence': { allowed: true },
      'settings:update': { notifications: true, budgetCapUSD: 10, promptPresets: [{ name: 'a', prompt: 'natural blinking' }] },
      'projects:create': { name: 'Another' },
      'projects:open': { projectDir: dir },
      'projects:rename': { projectDir: dir, name: 'Fuzz' },
      'projects:archive': { projectDir: dir, archived: false },
      'projects:setDefaults': { projectDir: dir, defaults: { settings: DEFAULT_AURORA_SETTINGS, normalizeLoudness: false } },
      'projects:setNameTemplate': { projectDir: dir, template: '{name}_{take}' },
      'projects:reveal': { projectDir: dir },
      'inputs:pick': { kind: 'image' },
      'inputs:splitPlan': { projectDir: dir, file: audio, startSec: 0, endSec: 11 },
      'inputs:import': { projectDir: dir, path: MONALISA_JPG },
      'inputs:importBytes': { projectDir: dir, name: 'pasted.png', bytes: new Uint8Array([1, 2, 3]) as unknown as Json },
      'inputs:peaks': { projectDir: dir, file: audio, buckets: 100 },
      'inputs:speechBounds': { projectDir: dir, file: audio },
      'speech:preview': { projectDir: dir, text: 'Hello there.', model: 'xai:tts@0', voice: 'Eve' },
      'portraits:describe': { projectDir: dir, prompt: 'a calm face', count: 1 },
      'recordings:start': { projectDir: dir, mimeType: 'audio/webm' },
      'recordings:append': { id: 'not-a-recording', bytes: new Uint8Array([1, 2, 3]) as unknown as Json },
      'recordings:finish': { id: 'not-a-recording' },
      'recordings:discard': { id: 'not-a-recording' },
      'recordings:unfinished': { projectDir: dir },
      'recordings:recover': { projectDir: dir, file: 'recordings/none.webm' },
      'generations:list': { projectDir: dir },
      'generations:create': composition,
      'generations:createSequence': { ...composition, cuts: [2] },
      'generations:retryPart': { projectDir: dir, id, part: 1 },
      'generations:get': { projectDir: dir, id },
      'generations:cancel': { projectDir: dir, id },
      'generations:retry': { projectDir: dir, id },
      'generations:makeFinal': { projectDir: dir, id },
      'generations:reorder': { projectDir: dir, id, position: 0 },
      'generations:update': { projectDir: dir, id, name: 'n', favorite: true },
      'generations:trash': { projectDir: dir, id },
      'generations:restore': { projectDir: dir, id },
      'generations:reveal': { projectDir: dir, id },
      'generations:revealExport': { projectDir: dir, file: join(dir, 'exports', 'a.mp4') },
      'generations:export': { projectDir: dir, id, take: 1, format: 'mp4', quality: 'high', originalAudio: false },
      'batches:plan': { projectDir: dir, items: [{ image: MONALISA_JPG, audio: JFK_FLAC, startSec: 0, endSec: 2 }], name: 'b' },
      'batches:start': { projectDir: dir, planId: 'x' },
    });
  }, 60_000);
  afterAll(async () => {
    await backend.dispose();
    await temp.cleanup();
  });

  /** One call: it answers a typed result in time, and main still answers a plain request right after. */
  async function call(channel: ChannelName, payload: unknown) {
    const started = performance.now();
    const result = await backend.router.invoke(channel, payload, TOP);
    const ms = performance.now() - started;
    expect(ms, `${channel} took ${Math.round(ms)} ms`).toBeLessThan(ANSWER_WITHIN_MS);
    if (!result.ok) {
      expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
      expect(result.error.message.length).toBeGreaterThan(0);
      expect(result.error.message).not.toMatch(/\n\s+at |SECRET|aws_secret/);
    }
    return result;
  }

  it('covers every channel', () => {
    const withInput = channelNames.filter((c) => bases[c] !== undefined);
    const without = channelNames.filter((c) => bases[c] === undefined);
    // Channels without input take nothing: any payload is refused as a whole.
    expect(without.sort()).toEqual(
      [
        'app:checkSetup',
        'app:getInfo',
        'app:takeNotices',
        'key:getStatus',
        'key:remove',
        'key:test',
        'projects:list',
        'queue:get',
        'queue:pause',
        'queue:resume',
        'settings:chooseProjectsRoot',
        'settings:get',
        'speech:models',
      ].sort(),
    );
    expect(withInput.length + without.length).toBe(channelNames.length);
  });

  it('refuses 1 MB strings in every string field', async () => {
    let calls = 0;
    for (const channel of channelNames) {
      const base = bases[channel];
      for (const path of leaves(base)) {
        if (typeof leaf(base, path) !== 'string') continue;
        const result = await call(channel, replaced(base, path, MEGABYTE));
        expect(result.ok, `${channel} ${path.join('.')}`).toBe(false);
        calls += 1;
      }
    }
    expect(calls).toBeGreaterThan(40);
  });

  it('refuses out-of-range numbers in every number field', async () => {
    let calls = 0;
    for (const channel of channelNames) {
      const base = bases[channel];
      for (const path of leaves(base)) {
        if (typeof leaf(base, path) !== 'number') continue;
        for (const bad of [-1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, 1e7]) {
          const result = await call(channel, replaced(base, path, bad));
          if (!result.ok) {
            calls += 1;
            continue;
          }
          // Still valid (e.g. -1 is no number of seconds, but 1e7 might be a cap): only a value within the field's own range passes.
          throw new Error(`${channel} ${path.join('.')} accepted ${bad}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(50);
  }, 60_000);

  it('refuses paths the person never chose, and project folders that are not open', async () => {
    const never = [secret, '/etc/passwd', join(temp.path, '..', 'elsewhere.jpg')];
    for (const path of never) {
      expect((await call('inputs:import', { projectDir: dir, path })) as unknown).toMatchObject({
        ok: false,
        error: { code: 'path_not_granted' },
      });
      expect((await call('batches:plan', { projectDir: dir, manifest: path })) as unknown).toMatchObject({
        ok: false,
        error: { code: 'path_not_granted' },
      });
      expect((await call('batches:plan', { projectDir: dir, items: [{ image: path, audio: JFK_FLAC }] })) as unknown).toMatchObject({
        ok: false,
        error: { code: 'path_not_granted' },
      });
      expect((await call('projects:open', { projectDir: path })) as unknown).toMatchObject({
        ok: false,
        error: { code: 'project_outside_root' },
      });
      expect((await call('generations:list', { projectDir: path })) as unknown).toMatchObject({
        ok: false,
        error: { code: 'project_not_open' },
      });
    }
    for (const file of ['../../../etc/passwd', '/etc/passwd', '..\\..\\secret']) {
      const result = await call('inputs:peaks', { projectDir: dir, file, buckets: 100 });
      expect(result.ok).toBe(false);
    }
    // The projects folder cannot be pointed anywhere from the window; only reset.
    expect((await call('settings:update', { projectsRoot: '/' })) as unknown).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('settings:update', { projectsRoot: null })).toMatchObject({ ok: true });
    await backend.settings.update({ projectsRoot: join(temp.path, 'projects') });
  });

  it('refuses __proto__ keys, and nothing reaches Object.prototype', async () => {
    for (const channel of channelNames) {
      const base = (bases[channel] ?? {}) as Record<string, unknown>;
      const hostile = JSON.parse(`{"__proto__": {"polluted": "yes"}, ${JSON.stringify(base).slice(1)}`.replace(/, \}$/, '}')) as unknown;
      const result = await call(channel, hostile);
      expect(result.ok, channel).toBe(false);
      const nested = JSON.parse(`{"projectDir": ${JSON.stringify(dir)}, "settings": {"__proto__": {"polluted": "yes"}}}`) as unknown;
      await call(channel, nested);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('keeps answering: a split plan for an end a window made up is refused at once', async () => {
    const [huge, plain] = await Promise.all([
      call('inputs:splitPlan', { projectDir: dir, file: audio, startSec: 0, endSec: 86_000 }),
      call('settings:get', undefined),
    ]);
    expect(huge).toMatchObject({ ok: false, error: { code: 'trim_invalid' } });
    expect(plain.ok).toBe(true);
  });
});
