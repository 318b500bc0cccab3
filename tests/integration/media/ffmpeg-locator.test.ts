import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath, locateFfmpeg, runsFromAsar } from '../../../electron/core/media/ffmpeg-locator.ts';
import { createMediaToolkit } from '../../../electron/core/media/index.ts';
import { JFK_FLAC } from '../../support/fixture-paths.ts';
import { envWithoutFfprobe } from '../../support/media-fixtures.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

// The machine's own ffmpeg and ffprobe, found the way a person's shell would.
const SYSTEM_FFMPEG = (await findOnPath('ffmpeg', process.env, process.platform)) ?? 'ffmpeg';
const SYSTEM_FFPROBE = (await findOnPath('ffprobe', process.env, process.platform)) ?? 'ffprobe';
const SYSTEM_BIN = dirname(SYSTEM_FFMPEG);
const noStatic = async () => null;

describe('locateFfmpeg', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let onlyFfmpeg: string;
  beforeAll(async () => {
    dir = await makeTempDir();
    // A folder holding ffmpeg but no ffprobe, under a name with a space.
    onlyFfmpeg = (await envWithoutFfprobe(dir.path, SYSTEM_FFMPEG)).PATH ?? '';
  });
  afterAll(() => dir.cleanup());

  it('finds ffmpeg and ffprobe on PATH', async () => {
    const tools = await locateFfmpeg({ env: { PATH: SYSTEM_BIN }, loadFfmpegStatic: noStatic });
    expect(tools).toMatchObject({ ffmpeg: SYSTEM_FFMPEG, ffmpegSource: 'PATH', ffprobe: SYSTEM_FFPROBE, ffprobeSource: 'beside ffmpeg' });
    expect(tools.version).toMatch(/^ffmpeg version /);
  });

  it('in a packaged build, tries the ffmpeg shipped beside the archive first', async () => {
    const packaged = await locateFfmpeg({
      env: { FFMPEG_PATH: join(onlyFfmpeg, 'ffmpeg'), PATH: SYSTEM_BIN },
      loadFfmpegStatic: async () => SYSTEM_FFMPEG,
      packaged: true,
    });
    expect(packaged).toMatchObject({ ffmpeg: SYSTEM_FFMPEG, ffmpegSource: 'ffmpeg-static' });
    expect(runsFromAsar('file:///opt/Avatar%20Studio/resources/app.asar/out/main/index.js')).toBe(true);
    expect(runsFromAsar('file:///C:/Program%20Files/Avatar%20Studio/resources/app.asar.unpacked/x.js')).toBe(false);
    expect(runsFromAsar(import.meta.url)).toBe(false);
  });

  it('prefers FFMPEG_PATH, then ffmpeg-static, then PATH', async () => {
    const viaEnv = await locateFfmpeg({
      env: { FFMPEG_PATH: join(onlyFfmpeg, 'ffmpeg'), PATH: SYSTEM_BIN },
      loadFfmpegStatic: async () => SYSTEM_FFMPEG,
    });
    expect(viaEnv).toMatchObject({ ffmpeg: join(onlyFfmpeg, 'ffmpeg'), ffmpegSource: 'FFMPEG_PATH' });
    const viaStatic = await locateFfmpeg({ env: { PATH: '' }, loadFfmpegStatic: async () => SYSTEM_FFMPEG });
    expect(viaStatic).toMatchObject({ ffmpeg: SYSTEM_FFMPEG, ffmpegSource: 'ffmpeg-static' });
  });

  it('falls through a FFMPEG_PATH that does not run', async () => {
    const tools = await locateFfmpeg({
      env: { FFMPEG_PATH: join(dir.path, 'nowhere', 'ffmpeg'), PATH: SYSTEM_BIN },
      loadFfmpegStatic: noStatic,
    });
    expect(tools.ffmpegSource).toBe('PATH');
  });

  it('works without ffprobe, and then probes by reading `ffmpeg -i`', async () => {
    const env = { PATH: onlyFfmpeg };
    const tools = await locateFfmpeg({ env, loadFfmpegStatic: noStatic });
    expect(tools).toMatchObject({ ffmpeg: join(onlyFfmpeg, 'ffmpeg'), ffprobe: null, ffprobeSource: null });
    const info = await createMediaToolkit({ env, loadFfmpegStatic: noStatic }).probe(JFK_FLAC);
    expect(info).toMatchObject({
      via: 'ffmpeg',
      kind: 'audio',
      container: 'flac',
      durationSec: 11,
      audio: { codec: 'flac', sampleRate: 44100, channels: 2 },
    });
  });

  it('takes FFPROBE_PATH when given', async () => {
    const tools = await locateFfmpeg({ env: { PATH: onlyFfmpeg, FFPROBE_PATH: SYSTEM_FFPROBE }, loadFfmpegStatic: noStatic });
    expect(tools).toMatchObject({ ffprobe: SYSTEM_FFPROBE, ffprobeSource: 'FFPROBE_PATH' });
  });

  it('names all three places to put ffmpeg when none works', async () => {
    const attempt = locateFfmpeg({ env: { FFMPEG_PATH: join(dir.path, 'nowhere', 'ffmpeg'), PATH: '' }, loadFfmpegStatic: noStatic });
    await expect(attempt).rejects.toMatchObject({
      code: 'ffmpeg_missing',
      message:
        'Avatar Studio needs ffmpeg to read and convert audio, images and video, and could not find a copy that runs. ' +
        'Set FFMPEG_PATH to the full path of the ffmpeg program, install the ffmpeg-static package (npm install ffmpeg-static), ' +
        'or install ffmpeg so that "ffmpeg" is on your PATH. (Looked for it: FFMPEG_PATH is set but that file does not run as ffmpeg; ' +
        'the ffmpeg-static package is not installed; there is no ffmpeg on PATH.)',
    });
  });

  it('says so when ffmpeg-static is installed but its binary is missing (the real package is absent here)', async () => {
    const attempt = locateFfmpeg({
      env: { PATH: '' },
      loadFfmpegStatic: async () => join(dir.path, 'node_modules', 'ffmpeg-static', 'ffmpeg'),
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'ffmpeg_missing',
      message: expect.stringContaining(
        '(Looked for it: FFMPEG_PATH is not set; the ffmpeg-static package is installed but its binary is missing or does not run; there is no ffmpeg on PATH.)',
      ),
    });
    // Without an override the optional package is imported; it is not installed on this machine.
    await expect(locateFfmpeg({ env: { PATH: '' } })).rejects.toMatchObject({
      message: expect.stringContaining('the ffmpeg-static package is not installed'),
    });
  });

  it('lets the toolkit retry after ffmpeg was missing', async () => {
    const env: Record<string, string> = { PATH: '' };
    const toolkit = createMediaToolkit({ env, loadFfmpegStatic: noStatic });
    await expect(toolkit.probe(JFK_FLAC)).rejects.toMatchObject({ code: 'ffmpeg_missing' });
    env.PATH = SYSTEM_BIN;
    await expect(toolkit.probe(JFK_FLAC)).resolves.toMatchObject({ kind: 'audio' });
  });
});
