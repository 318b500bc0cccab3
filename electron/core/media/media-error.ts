import { basename } from 'node:path';
import { AppError } from '../../../shared/errors.ts';

/**
 * Every way the media pipeline can fail that a caller may want to tell apart. The
 * message carries the words for the person; the code (and the details) are for
 * programs, so nothing ever matches on message text.
 */
export const MEDIA_ERROR_CODES = [
  'ffmpeg_missing',
  'ffmpeg_failed',
  'media_missing',
  'media_empty',
  'media_unreadable',
  'media_truncated',
  'media_unsupported',
  'media_wrong_kind',
  'selection_invalid',
  'audio_too_long',
  'audio_silent',
  'image_too_small',
  'image_too_large',
  'image_unsupported',
  'video_invalid',
  'media_canceled',
] as const;
export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[number];

export interface MediaErrorDetails {
  /** The base name of the file concerned (never a full path). */
  file?: string;
  durationSec?: number;
  limitSec?: number;
  width?: number;
  height?: number;
  minSide?: number;
  /** The last lines ffmpeg wrote, with paths reduced to base names; for logs. */
  stderrTail?: string[];
  /** A short machine-readable reason within the code, e.g. `duration_mismatch`. */
  reason?: string;
}

export class MediaError extends AppError<MediaErrorCode> {
  readonly details: MediaErrorDetails;

  constructor(code: MediaErrorCode, message: string, details: MediaErrorDetails = {}, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'MediaError';
    this.details = details;
  }
}

export function isMediaError(value: unknown, code?: MediaErrorCode): value is MediaError {
  return value instanceof MediaError && (code === undefined || value.code === code);
}

/** A file as messages name it: its base name in quotes, so no folder outside the project leaks. */
export function quoted(file: string): string {
  return `"${basename(file)}"`;
}

/**
 * Seconds for people: one decimal, or three where one would hide the difference
 * from a limit (60.004 s must not read as "60.0 s" in a message about 60 s).
 */
export function formatSeconds(seconds: number, limit?: number): string {
  const short = seconds.toFixed(1);
  const hidesLimit = limit !== undefined && seconds > limit && Number(short) <= limit;
  return `${hidesLimit ? seconds.toFixed(3) : short} s`;
}
