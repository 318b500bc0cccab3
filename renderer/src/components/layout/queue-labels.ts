import type { GenerationSummary } from '../../../../shared/generation.ts';

export const STATE_LABELS: Record<GenerationSummary['state'], string> = {
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

/** When the work on a generation started, for its elapsed time. */
export function startedAt(g: GenerationSummary): number {
  return Date.parse(g.acceptedAt ?? g.submittedAt ?? g.createdAt);
}
