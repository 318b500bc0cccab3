import { spawn } from 'node:child_process';
import { basename, isAbsolute } from 'node:path';
import type { Logger } from '../logging/logger.ts';
import type { Env, FfmpegTools } from './ffmpeg-locator.ts';
import { createProgressParser, type MediaProgress } from './ffmpeg-progress.ts';
import { MediaError, quoted } from './media-error.ts';

/** What every media operation runs with: the tools, where scratch files go, where logs go. */
export interface MediaContext {
  tools: FfmpegTools;
  env: Env;
  /** Scratch folders are made (and always removed) inside this folder. */
  tempDir: string;
  logger?: Logger;
}

export interface ToolRun {
  args: string[];
  /** The file the job is about, named (by base name) in messages. */
  subject: string;
  signal?: AbortSignal;
  /** Raw output as it arrives, e.g. PCM samples. */
  onStdout?: (chunk: Buffer) => void;
  /** Keep stdout as text (ffprobe's JSON). */
  collectStdout?: boolean;
  onStderrLine?: (line: string) => void;
}

export interface ToolResult {
  exitCode: number | null;
  stdout: string;
  /** The last lines of stderr with paths reduced to base names. */
  stderrTail: string[];
}

const TAIL_LINES = 12;

/**
 * Runs ffmpeg or ffprobe without a shell (arguments go straight to the program, so
 * no path can be read as syntax), keeps the end of stderr for messages, and kills
 * the program when `signal` aborts. Resolves with the exit code; throws only for
 * cancellation and for a binary that cannot be started.
 */
export function runTool(ctx: MediaContext, binary: string, run: ToolRun): Promise<ToolResult> {
  if (run.signal?.aborted) return Promise.reject(canceled(run.subject));
  ctx.logger?.debug('run', { tool: basename(binary), args: run.args });
  return new Promise((resolve, reject) => {
    const child = spawn(binary, run.args, { env: ctx.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const tail: string[] = [];
    const chunks: Buffer[] = [];
    let pendingErr = '';
    let aborted = false;

    const onAbort = (): void => {
      aborted = true;
      child.kill('SIGKILL');
    };
    run.signal?.addEventListener('abort', onAbort, { once: true });

    const takeLine = (raw: string): void => {
      const line = reducePaths(raw.trimEnd(), run.args);
      if (line.trim() === '') return;
      run.onStderrLine?.(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (pendingErr + chunk).split(/\r\n|\r|\n/);
      pendingErr = lines.pop() ?? '';
      lines.forEach(takeLine);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      run.onStdout?.(chunk);
      if (run.collectStdout) chunks.push(chunk);
    });

    child.on('error', (error: NodeJS.ErrnoException) => {
      run.signal?.removeEventListener('abort', onAbort);
      reject(
        new MediaError(
          'ffmpeg_missing',
          `ffmpeg could not be started (${error.code ?? error.message}). Check that it is still installed, or set FFMPEG_PATH to a working copy.`,
          { file: basename(run.subject) },
          { cause: error },
        ),
      );
    });
    child.on('close', (exitCode) => {
      run.signal?.removeEventListener('abort', onAbort);
      takeLine(pendingErr);
      if (aborted) {
        reject(canceled(run.subject));
        return;
      }
      resolve({ exitCode, stdout: run.collectStdout ? Buffer.concat(chunks).toString('utf8') : '', stderrTail: tail });
    });
  });
}

export interface FfmpegRun {
  /** Everything after the global options: inputs, filters, outputs. */
  args: string[];
  subject: string;
  /** What was being done, for the failure message: "converting", "exporting"… */
  action: string;
  signal?: AbortSignal;
  /** Streams `-progress` on stdout; not with `onStdout`. */
  onProgress?: (progress: MediaProgress) => void;
  /** The expected output length, to turn seconds into a fraction. */
  totalSec?: number | null;
  onStdout?: (chunk: Buffer) => void;
  onStderrLine?: (line: string) => void;
  /** `info` when a filter's report (loudnorm, silencedetect, volumedetect) must be read. */
  logLevel?: 'error' | 'info';
}

/** Runs ffmpeg with the options every job wants, and turns a failure into a typed error. */
export async function runFfmpeg(ctx: MediaContext, run: FfmpegRun): Promise<ToolResult> {
  const progress = run.onProgress ? createProgressParser(run.totalSec ?? null, run.onProgress) : null;
  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-y',
    '-loglevel',
    run.logLevel ?? 'error',
    ...(progress ? ['-progress', 'pipe:1'] : []),
    ...run.args,
  ];
  const result = await runTool(ctx, ctx.tools.ffmpeg, {
    args,
    subject: run.subject,
    signal: run.signal,
    onStdout: progress ? (chunk) => progress(chunk.toString('utf8')) : run.onStdout,
    onStderrLine: run.onStderrLine,
  });
  if (result.exitCode !== 0 || outputWriteFailed(result.stderrTail)) throw ffmpegFailed(ctx, run.subject, run.action, result);
  return result;
}

/**
 * ffmpeg (5.x at least) exits 0 when its output cannot be written to the end: a full
 * disk shows only as "Error writing trailer…: No space left on device" on stderr, and
 * the short file it leaves would otherwise read as a source that ends early.
 */
const OUTPUT_WRITE_FAILED = /^Error (writing trailer|closing file) .*|No space left on device|Disk quota exceeded/i;

function outputWriteFailed(stderrTail: readonly string[]): boolean {
  return stderrTail.some((line) => OUTPUT_WRITE_FAILED.test(line));
}

export function ffmpegFailed(ctx: MediaContext, subject: string, action: string, result: ToolResult): MediaError {
  ctx.logger?.warn('ffmpeg failed', { file: basename(subject), exitCode: result.exitCode, stderr: result.stderrTail });
  const reason = lastReason(result.stderrTail, subject);
  return new MediaError(
    'ffmpeg_failed',
    `ffmpeg stopped with an error while ${action} ${quoted(subject)}${reason ? ` (${reason})` : ''}. ` +
      'Check that the file opens in another app and that the disk has free space, then try again.',
    { file: basename(subject), stderrTail: result.stderrTail },
  );
}

export function canceled(subject: string): MediaError {
  return new MediaError('media_canceled', `Work on ${quoted(subject)} was canceled; nothing was saved.`, {
    file: basename(subject),
  });
}

/**
 * ffmpeg's own words for what went wrong: the last line, without its
 * `[demuxer @ 0x…]` prefix or the `name.wav: ` it starts with when the message
 * already names the file.
 */
export function lastReason(tail: readonly string[], subject?: string): string | null {
  const last = tail.at(-1);
  if (!last) return null;
  let reason = last.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, '');
  if (subject && reason.startsWith(`${basename(subject)}: `)) reason = reason.slice(basename(subject).length + 2);
  return reason.replace(/\.$/, '').trim() || null;
}

/** Messages and logs name files by base name only: every absolute path argument is shortened. */
function reducePaths(line: string, args: readonly string[]): string {
  let out = line;
  for (const arg of args) {
    if (isAbsolute(arg) && out.includes(arg)) out = out.split(arg).join(basename(arg));
  }
  return out;
}
