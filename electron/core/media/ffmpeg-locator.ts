import { spawn } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import { delimiter, dirname, extname, join } from 'node:path';
import { MediaError } from './media-error.ts';
import { toolEnv } from './tool-env.ts';

export type Env = Record<string, string | undefined>;

export type FfmpegSource = 'FFMPEG_PATH' | 'ffmpeg-static' | 'PATH';
export type FfprobeSource = 'FFPROBE_PATH' | 'beside ffmpeg' | 'PATH';

/** The programs the pipeline runs, found once and then passed around. */
export interface FfmpegTools {
  ffmpeg: string;
  ffmpegSource: FfmpegSource;
  /** The first line of `ffmpeg -version`, for diagnostics. */
  version: string;
  /** Null when no ffprobe works: probing then reads `ffmpeg -i` instead. */
  ffprobe: string | null;
  ffprobeSource: FfprobeSource | null;
}

export interface LocateOptions {
  env: Env;
  /**
   * Where the optional ffmpeg-static package keeps its binary, or null when it is
   * not installed. Defaults to importing the package; a packaged app or a test can
   * answer for it.
   */
  loadFfmpegStatic?: () => Promise<string | null>;
  platform?: NodeJS.Platform;
  /**
   * Running from a packaged app (its code inside app.asar): the ffmpeg shipped with it, the
   * one that release was tested with, is tried first. Detected when not given.
   */
  packaged?: boolean;
}

/** True when this code runs from inside an app.asar archive, i.e. from a packaged build. */
export function runsFromAsar(url: string = import.meta.url): boolean {
  return /[\\/]app\.asar[\\/]/.test(decodeURIComponent(url));
}

const VERSION_TIMEOUT_MS = 10_000;

/**
 * Finds ffmpeg in the documented order — `FFMPEG_PATH`, then the ffmpeg-static
 * package, then `ffmpeg` on PATH — taking the first that actually runs, so a stale
 * setting falls through to a working copy instead of failing later mid-job.
 */
export async function locateFfmpeg(options: LocateOptions): Promise<FfmpegTools> {
  const platform = options.platform ?? process.platform;
  const notes: string[] = [];

  const candidates: { source: FfmpegSource; find: () => Promise<string | null>; absent: string }[] = [
    { source: 'FFMPEG_PATH', find: () => Promise.resolve(nonEmpty(options.env.FFMPEG_PATH)), absent: 'FFMPEG_PATH is not set' },
    {
      source: 'ffmpeg-static',
      find: () => (options.loadFfmpegStatic ?? importFfmpegStatic)(),
      absent: 'the ffmpeg-static package is not installed',
    },
    { source: 'PATH', find: () => findOnPath('ffmpeg', options.env, platform), absent: 'there is no ffmpeg on PATH' },
  ];

  // A packaged build tries the ffmpeg unpacked beside its archive before anything else.
  if (options.packaged ?? runsFromAsar()) candidates.unshift(...candidates.splice(1, 1));
  for (const candidate of candidates) {
    const path = await candidate.find().catch(() => null);
    if (!path) {
      notes.push(candidate.absent);
      continue;
    }
    const version = await versionOf(path, 'ffmpeg', options.env);
    if (version) {
      const probe = await locateFfprobe(path, options.env, platform);
      return { ffmpeg: path, ffmpegSource: candidate.source, version, ...probe };
    }
    notes.push(brokenNote(candidate.source));
  }
  throw new MediaError(
    'ffmpeg_missing',
    'Avatar Studio needs ffmpeg to read and convert audio, images and video, and could not find a copy that runs. ' +
      'Set FFMPEG_PATH to the full path of the ffmpeg program, install the ffmpeg-static package ' +
      '(npm install ffmpeg-static), or install ffmpeg so that "ffmpeg" is on your PATH. ' +
      `(Looked for it: ${notes.join('; ')}.)`,
    { reason: notes.join('; ') },
  );
}

function brokenNote(source: FfmpegSource): string {
  switch (source) {
    case 'FFMPEG_PATH':
      return 'FFMPEG_PATH is set but that file does not run as ffmpeg';
    case 'ffmpeg-static':
      return 'the ffmpeg-static package is installed but its binary is missing or does not run';
    case 'PATH':
      return 'the ffmpeg found on PATH does not run';
  }
}

/**
 * ffprobe is optional: `FFPROBE_PATH`, then the ffprobe that sits beside the chosen
 * ffmpeg (same build), then PATH.
 */
async function locateFfprobe(
  ffmpeg: string,
  env: Env,
  platform: NodeJS.Platform,
): Promise<{ ffprobe: string | null; ffprobeSource: FfprobeSource | null }> {
  const beside = join(dirname(ffmpeg), `ffprobe${extname(ffmpeg)}`);
  const candidates: [FfprobeSource, () => Promise<string | null>][] = [
    ['FFPROBE_PATH', () => Promise.resolve(nonEmpty(env.FFPROBE_PATH))],
    ['beside ffmpeg', async () => ((await isExecutable(beside, platform)) ? beside : null)],
    ['PATH', () => findOnPath('ffprobe', env, platform)],
  ];
  for (const [source, find] of candidates) {
    const path = await find();
    if (path && (await versionOf(path, 'ffprobe', env))) return { ffprobe: path, ffprobeSource: source };
  }
  return { ffprobe: null, ffprobeSource: null };
}

function nonEmpty(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value.trim() : null;
}

/**
 * The optional package is imported by a computed name so that neither the
 * compiler nor the bundler insists on it being installed.
 */
async function importFfmpegStatic(): Promise<string | null> {
  const name = 'ffmpeg-static';
  try {
    const mod = (await import(name)) as { default?: unknown };
    if (typeof mod.default !== 'string') return null;
    // Inside a packaged app the binary is unpacked beside the archive; the archive copy cannot run.
    return mod.default.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  } catch {
    return null;
  }
}

/** Like `which`: the first executable `name` in the PATH of `env` (PATHEXT on Windows). */
export async function findOnPath(name: string, env: Env, platform: NodeJS.Platform): Promise<string | null> {
  const pathValue = envValue(env, 'PATH', platform) ?? '';
  const extensions = platform === 'win32' ? (envValue(env, 'PATHEXT', platform) ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean) : [''];
  const separator = platform === 'win32' ? ';' : delimiter;
  for (const dir of pathValue.split(separator)) {
    if (dir === '') continue;
    for (const ext of extensions) {
      const candidate = join(dir, name + ext.toLowerCase());
      if (await isExecutable(candidate, platform)) return candidate;
    }
  }
  return null;
}

/** Windows spells it `Path`, and its environment is case-insensitive. */
function envValue(env: Env, key: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[key];
  const found = Object.keys(env).find((k) => k.toUpperCase() === key);
  return found === undefined ? undefined : env[found];
}

async function isExecutable(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    if (platform !== 'win32') await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first line of `<binary> -version` when it looks like the named tool, else null. */
export function versionOf(binary: string, tool: 'ffmpeg' | 'ffprobe', env: Env): Promise<string | null> {
  return new Promise((resolve) => {
    let out = '';
    let child;
    try {
      child = spawn(binary, ['-version'], { env: toolEnv(env), stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    } catch {
      resolve(null);
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), VERSION_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (out.length < 4096) out += chunk;
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const first = out.split(/\r?\n/, 1)[0] ?? '';
      resolve(code === 0 && first.startsWith(`${tool} version`) ? first : null);
    });
  });
}
