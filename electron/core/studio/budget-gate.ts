import { checkProjectBudget } from '../jobs/budget.ts';
import type { Project } from '../projects/project.ts';

/**
 * The one budget gate: every use case that starts paid work (a generation, a split one, a
 * batch, a retry) passes its whole price through here once, before anything is queued.
 * The engine checks again only right before it sends (the cap may have been lowered since).
 */
export class BudgetGate {
  readonly #capUSD: () => number | null;

  constructor(capUSD: () => number | null) {
    this.#capUSD = capUSD;
  }

  admit(project: Project, estimateUSD: number): Promise<void> {
    return checkProjectBudget(project, this.#capUSD(), estimateUSD);
  }
}
