import { cents } from '../../../shared/aurora.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ProjectSpend } from '../../../shared/spend.ts';

export { projectSpend, type ProjectSpend } from '../../../shared/spend.ts';

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
