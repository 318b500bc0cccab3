import { statfs } from 'node:fs/promises';
import { AppError } from '../../../shared/errors.ts';

/**
 * The disk, not Runware and not the person's input, stopped the work: a full disk, a quota,
 * a drive gone read-only or failing, a folder whose permissions changed. Such a failure is
 * never the end of a generation (DESIGN.md rule 7): it stops where it is and resumes once
 * the disk is fixed.
 */
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);
const CANNOT_WRITE: Record<string, string> = {
  EROFS: 'the drive is read-only',
  EACCES: 'permission was denied',
  EPERM: 'permission was denied',
  EIO: 'the drive reported an error',
  ENXIO: 'the drive is no longer there',
  ENODEV: 'the drive is no longer there',
};

/** ffmpeg reports the same conditions in its own words. */
const FFMPEG_WORDS: [RegExp, string][] = [
  [/No space left on device/i, 'ENOSPC'],
  [/Disk quota exceeded/i, 'EDQUOT'],
  [/Read-only file system/i, 'EROFS'],
];

export type LocalWriteCode = 'disk_full' | 'write_failed';

export class LocalWriteError extends AppError<LocalWriteCode> {
  /** The folder that could not be written. */
  readonly folder: string;
  /** About how many bytes must be freed (disk_full only). */
  readonly freeBytesNeeded: number;

  constructor(code: LocalWriteCode, message: string, folder: string, freeBytesNeeded: number, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'LocalWriteError';
    this.folder = folder;
    this.freeBytesNeeded = freeBytesNeeded;
  }
}

export function isLocalWriteError(value: unknown): value is LocalWriteError {
  return value instanceof LocalWriteError;
}

/** The errno code behind a failure, looking through `cause` chains and ffmpeg's stderr. */
export function localErrno(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (DISK_FULL.has(code) || code in CANNOT_WRITE)) return code;
    const tail = (e as { details?: { stderrTail?: unknown } }).details?.stderrTail;
    if (Array.isArray(tail)) {
      const text = tail.join('\n');
      for (const [pattern, errno] of FFMPEG_WORDS) if (pattern.test(text)) return errno;
    }
  }
  return null;
}

/** True when the disk stopped the work (full, read-only, failing), whatever layer saw it. */
export function isLocalWriteFailure(error: unknown): boolean {
  return isLocalWriteError(error) || localErrno(error) !== null;
}

const MB = 1_000_000;

async function freeBytes(folder: string): Promise<number | null> {
  try {
    const info = await statfs(folder);
    return Number(info.bavail) * Number(info.bsize);
  } catch {
    return null;
  }
}

export interface WriteContext {
  /** The folder the person knows: the project's, or the app's own. */
  folder: string;
  /** What the person calls it in the message: "project folder", "app data folder". */
  label: string;
  /** About how many bytes the rest of the work needs in that folder. */
  bytesNeeded: number;
  /** What to do once it is fixed ("Resume", "try again"). */
  then: string;
}

/**
 * The failure in words a person can act on: which folder, and for a full disk about how
 * much to free (what the rest of the work needs, less what is free now, at least 1 MB).
 * Returns null for failures that are not the disk's.
 */
export async function asLocalWriteError(error: unknown, where: WriteContext): Promise<LocalWriteError | null> {
  if (isLocalWriteError(error)) return error;
  const errno = localErrno(error);
  if (!errno) return null;
  if (DISK_FULL.has(errno)) {
    const free = (await freeBytes(where.folder)) ?? 0;
    const toFree = Math.max(MB, where.bytesNeeded - free);
    const mb = Math.ceil(toFree / MB);
    return new LocalWriteError(
      'disk_full',
      `The ${where.label} “${where.folder}” is full: free about ${mb} MB, then ${where.then}.`,
      where.folder,
      toFree,
      { cause: error },
    );
  }
  return new LocalWriteError(
    'write_failed',
    `Avatar Studio could not write to the ${where.label} “${where.folder}”: ${CANNOT_WRITE[errno]}. Check the drive and the folder's permissions, then ${where.then}.`,
    where.folder,
    0,
    { cause: error },
  );
}
