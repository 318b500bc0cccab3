import type { GenerationState } from './generation.ts';

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
