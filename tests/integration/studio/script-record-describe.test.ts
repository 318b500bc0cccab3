import { execFile, spawn } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioBackend, type StudioBackend } from '../../../electron/core/app/backend.ts';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { probeDuration } from '../../../electron/core/runware-stand-in/video-maker.ts';
import { voicesInSchema } from '../../../electron/core/runware/voice-catalog.ts';
import { DEFAULT_AURORA_SETTINGS } from '../../../shared/aurora.ts';
import type { ChannelName } from '../../../shared/ipc/contract.ts';
import { speechPriceUSD, ttsModel } from '../../../shared/tts-models.ts';
import { FAST_CADENCE } from '../../support/engine-harness.ts';
import { mountSmallDisk } from '../../support/small-disk.ts';
import { recordingPlatform } from '../../support/recording-platform.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

const run = promisify(execFile);
/**
 * WebM/Opus as a MediaRecorder writes it: a live stream (written to a pipe, so no duration and
 * no cues in its header), which is what main receives chunk by chunk.
 */
async function liveWebm(source: string, file: string): Promise<void> {
  await run('sh', ['-c', `ffmpeg -v error -f lavfi -i '${source}' -c:a libopus -f webm pipe:1 > '${file}'`]);
}
const RECORD_THEN_DIE = join(import.meta.dirname, '../../support/record-then-die.ts');
const TOP = { url: 'app://studio/index.html', isTopFrame: true };
const SCRIPT = 'Hello, and welcome to the studio. This voice was written, not recorded.';

async function backendFor(fake: FakeRunware, dataDir: string, projectsRoot: string): Promise<StudioBackend> {
  const backend = await createStudioBackend({
    appInfo: { name: 'Avatar Studio', version: 'test', platform: 'linux', mediaBase: 'media://' },
    appDataDir: dataDir,
    homeDir: dataDir,
    platform: recordingPlatform().platform,
    emit: () => undefined,
    isAppUrl: (url) => url.startsWith('app://studio/'),
    runwareUrl: fake.url,
    engine: { cadence: FAST_CADENCE },
  });
  await backend.keyStore.set(fake.apiKey);
  await backend.settings.update({ projectsRoot });
  return backend;
}

/** The Script, Record and Describe sources as the window reaches them: through the IPC router. */
describe('voices from scripts and the microphone, portraits from words, through IPC', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let fake: FakeRunware;
  let backend: StudioBackend;
  let dir: string;
  async function call<T>(channel: ChannelName, payload?: unknown): Promise<T> {
    const result = await backend.router.invoke(channel, payload, TOP);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  }
  const spoken = () => fake.requests.filter((r) => r.tasks.some((t) => t.taskType === 'audioInference')).length;

  beforeAll(async () => {
    temp = await makeTempDir('script record describe ');
    fake = await FakeRunware.start({ pollsBeforeSuccess: 1 });
    backend = await backendFor(fake, join(temp.path, 'data'), join(temp.path, 'projects'));
    dir = (await backend.studio.projects.create('Words')).dir;
    await backend.studio.projects.open(dir);
  });
  afterAll(async () => {
    await backend.dispose();
    await fake.close();
    await temp.cleanup();
  });

  it('lists each model’s voices: the table’s whole list, or the schema’s, cached in app data', async () => {
    const listed = await call<{ models: { air: string; voices: string[]; voicesFrom: string }[]; notice: string | null }>('speech:models');
    expect(listed.notice).toBeNull();
    expect(listed.models.find((m) => m.air === 'xai:tts@0')).toMatchObject({
      voices: ['Eve', 'Ara', 'Leo', 'Rex', 'Sal'],
      voicesFrom: 'table',
    });
    const mini = listed.models.find((m) => m.air === 'inworld:tts@1.5-mini');
    expect(mini?.voicesFrom).toBe('schema');
    expect(mini?.voices).toEqual(expect.arrayContaining(['Sarah', 'Olivia', 'Wendy']));
    const cache = JSON.parse(await readFile(join(temp.path, 'data', 'tts-voices.json'), 'utf8')) as { models: Record<string, unknown> };
    expect(Object.keys(cache.models).sort()).toEqual(['inworld:tts@1.5-max', 'inworld:tts@1.5-mini']);
    // Cached: asking again reads no schema.
    const before = fake.requests.filter((r) => r.kind === 'schema').length;
    await call('speech:models');
    expect(fake.requests.filter((r) => r.kind === 'schema').length).toBe(before);
  });

  it('falls back to the table’s voices, saying why, when the schemas cannot be read', async () => {
    const down = await FakeRunware.start({ schemas: 'fail' });
    const other = await backendFor(down, join(temp.path, 'data-2'), join(temp.path, 'projects-2'));
    try {
      const answer = await other.router.invoke('speech:models', undefined, TOP);
      if (!answer.ok) throw new Error(answer.error.message);
      const listed = answer.value as { models: { air: string }[]; notice: string | null };
      expect(listed.notice).toMatch(/voice list for Inworld TTS 1\.5 Mini and Inworld TTS 1\.5 Max could not be read \(HTTP 503\)/);
      expect(listed.notice).toMatch(/only the voices Avatar Studio knows are offered/);
      expect(listed.models.find((m) => m.air === 'inworld:tts@1.5-max')).toMatchObject({
        voices: ['Sarah', 'Mark', 'Ashley'],
        voicesFrom: 'table',
      });
    } finally {
      await other.dispose();
      await down.close();
    }
  });

  it('reads voice enums wherever a schema puts them', () => {
    expect(
      voicesInSchema({
        properties: { speech: { properties: { voice: { oneOf: [{ const: 'A' }, { const: 'B' }] } } } },
        $defs: { speaker: { properties: { voice: { enum: ['B', 'C'] } } } },
        examples: [{ speech: { voice: 'NotAnEnum' } }],
      }),
    ).toEqual(['A', 'B', 'C']);
    expect(voicesInSchema(null)).toEqual([]);
  });

  it('previews a script once: the speech is in the project, priced, and an unchanged preview sends nothing', async () => {
    const first = await call<{
      audio: { file: string; durationSec: number; made?: { costUSD: number | null } };
      costUSD: number;
      reused: boolean;
    }>('speech:preview', { projectDir: dir, text: SCRIPT, model: 'xai:tts@0', voice: 'Rex' });
    expect(first.reused).toBe(false);
    expect(first.costUSD).toBe(speechPriceUSD(SCRIPT, ttsModel('xai:tts@0')));
    expect(first.audio.made).toMatchObject({ kind: 'speech', text: SCRIPT, voice: 'Rex', costUSD: first.costUSD });
    const reference = join(temp.path, 'reference.wav');
    await run('espeak-ng', ['-w', reference, '--', SCRIPT]);
    expect(Math.abs(first.audio.durationSec - ((await probeDuration(reference)) ?? 0))).toBeLessThan(0.15);
    const requests = spoken();
    const again = await call<{ audio: { file: string }; costUSD: number; reused: boolean }>('speech:preview', {
      projectDir: dir,
      text: `  ${SCRIPT} `,
      model: 'xai:tts@0',
      voice: 'Rex',
    });
    expect(again).toMatchObject({ reused: true, costUSD: 0, audio: { file: first.audio.file } });
    expect(spoken()).toBe(requests);
  });

  it('accepts a voice only the schema names, and refuses one nobody names before sending', async () => {
    const olivia = await call<{ audio: { made?: { voice: string } } }>('speech:preview', {
      projectDir: dir,
      text: 'Short and clear.',
      model: 'inworld:tts@1.5-mini',
      voice: 'Olivia',
    });
    expect(olivia.audio.made?.voice).toBe('Olivia');
    const requests = spoken();
    await expect(call('speech:preview', { projectDir: dir, text: 'Hi.', model: 'inworld:tts@1.5-mini', voice: 'Nobody' })).rejects.toThrow(
      /Inworld TTS 1\.5 Mini has no voice “Nobody”\. Choose one of Sarah, Mark, Ashley, Alex/,
    );
    await expect(
      call('speech:preview', { projectDir: dir, text: 'a'.repeat(2001), model: 'inworld:tts@1.5-mini', voice: 'Sarah' }),
    ).rejects.toThrow(/2,001 characters; Inworld TTS 1\.5 Mini takes at most 2,000\. .*Nothing was sent\./);
    expect(spoken()).toBe(requests);
  });

  it('says what to do when there is no key, or no credit, and keeps nothing it did not get', async () => {
    const broke = await FakeRunware.start({ creditsUSD: 0 });
    const other = await backendFor(broke, join(temp.path, 'data-3'), join(temp.path, 'projects-3'));
    try {
      const project = (await other.studio.projects.create('Broke')).dir;
      await other.studio.projects.open(project);
      const ask = async (channel: ChannelName, payload: unknown) => {
        const answer = await other.router.invoke(channel, payload, TOP);
        return answer.ok ? 'answered' : answer.error.message;
      };
      expect(await ask('speech:preview', { projectDir: project, text: SCRIPT, model: 'xai:tts@0', voice: 'Eve' })).toBe(
        'Your Runware balance is too low for this speech. Top up your account at my.runware.ai, then try again.',
      );
      expect(await ask('portraits:describe', { projectDir: project, prompt: 'a calm face', count: 4 })).toBe(
        'Your Runware balance is too low for these portraits. Top up your account at my.runware.ai, then try again.',
      );
      await other.keyStore.remove();
      expect(await ask('speech:preview', { projectDir: project, text: SCRIPT, model: 'xai:tts@0', voice: 'Eve' })).toMatch(
        /Runware API key/,
      );
      expect(await readdir(join(project, 'media'))).toEqual([]);
    } finally {
      await other.dispose();
      await broke.close();
    }
  });

  it('generates from the previewed speech and a described portrait; the record keeps what made them', async () => {
    const speech = await call<{ audio: { file: string; durationSec: number } }>('speech:preview', {
      projectDir: dir,
      text: SCRIPT,
      model: 'xai:tts@0',
      voice: 'Rex',
    });
    const described = await call<{ images: { file: string; width: number; made?: { seed: number | null; costUSD: number | null } }[] }>(
      'portraits:describe',
      { projectDir: dir, prompt: 'head and shoulders, mouth closed, plain background', count: 4 },
    );
    expect(described.images).toHaveLength(4);
    expect(new Set(described.images.map((i) => i.made?.seed)).size).toBe(4);
    expect(described.images.every((i) => i.width === 1024 && (i.made?.costUSD ?? 0) > 0)).toBe(true);
    const portrait = described.images[2];
    if (!portrait) throw new Error('no portrait');
    const summary = await call<{ id: string }>('generations:create', {
      projectDir: dir,
      image: portrait.file,
      audio: speech.audio.file,
      startSec: 0.5,
      endSec: Math.round(speech.audio.durationSec * 100) / 100,
      settings: DEFAULT_AURORA_SETTINGS,
      normalizeLoudness: false,
    });
    const [status] = await backend.studio.generations.settle(dir, [summary.id]);
    expect(status?.record?.state).toBe('done');
    expect(status?.record?.made).toMatchObject({
      speech: { text: SCRIPT, model: 'xai:tts@0', voice: 'Rex', costUSD: speechPriceUSD(SCRIPT, ttsModel('xai:tts@0')), reused: true },
      portrait: { prompt: 'head and shoulders, mouth closed, plain background', seed: portrait.made?.seed, reused: true },
    });
    // The trimmed speech is what went to Aurora: billed seconds follow the selection, not the file.
    expect(status?.record?.billedSeconds).toBe(Math.ceil(speech.audio.durationSec - 0.5));
  });

  it('keeps a recording as it arrives, and makes it a WAV of the recorded length when it stops', async () => {
    // A real 2.5 s WebM/Opus take, sent in the small pieces a MediaRecorder would send.
    const source = join(temp.path, 'take.webm');
    await liveWebm('sine=frequency=330:duration=2.5', source);
    const bytes = new Uint8Array(await readFile(source));
    const { id, file } = await call<{ id: string; file: string }>('recordings:start', {
      projectDir: dir,
      mimeType: 'audio/webm;codecs=opus',
    });
    expect(file).toMatch(/^recordings\/Recording \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.webm$/);
    const half = Math.floor(bytes.byteLength / 2);
    await call('recordings:append', { id, bytes: bytes.subarray(0, half) });
    // What arrived is on disk already: a crash now would keep it.
    expect((await stat(join(dir, file))).size).toBe(half);
    for (let at = half; at < bytes.byteLength; at += 4096) await call('recordings:append', { id, bytes: bytes.subarray(at, at + 4096) });
    const audio = await call<{ file: string; name: string; durationSec: number }>('recordings:finish', { id });
    expect(audio.durationSec).toBeGreaterThan(2.4);
    expect(audio.durationSec).toBeLessThan(2.6);
    expect(audio.name).toMatch(/^Recording .*\.wav$/);
    expect(await readdir(join(dir, 'recordings'))).toEqual([file.replace('recordings/', '').replace(/\.webm$/, '.wav')]);
    await expect(call('recordings:append', { id, bytes: new Uint8Array([1]) })).rejects.toThrow(/already stopped/);
  });

  it('keeps what was recorded when the process dies mid-take (SIGKILL), and offers it back', async () => {
    const source = join(temp.path, 'long-take.webm');
    await liveWebm('sine=frequency=220:duration=4', source);
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', RECORD_THEN_DIE, dir, source, '0.6'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const said = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the recorder exited (${code}) before recording`)));
    });
    const sent = JSON.parse(said) as { file: string; bytes: number };
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    // Everything sent before the crash is on disk, where the person can find it.
    expect((await stat(join(dir, sent.file))).size).toBe(sent.bytes);
    const unfinished = await call<{ file: string; bytes: number }[]>('recordings:unfinished', { projectDir: dir });
    expect(unfinished).toEqual([sent]);
    const kept = await call<{ file: string; durationSec: number }>('recordings:recover', { projectDir: dir, file: sent.file });
    // About 60 % of the 4 s take: what arrived, up to its last whole block.
    expect(kept.durationSec).toBeGreaterThan(1.8);
    expect(kept.durationSec).toBeLessThan(3.2);
    expect(await call('recordings:unfinished', { projectDir: dir })).toEqual([]);
    await expect(call('recordings:recover', { projectDir: dir, file: sent.file })).rejects.toThrow(/no longer in the recordings folder/);
  });

  it('a disk that fills mid-take says which folder and how much to free, and keeps what was written', async (ctx) => {
    const disk = await mountSmallDisk(join(temp.path, 'small disk'), 2);
    if ('skip' in disk) return ctx.skip(disk.skip);
    const other = await backendFor(fake, join(temp.path, 'data-4'), disk.dir);
    try {
      const project = (await other.studio.projects.create('Full')).dir;
      await other.studio.projects.open(project);
      const ask = (channel: ChannelName, payload: unknown) => other.router.invoke(channel, payload, TOP);
      const started = await ask('recordings:start', { projectDir: project, mimeType: 'audio/webm' });
      if (!started.ok) throw new Error(started.error.message);
      const { id, file } = started.value as { id: string; file: string };
      await disk.fill(64 * 1024);
      let kept = 0;
      let refusal = '';
      for (let i = 0; i < 20 && !refusal; i += 1) {
        const answer = await ask('recordings:append', { id, bytes: new Uint8Array(16 * 1024).fill(i) });
        if (answer.ok) kept += 16 * 1024;
        else refusal = answer.error.message;
      }
      expect(refusal).toMatch(/^The recordings folder “.*recordings” is full: free about \d+ MB, then record again\.$/);
      // Every piece written before the disk filled is still there.
      expect((await stat(join(project, file))).size).toBeGreaterThanOrEqual(kept);
      expect(kept).toBeGreaterThan(0);
    } finally {
      await other.dispose();
      await disk.free();
      await disk.unmount();
    }
  });

  it('refuses an empty take and a format it cannot keep, in words', async () => {
    const { id } = await call<{ id: string }>('recordings:start', { projectDir: dir, mimeType: 'audio/webm' });
    await expect(call('recordings:finish', { id })).rejects.toThrow(/Nothing was recorded: the microphone sent no sound/);
    await expect(call('recordings:start', { projectDir: dir, mimeType: 'video/x-matroska' })).rejects.toThrow(
      /Recordings in “video\/x-matroska” cannot be kept/,
    );
  });
});
