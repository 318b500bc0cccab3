import { AppError } from '../../../shared/errors.ts';
import { REMOTE_STATES, type GenerationSummary } from '../../../shared/generation.ts';

export interface ProjectSpend {
  /** What Runware reported, plus estimates for tasks it holds but has not priced yet. */
  spentUSD: number;
  /** Estimates of generations queued but not yet sent. */
  committedUSD: number;
}

const PENDING = new Set(['queued', 'preparing', 'uploading']);

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

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

export function money(value: number): string {
  return `$${value.toFixed(2)}`;
}

/** Refuses work that would take a project past the budget cap, saying by how much. */
export function checkBudget(options: {
  capUSD: number | null;
  spend: ProjectSpend;
  estimateUSD: number;
  projectName: string;
}): void {
  const { capUSD, spend, estimateUSD, projectName } = options;
  if (capUSD === null) return;
  const total = cents(spend.spentUSD + spend.committedUSD + estimateUSD);
  if (total <= capUSD + 1e-9) return;
  throw new AppError(
    'budget_exceeded',
    `This generation (${money(estimateUSD)}) would bring “${projectName}” to ${money(total)}, over its ${money(capUSD)} budget cap. Raise the cap in Settings, or trim the audio.`,
  );
}
