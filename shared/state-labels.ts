import type { GenerationState, Wait } from './generation.ts';

/** A generation's state in the words the window and the command line show. */
export const STATE_LABELS: Record<GenerationState, string> = {
  draft: 'draft',
  queued: 'waiting',
  preparing: 'preparing',
  uploading: 'uploading',
  submitting: 'sending',
  processing: 'generating',
  downloading: 'downloading',
  stitching: 'joining the parts',
  done: 'done',
  failed: 'failed',
  canceled: 'canceled',
  interrupted: 'resuming',
};

/** A waiting generation's state, in place of its journal state: what stops it, in two words. */
export function waitLabel(wait: Wait): string {
  if (wait.kind === 'retrying') return 'retrying';
  if (wait.kind === 'blocked') return wait.category === 'credits' ? 'refused: add credit' : 'refused: check the key';
  if (wait.code === 'disk_full') return 'stopped: disk full';
  if (wait.code === 'write_failed') return 'stopped: cannot save';
  return 'stopped';
}

const RETRYING: Record<NonNullable<Wait['what']>, string> = {
  busy: 'Runware is busy',
  upload: 'Upload failed',
  download: 'Download failed',
  offline: 'Runware can’t be reached',
};

/**
 * The line under a waiting generation. A retry counts down to its next try
 * ("Runware is busy — retrying in 4 s (attempt 2 of 6)"); anything else is its message.
 */
export function waitText(wait: Wait, nowMs: number): string {
  if (wait.kind !== 'retrying' || !wait.what) return wait.message;
  const left = wait.retryAt ? Math.max(0, Math.ceil((Date.parse(wait.retryAt) - nowMs) / 1000)) : null;
  const when = left === null || left === 0 ? 'retrying now' : `retrying in ${left < 90 ? `${left} s` : `${Math.round(left / 60)} min`}`;
  const attempt = wait.attempt ? ` (attempt ${wait.attempt}${wait.attempts ? ` of ${wait.attempts}` : ''})` : '';
  return `${RETRYING[wait.what]} — ${when}${attempt}`;
}
