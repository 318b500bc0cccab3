/**
 * Media made on demand for the media tests, with the system's ffmpeg and espeak-ng:
 * tones, speech, silence, rotated and transparent pictures, a 40-megapixel photo, a
 * 5-minute recording and short takes. Each is made once per fixture folder (lazily,
 * the first time a test asks) and reused. The only committed media are the two real
 * files in tests/fixtures/media.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import { createMediaToolkit, type MediaToolkit } from '../../electron/core/media/index.ts';
import { MONALISA_JPG } from './fixture-paths.ts';

const run = promisify(execFile);

export async function ffmpeg(...args: string[]): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], { maxBuffer: 64 * 1024 * 1024 });
}

/** Audio codec and container options for each extension a fixture may be written as. */
const AUDIO_CODECS: Record<string, string[]> = {
  wav: ['-c:a', 'pcm_s16le'],
  mp3: ['-c:a', 'libmp3lame', '-b:a', '128k'],
  m4a: ['-c:a', 'aac', '-b:a', '128k'],
  flac: ['-c:a', 'flac'],
  ogg: ['-c:a', 'libvorbis', '-q:a', '4'],
  opus: ['-c:a', 'libopus', '-b:a', '64k'],
};

export interface ToneOptions {
  seconds: number;
  frequency?: number;
  rate?: number;
  channels?: 1 | 2;
  ext?: keyof typeof AUDIO_CODECS;
  /** Linear amplitude, 0…1. */
  amplitude?: number;
}

export class MediaFixtures {
  readonly dir: string;
  readonly #made = new Map<string, Promise<string>>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Makes `name` once with `make`, then hands back the same path. */
  once(name: string, make: (file: string) => Promise<void>): Promise<string> {
    let made = this.#made.get(name);
    if (!made) {
      const file = join(this.dir, name);
      made = make(file).then(() => file);
      this.#made.set(name, made);
    }
    return made;
  }

  tone(options: ToneOptions): Promise<string> {
    const { seconds, frequency = 440, rate = 44100, channels = 2, ext = 'wav', amplitude = 0.5 } = options;
    const name = `tone ${frequency}Hz ${seconds}s ${rate} ${channels}ch a${amplitude}.${ext}`;
    return this.once(name, (file) =>
      ffmpeg(
        '-f',
        'lavfi',
        '-i',
        `aevalsrc=${amplitude}*sin(${frequency}*2*PI*t):s=${rate}:d=${seconds}`,
        '-ac',
        String(channels),
        ...(AUDIO_CODECS[ext] ?? []),
        file,
      ),
    );
  }

  silence(seconds: number, ext: keyof typeof AUDIO_CODECS = 'wav'): Promise<string> {
    return this.once(`silence ${seconds}s.${ext}`, (file) =>
      ffmpeg('-f', 'lavfi', '-i', `anullsrc=r=44100:cl=stereo:d=${seconds}`, '-t', String(seconds), ...(AUDIO_CODECS[ext] ?? []), file),
    );
  }

  /** espeak-ng speech with `padBefore` / `padAfter` seconds of silence around it. */
  speech(options: { text?: string; padBefore?: number; padAfter?: number; ext?: keyof typeof AUDIO_CODECS } = {}): Promise<string> {
    const { text = 'Hello. This portrait is about to speak, one word after another.', padBefore = 0, padAfter = 0, ext = 'wav' } = options;
    const key = `${text.length} ${padBefore} ${padAfter}`;
    return this.once(`speech ${key}.${ext}`, async (file) => {
      const raw = `${file}.espeak.wav`;
      await run('espeak-ng', ['-w', raw, text]);
      const delayMs = Math.round(padBefore * 1000);
      await ffmpeg('-i', raw, '-af', `adelay=${delayMs}:all=1,apad=pad_dur=${padAfter}`, ...(AUDIO_CODECS[ext] ?? []), file);
    });
  }

  /** Five minutes of a voice-like tone as mp3: long enough to be refused, to be trimmed, and to draw. */
  longAudio(): Promise<string> {
    return this.once('five minutes.mp3', (file) =>
      ffmpeg('-f', 'lavfi', '-i', 'aevalsrc=0.5*sin(220*2*PI*t)*(0.6+0.4*sin(2*PI*t)):s=44100:d=300', ...(AUDIO_CODECS.mp3 ?? []), file),
    );
  }

  /** A 40-megapixel JPEG (7744×5164), as from a modern camera. */
  largePhoto(): Promise<string> {
    return this.once('camera 40MP.jpg', (file) => ffmpeg('-f', 'lavfi', '-i', 'testsrc2=s=7744x5164', '-frames:v', '1', '-q:v', '4', file));
  }

  /**
   * A 400×300 JPEG with a red top-left quarter, a green top-right and blue below,
   * stored with EXIF `orientation` — as a phone does instead of turning the pixels.
   */
  orientedJpeg(orientation: number): Promise<string> {
    return this.once(`oriented ${orientation}.jpg`, async (file) => {
      const plain = `${file}.plain.jpg`;
      await ffmpeg(
        '-f',
        'lavfi',
        '-i',
        'color=c=blue:s=400x300',
        '-f',
        'lavfi',
        '-i',
        'color=c=red:s=200x150',
        '-f',
        'lavfi',
        '-i',
        'color=c=lime:s=200x150',
        '-filter_complex',
        '[0][1]overlay=0:0[a];[a][2]overlay=200:0',
        '-frames:v',
        '1',
        '-q:v',
        '2',
        plain,
      );
      await writeFile(file, withExifOrientation(await readFile(plain), orientation));
    });
  }

  /** A 320×320 PNG, transparent but for an opaque red square in the middle. */
  alphaPng(): Promise<string> {
    return this.once('cut-out.png', (file) =>
      ffmpeg(
        '-f',
        'lavfi',
        '-i',
        'color=c=black@0.0:s=320x320,format=rgba',
        '-f',
        'lavfi',
        '-i',
        'color=c=red:s=160x160,format=rgba',
        '-filter_complex',
        '[0][1]overlay=80:80:format=rgb,format=rgba',
        '-frames:v',
        '1',
        file,
      ),
    );
  }

  image(name: string, size: string, extra: string[] = []): Promise<string> {
    return this.once(name, (file) => ffmpeg('-f', 'lavfi', '-i', `testsrc2=s=${size}`, '-frames:v', '1', ...extra, file));
  }

  /** A still-portrait talking-head take (H.264/AAC MP4) over `audio`, like the ones Aurora returns. */
  take(name: string, audio: string, options: { size?: string; extra?: string[] } = {}): Promise<string> {
    const { size = '320x320', extra = [] } = options;
    return this.once(name, (file) =>
      ffmpeg(
        '-loop',
        '1',
        '-framerate',
        '25',
        '-i',
        MONALISA_JPG,
        '-i',
        audio,
        '-vf',
        `scale=${size},format=yuv420p`,
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-tune',
        'stillimage',
        '-c:a',
        'aac',
        '-b:a',
        '96k',
        '-shortest',
        ...extra,
        file,
      ),
    );
  }

  /** A copy of `source` under another name (renamed files are how many bad inputs arrive). */
  copyAs(source: string, name: string): Promise<string> {
    return this.once(name, (file) => copyFile(source, file));
  }

  write(name: string, content: string | Uint8Array): Promise<string> {
    return this.once(name, (file) => writeFile(file, content));
  }

  /** The first `share` of `source`'s bytes: a download or copy that stopped early. */
  truncated(source: string, name: string, share: number): Promise<string> {
    return this.once(name, async (file) => {
      const bytes = await readFile(source);
      await writeFile(file, bytes.subarray(0, Math.floor(bytes.length * share)));
    });
  }
}

export interface MediaSandbox {
  /** The test file's own folder (its name has spaces), removed after the file's tests. */
  readonly dir: string;
  /** The toolkit's scratch folder: empty whenever no job runs. */
  readonly scratch: string;
  readonly fx: MediaFixtures;
  readonly media: MediaToolkit;
  /** A path `out/<name>/<name>` in a folder of its own, to see what else a job leaves there. */
  out: (name: string) => Promise<string>;
}

/**
 * Per test file: a folder, fixtures made in it on demand, and a toolkit on the
 * system's ffmpeg. The folder is made when the file is collected, so the values
 * can be destructured at the top of a describe block.
 */
export function useMediaSandbox(): MediaSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'avatar studio media '));
  const scratch = join(dir, 'scratch');
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return {
    dir,
    scratch,
    fx: new MediaFixtures(dir),
    media: createMediaToolkit({ env: process.env, tempDir: scratch }),
    async out(name) {
      const folder = join(dir, 'out', name);
      await mkdir(folder, { recursive: true });
      return join(folder, name);
    },
  };
}

/**
 * An environment in which ffmpeg exists but ffprobe does not (as with some ffmpeg
 * packages): a folder holding only a link to `ffmpeg`, as the only PATH entry.
 */
export async function envWithoutFfprobe(dir: string, ffmpegPath: string): Promise<Record<string, string>> {
  const bin = join(dir, 'only ffmpeg');
  await mkdir(bin, { recursive: true });
  await symlink(ffmpegPath, join(bin, 'ffmpeg')).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return { PATH: bin };
}

/** A JPEG with an EXIF APP1 segment (big-endian TIFF, one IFD entry: Orientation) after its SOI marker. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // one value
  tiff.writeUInt16BE(orientation, 18); // left-aligned in the 4-byte value field
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

export interface RgbImage {
  width: number;
  height: number;
  data: Buffer;
}

/** Decodes a picture to raw RGB (no EXIF rotation: the pixels as stored). */
export async function readRgb(file: string, width: number, height: number): Promise<RgbImage> {
  const { stdout } = await run(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-noautorotate', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
  );
  return { width, height, data: stdout };
}

export function pixel(image: RgbImage, x: number, y: number): [number, number, number] {
  const at = (y * image.width + x) * 3;
  return [image.data[at] ?? 0, image.data[at + 1] ?? 0, image.data[at + 2] ?? 0];
}

/** Decodes audio to mono float samples at its own rate. */
export async function readSamples(file: string): Promise<Float32Array> {
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', file, '-ac', '1', '-f', 'f32le', 'pipe:1'], {
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  // A copy starts at offset 0 of its own buffer, as a Float32Array view needs.
  return new Float32Array(new Uint8Array(stdout).buffer);
}

/** Integrated loudness (LUFS) as ffmpeg's ebur128 filter measures it. */
export async function integratedLoudness(file: string): Promise<number> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', file, '-af', 'ebur128', '-f', 'null', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const match = /I:\s+(-?[\d.]+) LUFS/.exec(summary);
  if (!match?.[1]) throw new Error('no loudness in ffmpeg output');
  return Number(match[1]);
}
