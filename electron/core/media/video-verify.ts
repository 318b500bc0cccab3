import { basename } from 'node:path';
import type { MediaProgress } from './ffmpeg-progress.ts';
import { inputArgs, type MediaInfo } from './media-info.ts';
import { formatSeconds, isMediaError, MediaError, quoted } from './media-error.ts';
import { probeMedia } from './probe.ts';
import { lastReason, runFfmpeg, type MediaContext } from './run-ffmpeg.ts';

/** A take's length follows the audio sent; further apart than this, the file is incomplete. */
export const TAKE_DURATION_TOLERANCE_SEC = 0.5;

export interface VerifyTakeOptions {
  file: string;
  /** Length of the audio that was sent. */
  expectedDurationSec: number;
  signal?: AbortSignal;
  onProgress?: (progress: MediaProgress) => void;
}

export interface VerifiedTake {
  file: string;
  /** The container's length. */
  durationSec: number;
  /** How far the decoder got: the length of what actually plays. */
  decodedSec: number;
  width: number;
  height: number;
  videoCodec: string | null;
  audioCodec: string | null;
}

/**
 * Checks a downloaded take before it is kept: a video ffmpeg decodes from start to
 * end without errors, lasting as long as the audio that was sent (±0.5 s). Any
 * failure is `video_invalid`, with `details.reason` saying which check failed.
 */
export async function verifyTake(ctx: MediaContext, options: VerifyTakeOptions): Promise<VerifiedTake> {
  const info = await probeTake(ctx, options);
  const video = info.video;
  if (!video) throw invalid(info.file, 'no_video', `The take ${quoted(info.file)} holds no picture. Download it again.`);

  const errors: string[] = [];
  let decodedSec = 0;
  await runFfmpeg(ctx, {
    args: [...inputArgs(info), '-map', `0:${video.index}`, ...(info.audio ? ['-map', `0:${info.audio.index}`] : []), '-f', 'null', '-'],
    subject: info.file,
    action: 'checking the take',
    signal: options.signal,
    totalSec: info.durationSec,
    onProgress: (p) => {
      decodedSec = Math.max(decodedSec, p.outTimeSec);
      options.onProgress?.(p);
    },
    onStderrLine: (line) => errors.push(line),
  }).catch((error: unknown) => {
    if (isMediaError(error, 'ffmpeg_failed')) errors.push(...(error.details.stderrTail ?? []));
    else throw error;
  });
  if (errors.length > 0) {
    const reason = lastReason(errors, info.file);
    throw invalid(
      info.file,
      'decode_errors',
      `The take ${quoted(info.file)} is damaged: ffmpeg found errors while decoding it${reason ? ` (${reason})` : ''}. Download it again.`,
    );
  }
  const durationSec = info.durationSec ?? decodedSec;
  const expected = options.expectedDurationSec;
  const off = (sec: number) => Math.abs(sec - expected);
  // The container may promise the full length while the data stops early, or the reverse: judge by the worse.
  const furthest = off(decodedSec) > off(durationSec) ? decodedSec : durationSec;
  if (Math.abs(furthest - expected) > TAKE_DURATION_TOLERANCE_SEC) {
    throw invalid(
      info.file,
      'duration_mismatch',
      `The take ${quoted(info.file)} lasts ${formatSeconds(furthest)}, but the audio sent was ${formatSeconds(expected)} ` +
        `(more than ${TAKE_DURATION_TOLERANCE_SEC} s apart), so it is probably incomplete. Download it again.`,
      furthest,
    );
  }
  return {
    file: info.file,
    durationSec,
    decodedSec,
    width: video.displayWidth,
    height: video.displayHeight,
    videoCodec: video.codec,
    audioCodec: info.audio?.codec ?? null,
  };
}

/** Probe failures of a take all mean one thing to the caller: this download is not usable. */
async function probeTake(ctx: MediaContext, options: VerifyTakeOptions): Promise<MediaInfo> {
  try {
    return await probeMedia(ctx, options.file, { expect: 'video', signal: options.signal });
  } catch (error) {
    if (!isMediaError(error) || error.code === 'media_canceled' || error.code === 'ffmpeg_missing') throw error;
    const name = quoted(options.file);
    const why: Partial<Record<typeof error.code, string>> = {
      media_missing: `The take ${name} is not there any more. Download it again.`,
      media_empty: `The take ${name} is empty (0 bytes): the download did not complete. Download it again.`,
      media_wrong_kind: `The take ${name} is not a video. Download it again.`,
    };
    const reason = error.details.reason && error.code === 'media_unreadable' ? ` (ffmpeg: ${error.details.reason})` : '';
    const message =
      why[error.code] ??
      `The take ${name} is not a video ffmpeg can read${reason}: the download is probably incomplete. Download it again.`;
    throw invalid(options.file, error.code.replace(/^media_/, ''), message, undefined, error);
  }
}

function invalid(file: string, reason: string, message: string, durationSec?: number, cause?: unknown): MediaError {
  return new MediaError('video_invalid', message, { file: basename(file), reason, durationSec }, { cause });
}
