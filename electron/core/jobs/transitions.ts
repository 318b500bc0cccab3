import { REMOTE_STATES, type GenerationRecord, type GenerationState } from '../../../shared/generation.ts';

/**
 * The journal's state machine (DESIGN.md, "A generation's life"). Every move is
 * written to generation.json before the side effect it announces.
 */
const NEXT: Record<GenerationState, readonly GenerationState[]> = {
  draft: ['queued', 'canceled'],
  queued: ['preparing', 'canceled', 'failed'],
  preparing: ['uploading', 'queued', 'failed', 'canceled', 'interrupted'],
  uploading: ['submitting', 'queued', 'failed', 'canceled', 'interrupted'],
  // Back to the queue only when Runware refused the submission (key, credit): it holds nothing.
  submitting: ['processing', 'queued', 'failed', 'interrupted'],
  processing: ['downloading', 'done', 'failed', 'interrupted'],
  downloading: ['done', 'failed', 'interrupted'],
  interrupted: ['queued', 'submitting', 'processing', 'downloading', 'done', 'failed'],
  stitching: [],
  done: [],
  failed: [],
  canceled: [],
};

/**
 * A split generation follows its parts: it runs while they run, waits as `failed`
 * while a part needs a retry (retrying it resumes the whole), then stitches.
 */
const SEQUENCE_NEXT: Partial<Record<GenerationState, readonly GenerationState[]>> = {
  queued: ['processing', 'stitching', 'failed', 'canceled'],
  processing: ['stitching', 'failed', 'canceled'],
  failed: ['processing', 'stitching'],
  stitching: ['done', 'failed', 'processing'],
  done: [],
  canceled: [],
};

export function canMove(from: GenerationState, to: GenerationState, kind: 'single' | 'sequence' = 'single'): boolean {
  if (from === to) return true;
  return kind === 'sequence' ? (SEQUENCE_NEXT[from] ?? []).includes(to) : NEXT[from].includes(to);
}

/**
 * Where a generation found mid-flight at startup resumes. Before submission nothing
 * was billed, so the work is simply redone; from submission on, Runware may hold the
 * task, so it is reconciled with the same taskUUID, never resubmitted under a new one.
 */
export function resumeStateAfterCrash(state: Exclude<GenerationState, 'failed'>, hasTaskUUID: boolean): Exclude<GenerationState, 'failed'> {
  switch (state) {
    case 'preparing':
    case 'uploading':
      return 'queued';
    case 'submitting':
      return hasTaskUUID ? 'submitting' : 'queued';
    default:
      return state;
  }
}

/** Who ends a generation: Runware, by its answer about the task, or something on this computer. */
export type Verdict = 'runware' | 'local';

/** Runware may hold (and bill) the task: it was sent, or is being sent, under this taskUUID. */
export function mayHaveBeenAccepted(record: Pick<GenerationRecord, 'state' | 'taskUUID'>): boolean {
  return record.taskUUID !== undefined && (REMOTE_STATES.has(record.state) || record.state === 'interrupted');
}

/**
 * DESIGN.md rule 7, decided here and nowhere else: once a taskUUID may have been accepted,
 * no local error (a full disk, a failed write, a crash in an error handler) can make the
 * generation terminal. Only Runware can: a task error, or a result that expired. A local
 * failure stops the generation where it is, resumable.
 */
export function mayFail(record: Pick<GenerationRecord, 'state' | 'taskUUID'>, verdict: Verdict): boolean {
  return verdict === 'runware' || !mayHaveBeenAccepted(record);
}
