import { isTerminal, type GenerationSummary } from '../../../../shared/generation.ts';

export { STATE_LABELS, waitLabel, waitText } from '../../../../shared/state-labels.ts';

/** When the work on a generation started, for its elapsed time. */
export function startedAt(g: GenerationSummary): number {
  return Date.parse(g.acceptedAt ?? g.submittedAt ?? g.createdAt);
}

/** Generations the engine is moving now, and those waiting (queued, or stopped until the person acts). */
export function queueCounts(items: readonly GenerationSummary[]): { running: number; waiting: number } {
  let running = 0;
  let waiting = 0;
  for (const g of items) {
    if (isTerminal(g.state) || g.state === 'draft') continue;
    // A split generation is one row (its parts are inside it): it counts once.
    if (g.state === 'queued' || g.wait?.kind === 'blocked' || g.wait?.kind === 'stalled') waiting += 1;
    else running += 1;
  }
  return { running, waiting };
}
