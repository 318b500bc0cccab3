import { createWriteStream } from 'node:fs';
import { rename, stat, truncate } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import { isLocalWriteFailure } from '../fs/local-write-error.ts';
import { RunwareError, fromTransportError } from './runware-error.ts';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, withRetries, type RetryContext, type RetryPolicy } from './retry-policy.ts';

export interface DownloadOptions {
  dispatcher: Dispatcher;
  signal?: AbortSignal;
  retry?: RetryPolicy;
  onProgress?: (received: number, total: number | null) => void;
  onRetry?: RetryContext['onRetry'];
}

export interface DownloadResult {
  file: string;
  bytes: number;
  /** How many times an interrupted transfer was continued from where it stopped. */
  resumes: number;
}

export function partFileOf(dest: string): string {
  return `${dest}.part`;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

function expired(status: number): RunwareError {
  return new RunwareError({
    code: 'url_expired',
    category: 'not_found',
    retryable: false,
    httpStatus: status,
    message:
      'The video finished, but its download link had already expired, so the take could not be saved. Generate it again; Avatar Studio downloads takes the moment they finish.',
  });
}

function transient(status: number, retryAfterMs?: number): RunwareError {
  return new RunwareError({
    code: `http_${status}`,
    category: status === 429 ? 'rate_limit' : 'server',
    retryable: true,
    httpStatus: status,
    retryAfterMs,
    message: `The video download failed (HTTP ${status}) through several tries. Try again in a few minutes.`,
  });
}

/** Total size from `Content-Range: bytes a-b/total`, or null. */
function rangeTotal(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /\/(\d+)\s*$/.exec(value) : null;
  return match ? Number(match[1]) : null;
}

/**
 * Streams `url` into `<dest>.part`, continuing an interrupted transfer with an HTTP
 * Range request, and renames it to `dest` only once every byte has arrived. A
 * server that ignores Range (200) restarts the file from zero. Expired links
 * (403/404/410) fail at once with `url_expired`; network faults and 5xx retry.
 */
export async function downloadToFile(url: string, dest: string, options: DownloadOptions): Promise<DownloadResult> {
  const part = partFileOf(dest);
  let resumes = 0;
  const attemptOnce = async (): Promise<number> => {
    const have = await sizeOf(part);
    if (have > 0) resumes += 1;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: 'GET',
        dispatcher: options.dispatcher,
        signal: options.signal,
        headers: have > 0 ? { range: `bytes=${have}-` } : {},
      });
    } catch (error) {
      throw fromTransportError(error, options.signal);
    }
    const status = response.statusCode;
    if (status === 416 && have > 0) {
      // Asked for bytes past the end: the part file may already be complete.
      const total = rangeTotal(response.headers['content-range']);
      await response.body.dump();
      if (total === have) return have;
      await truncate(part, 0);
      throw transient(416);
    }
    if (status === 403 || status === 404 || status === 410) {
      await response.body.dump();
      throw expired(status);
    }
    if (status !== 200 && status !== 206) {
      await response.body.dump();
      throw transient(status, parseRetryAfter(response.headers['retry-after']));
    }
    const appending = status === 206 && have > 0;
    const total =
      status === 206 ? rangeTotal(response.headers['content-range']) : Number(response.headers['content-length'] ?? NaN) || null;
    let received = appending ? have : 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        received += chunk.length;
        options.onProgress?.(received, total);
        done(null, chunk);
      },
    });
    try {
      await pipeline(response.body, counter, createWriteStream(part, { flags: appending ? 'a' : 'w' }), {
        signal: options.signal,
      });
    } catch (error) {
      // The disk, not the network, stopped it: retrying cannot help, and the person must hear which.
      if (isLocalWriteFailure(error)) throw error;
      throw fromTransportError(error, options.signal);
    }
    if (total !== null && received !== total) {
      throw new RunwareError({
        code: 'download_incomplete',
        category: 'network',
        retryable: true,
        httpStatus: status,
        message: 'The video download kept stopping before the end. Check your connection; the next try continues where it stopped.',
      });
    }
    return received;
  };
  const bytes = await withRetries(() => attemptOnce(), {
    policy: options.retry ?? DEFAULT_RETRY_POLICY,
    signal: options.signal,
    onRetry: options.onRetry,
  });
  await rename(part, dest);
  return { file: dest, bytes, resumes };
}
