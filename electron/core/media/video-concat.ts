import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { MediaProgress } from './ffmpeg-progress.ts';
import { audioDurationSec, inputArgs, type MediaInfo } from './media-info.ts';
import { probeMedia } from './probe.ts';
import { runFfmpeg, type MediaContext } from './run-ffmpeg.ts';
import { fileSize, withTempDir, writeBeside } from './temp-files.ts';

export interface ConcatTakesOptions {
  /** Takes in playing order. */
  inputs: string[];
  /** One audio track for the whole result (the full original), replacing the takes' own sound. */
  audio?: string;
  /** An MP4 file. */
  outFile: string;
  signal?: AbortSignal;
  onProgress?: (progress: MediaProgress) => void;
}

export interface ConcatenatedTakes {
  file: string;
  durationSec: number | null;
  bytes: number;
  /** True when the pictures were joined without re-encoding. */
  copied: boolean;
}

const JOINED_RATE = 48000;

/**
 * Joins takes one after another into one MP4. Takes made with the same settings are
 * joined by copying (no loss, seconds for minutes of video); takes that differ in
 * codec or size are re-encoded to the first one's size.
 */
export async function concatTakes(ctx: MediaContext, options: ConcatTakesOptions): Promise<ConcatenatedTakes> {
  if (options.inputs.length === 0) throw new AppError('invalid_input', 'There are no takes to join: choose at least one.');
  const takes: MediaInfo[] = [];
  for (const input of options.inputs) takes.push(await probeMedia(ctx, input, { expect: 'video', signal: options.signal }));
  const audio = options.audio ? await probeMedia(ctx, options.audio, { expect: 'audio', signal: options.signal }) : null;
  const totalSec = takes.reduce((sum, t) => sum + (t.durationSec ?? 0), 0) || null;
  const copied = canCopy(takes, audio !== null);
  const length = audio ? audioDurationSec(audio) : null;
  const outFile = resolve(options.outFile);

  await writeBeside(outFile, (part) =>
    withTempDir(ctx.tempDir, async (dir) => {
      const args = copied ? await copyArgs(dir, takes, audio) : encodeArgs(takes, audio);
      // With one continuous soundtrack the result lasts exactly as long as it: parts whose
      // videos run a frame long must not stretch the whole (players would show drift).
      const limit = length !== null ? ['-t', length.toFixed(3)] : [];
      await runFfmpeg(ctx, {
        args: [...args, ...limit, '-movflags', '+faststart', '-f', 'mp4', part],
        subject: takes[0]?.file ?? outFile,
        action: 'joining the takes after',
        signal: options.signal,
        onProgress: options.onProgress,
        totalSec,
      });
    }),
  );
  return { file: outFile, durationSec: length ?? totalSec, bytes: await fileSize(outFile), copied };
}

/** The concat demuxer copies packets, which needs the same codecs and sizes throughout. */
function canCopy(takes: readonly MediaInfo[], ownAudio: boolean): boolean {
  const first = takes[0];
  if (!first?.video || first.video.codec !== 'h264') return false;
  const sameVideo = takes.every(
    (t) => t.video?.codec === first.video?.codec && t.video?.width === first.video?.width && t.video?.height === first.video?.height,
  );
  const sameAudio =
    ownAudio ||
    takes.every(
      (t) => t.audio?.codec === 'aac' && t.audio.sampleRate === first.audio?.sampleRate && t.audio.channels === first.audio?.channels,
    );
  return sameVideo && sameAudio;
}

async function copyArgs(dir: string, takes: readonly MediaInfo[], audio: MediaInfo | null): Promise<string[]> {
  const list = join(dir, 'takes.txt');
  // The list format quotes with ' and escapes a quote as '\''; names are otherwise taken literally.
  await writeFile(list, takes.map((t) => `file '${t.file.replace(/'/g, "'\\''")}'\n`).join(''), 'utf8');
  const sound = audio ? ['-map', `1:${audio.audio?.index ?? 'a:0'}`, '-c:a', 'aac', '-b:a', '256k'] : ['-map', '0:a?', '-c:a', 'copy'];
  return ['-f', 'concat', '-safe', '0', '-i', list, ...(audio ? inputArgs(audio) : []), '-map', '0:v', '-c:v', 'copy', ...sound];
}

/** Scales and pads every take to the first one's size and frame rate, then joins them with the concat filter. */
function encodeArgs(takes: readonly MediaInfo[], audio: MediaInfo | null): string[] {
  const first = takes[0]?.video;
  const width = even(first?.displayWidth ?? 1280);
  const height = even(first?.displayHeight ?? 720);
  const fps = first?.frameRate ?? 25;
  const parts: string[] = [];
  const joined: string[] = [];
  takes.forEach((take, i) => {
    parts.push(
      `[${i}:${take.video?.index ?? 'v:0'}]scale=${width}:${height}:force_original_aspect_ratio=decrease,` +
        `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=${fps},format=yuv420p[v${i}]`,
    );
    joined.push(`[v${i}]`);
    if (!audio) {
      // A take without sound contributes silence of its own length, so later takes stay in sync.
      parts.push(
        take.audio
          ? `[${i}:${take.audio.index}]aformat=sample_rates=${JOINED_RATE}:channel_layouts=stereo[a${i}]`
          : `anullsrc=r=${JOINED_RATE}:cl=stereo,atrim=duration=${take.durationSec ?? 0}[a${i}]`,
      );
      joined.push(`[a${i}]`);
    }
  });
  const concat = `${joined.join('')}concat=n=${takes.length}:v=1:a=${audio ? 0 : 1}${audio ? '[v]' : '[v][a]'}`;
  const audioIndex = takes.length;
  return [
    ...takes.flatMap((t) => inputArgs(t)),
    ...(audio ? inputArgs(audio) : []),
    '-filter_complex',
    [...parts, concat].join(';'),
    '-map',
    '[v]',
    '-map',
    audio ? `${audioIndex}:${audio.audio?.index ?? 'a:0'}` : '[a]',
    '-c:v',
    'libx264',
    '-preset',
    'medium',
    '-crf',
    '18',
    '-c:a',
    'aac',
    '-b:a',
    audio ? '256k' : '192k',
  ];
}

function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}
