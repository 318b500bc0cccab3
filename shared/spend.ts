import { cents } from './aurora.ts';
import { REMOTE_STATES, type GenerationSummary } from './generation.ts';

export interface ProjectSpend {
  /** What Runware reported, plus estimates for tasks it holds but has not priced yet. */
  spentUSD: number;
  /** Estimates of generations queued but not yet sent. */
  committedUSD: number;
}

const PENDING = new Set(['queued', 'preparing', 'uploading']);

export function projectSpend(generations: readonly GenerationSummary[]): ProjectSpend {
  let spent = 0;
  let committed = 0;
  for (const g of generations) {
    if (g.costUSD !== undefined) spent += g.costUSD;
    else if (REMOTE_STATES.has(g.state) || (g.state === 'interrupted' && g.taskUUID)) spent += g.estimateUSD;
    else if (PENDING.has(g.state)) committed += g.estimateUSD;
  }
  return { spentUSD: cents(spent), committedUSD: cents(committed) };
}
