import type { Transfer } from '../../../shared/transfer.ts';
import { randomUUID } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { type AuroraTask } from '../../../shared/aurora.ts';
import { auroraModel } from '../../../shared/aurora-models.ts';
import { audioSecondsOf, type ErrorInfo, type GenerationRecord, type Take } from '../../../shared/generation.ts';
import { isAppError } from '../../../shared/errors.ts';
import type { Logger } from '../logging/logger.ts';
import { sha256File } from '../projects/media-import.ts';
import { isLocalWriteFailure } from '../fs/local-write-error.ts';
import type { InputKind, RetryListener, RunwareClient } from '../runware/runware-client.ts';
import { isRunwareError } from '../runware/runware-error.ts';
import type { JobHandle } from './job-handle.ts';
import type { MediaOps } from './media-ops.ts';

export interface StepContext {
  runware: RunwareClient;
  media: MediaOps;
  now: () => Date;
  logger?: Logger;
  /** Shows a generation's retries as they happen ("Upload failed — retrying in 4 s (attempt 2 of 6)"). */
  retrying?(job: JobHandle, what: 'busy' | 'upload' | 'download'): RetryListener;
  /** Bytes moved so far for a generation's upload or download, for a progress bar that means something. */
  transfer?(job: JobHandle, transfer: Transfer): void;
}

export function errorInfo(error: unknown, now: Date): ErrorInfo {
  if (isRunwareError(error)) {
    return {
      code: String(error.code),
      category: error.category,
      message: error.message,
      retryable: error.retryable,
      at: now.toISOString(),
    };
  }
  if (isAppError(error)) return { code: String(error.code), message: error.message, at: now.toISOString() };
  return {
    code: 'internal',
    message: 'Something went wrong inside Avatar Studio; the log file has the details.',
    at: now.toISOString(),
  };
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() === true;
}

/** The files a record says were prepared are still there (a refused submission goes back to the queue with them). */
async function preparedOnDisk(job: JobHandle): Promise<boolean> {
  const { prepared } = job.record;
  if (!prepared) return false;
  const file = (name: string) => job.project.generations.file(job.record.id, name);
  return (await exists(file(prepared.audio.file))) && (await exists(file(prepared.image.file)));
}

/** queued → preparing → uploading: the exact audio and portrait that will be sent. */
export async function prepareStep(ctx: StepContext, job: JobHandle, signal: AbortSignal): Promise<void> {
  await job.move('preparing');
  if (await preparedOnDisk(job)) {
    // Already made once (the same inputs give the same bytes): keep them, and their uploads.
    await job.move('uploading');
    return;
  }
  const r = job.record;
  const folder = job.project.generations.folder(r.id);
  const audio = await ctx.media.prepareAudio({
    input: job.project.path(r.inputs.audio.file),
    startSec: r.inputs.trim.startSec,
    endSec: r.inputs.trim.endSec,
    normalizeLoudness: r.inputs.normalizeLoudness,
    // MP3, the format of Aurora's own examples: a quarter of a WAV's bytes to send, padding compensated.
    format: 'mp3',
    outFile: job.project.generations.file(r.id, 'audio.mp3'),
    signal,
  });
  const imageExt = extname(r.inputs.image.file).toLowerCase() || '.jpg';
  const image = await ctx.media.prepareImage({
    input: job.project.path(r.inputs.image.file),
    outFile: job.project.generations.file(r.id, `portrait${imageExt}`),
    signal,
  });
  signal.throwIfAborted();
  const rel = (file: string) => file.slice(folder.length + 1);
  const prepared = {
    image: { file: rel(image.file), sha256: await sha256File(image.file), width: image.width, height: image.height },
    audio: { file: rel(audio.file), sha256: await sha256File(audio.file), durationSec: audio.durationSec },
  };
  await job.move('uploading', { prepared });
}

/** uploading → submitting: media stored with Runware, taskUUID minted and saved BEFORE submitting. */
export async function uploadStep(ctx: StepContext, job: JobHandle, signal: AbortSignal): Promise<void> {
  const prepared = job.record.prepared;
  if (!prepared) throw new Error(`upload of ${job.record.id} without prepared inputs`);
  const pending = (['image', 'audio'] as const).filter((kind) => !job.record.uploads[kind]);
  const files = await Promise.all(pending.map((kind) => readFile(job.project.generations.file(job.record.id, prepared[kind].file))));
  const total = files.reduce((sum, f) => sum + f.length, 0);
  let before = 0;
  for (const [i, kind] of pending.entries()) {
    const bytes = files[i] as Buffer;
    const { mediaUUID, cached } = await ctx.runware.uploadMedia(bytes, {
      signal,
      onRetry: ctx.retrying?.(job, 'upload'),
      onProgress: (sent) => ctx.transfer?.(job, { phase: 'upload', done: before + sent, total }),
    });
    before += bytes.length;
    // A cached upload sends nothing: the bar still moves past its bytes.
    ctx.transfer?.(job, { phase: 'upload', done: before, total });
    await job.patch((r) => ({ uploads: withUpload(r.uploads, kind, mediaUUID, cached) }));
  }
  signal.throwIfAborted();
  await job.move('submitting', (r) => ({ taskUUID: r.taskUUID ?? randomUUID(), submittedAt: ctx.now().toISOString() }));
}

export function auroraTaskOf(record: GenerationRecord): AuroraTask {
  const { uploads, taskUUID } = record;
  const { model, ...params } = record.params;
  if (!taskUUID || !uploads.image || !uploads.audio) throw new Error(`submit of ${record.id} before its uploads`);
  return {
    taskType: 'videoInference',
    taskUUID,
    model: auroraModel(model).air,
    deliveryMethod: 'async',
    ...params,
    inputs: { image: uploads.image, audio: uploads.audio },
  };
}

type Uploads = GenerationRecord['uploads'];

function withUpload(uploads: Uploads, kind: InputKind, mediaUUID: string, cached: boolean): Uploads {
  const others = (uploads.cached ?? []).filter((k) => k !== kind);
  const list = cached ? [...others, kind] : others;
  const { cached: _old, ...rest } = uploads;
  return { ...rest, [kind]: mediaUUID, ...(list.length > 0 ? { cached: list } : {}) };
}

/**
 * submitting → processing. Always the saved taskUUID; an input Runware lost, or any input
 * from the upload cache when Runware refuses the task, is uploaded again (and the new media
 * UUID saved) before the one resubmission.
 */
export async function submitStep(ctx: StepContext, job: JobHandle): Promise<void> {
  const reuploadOne = (kind: InputKind) => async () => {
    const prepared = job.record.prepared;
    if (!prepared) throw new Error('no prepared inputs');
    const bytes = await readFile(job.project.generations.file(job.record.id, prepared[kind].file));
    await ctx.runware.forgetUpload(bytes);
    const { mediaUUID } = await ctx.runware.uploadMedia(bytes, { force: true });
    await job.patch((r) => ({ uploads: withUpload(r.uploads, kind, mediaUUID, false) }));
    return mediaUUID;
  };
  await ctx.runware.submitVideo(auroraTaskOf(job.record), {
    reupload: { cached: job.record.uploads.cached ?? [], image: reuploadOne('image'), audio: reuploadOne('audio') },
    onRetry: ctx.retrying?.(job, 'busy'),
  });
  await job.move('processing', (r) => ({ acceptedAt: r.acceptedAt ?? ctx.now().toISOString() }));
}

export function withTake(takes: readonly Take[], index: number, patch: Partial<Take>): Take[] {
  return takes.map((t) => (t.index === index ? { ...t, ...patch } : t));
}

/**
 * Downloads every take that has a URL and is not on disk yet: to take-N.<ext> (via
 * .part, resumed with Range), verified against the sent audio's length, with a
 * poster frame. An expired link or a take that stays broken fails that take only.
 */
export async function downloadStep(ctx: StepContext, job: JobHandle): Promise<void> {
  const ext = String(job.record.params.outputFormat).toLowerCase();
  const expected = audioSecondsOf(job.record);
  for (const take of job.record.takes) {
    if (take.state === 'done' || take.state === 'failed' || !take.remoteURL) continue;
    const name = `take-${take.index}.${ext}`;
    const file = job.project.generations.file(job.record.id, name);
    await job.patch((r) => ({ takes: withTake(r.takes, take.index, { state: 'downloading' }) }));
    let durationSec: number;
    try {
      durationSec = await downloadAndVerify(ctx, job, take.remoteURL, file, expected);
    } catch (error) {
      // Only Runware's result can fail a take (its link expired, what it sent does not decode).
      // Anything else (the network, a full disk, a fault of this app) stops the download
      // resumable: a paid take is never given up for a reason of this computer's.
      if (!isTakeVerdict(error)) throw error;
      const info = errorInfo(error, ctx.now());
      await job.patch((r) => ({ takes: withTake(r.takes, take.index, { state: 'failed', error: info }) }));
      continue;
    }
    const poster = `take-${take.index}.jpg`;
    const posterOk = await ctx.media
      .makePoster({ video: file, outFile: job.project.generations.file(job.record.id, poster) })
      .then(() => true)
      .catch((error: unknown) => {
        ctx.logger?.warn('poster failed', { id: job.record.id, take: take.index, error });
        return false;
      });
    await job.patch((r) => ({
      takes: withTake(r.takes, take.index, { state: 'done', file: name, durationSec, ...(posterOk ? { poster } : {}), error: undefined }),
    }));
  }
}

function isTakeVerdict(error: unknown): boolean {
  if (isLocalWriteFailure(error)) return false;
  return (isRunwareError(error) && !error.retryable) || (isAppError(error) && error.code === 'video_invalid');
}

async function downloadAndVerify(ctx: StepContext, job: JobHandle, url: string, file: string, expectedSec: number): Promise<number> {
  // Saved before its record could say so (the disk filled right after): checked, not fetched again.
  if (await exists(file)) {
    const kept = await ctx.media.verifyTake({ file, expectedDurationSec: expectedSec }).catch(() => null);
    if (kept) return kept.durationSec;
  }
  for (let attempt = 1; ; attempt += 1) {
    await ctx.runware.download(url, file, {
      onRetry: ctx.retrying?.(job, 'download'),
      onProgress: (received, size) => ctx.transfer?.(job, { phase: 'download', done: received, total: size }),
    });
    try {
      return (await ctx.media.verifyTake({ file, expectedDurationSec: expectedSec })).durationSec;
    } catch (error) {
      // A damaged file is fetched once more from the start before the take is failed.
      await rm(file, { force: true });
      if (attempt >= 2) throw error;
    }
  }
}
