import type { GenerationSummary } from '../../../../shared/generation.ts';

export { STATE_LABELS } from '../../../../shared/state-labels.ts';

/** When the work on a generation started, for its elapsed time. */
export function startedAt(g: GenerationSummary): number {
  return Date.parse(g.acceptedAt ?? g.submittedAt ?? g.createdAt);
}
