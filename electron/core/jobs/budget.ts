import { PaidMediaLedger } from '../projects/paid-media-ledger.ts';
import { cents } from '../../../shared/aurora.ts';
import { money } from '../../../shared/money.ts';
import { AppError } from '../../../shared/errors.ts';
import type { GenerationSummary } from '../../../shared/generation.ts';
import { projectSpend, type ProjectSpend } from '../../../shared/spend.ts';
import { GenerationTrash } from '../projects/generation-trash.ts';
import type { Project } from '../projects/project.ts';

export { projectSpend, type ProjectSpend } from '../../../shared/spend.ts';

export interface SpendOptions {
  /** The project's listing, when the caller has just read it. */
  generations?: readonly GenerationSummary[];
  /** Leaves out one generation, e.g. the one being checked against the cap. */
  except?: string;
}

/**
 * A project's money as its folder records it: every generation once, plus what the
 * generations in its trash cost (the trash does not un-spend).
 */
export async function spendOnDisk(project: Project, options: SpendOptions = {}): Promise<ProjectSpend> {
  const [generations, trashed, speechUSD] = await Promise.all([
    options.generations ?? project.generations.list().then((l) => l.generations),
    GenerationTrash.spent(project),
    PaidMediaLedger.spentUSD(project),
  ]);
  const spend = projectSpend(options.except === undefined ? generations : generations.filter((g) => g.id !== options.except), trashed);
  // Speech made from scripts is paid for too: it is part of what the project cost.
  return speechUSD > 0 ? { ...spend, spentUSD: Math.round((spend.spentUSD + speechUSD) * 1e6) / 1e6 } : spend;
}

/** Refuses work that would take a project past the budget cap, saying by how much. */
export function checkBudget(options: { capUSD: number | null; spend: ProjectSpend; estimateUSD: number; projectName: string }): void {
  const { capUSD, spend, estimateUSD, projectName } = options;
  if (capUSD === null) return;
  const total = cents(spend.spentUSD + spend.committedUSD + estimateUSD);
  if (total <= capUSD + 1e-9) return;
  throw new AppError(
    'budget_exceeded',
    `This generation (${money(estimateUSD)}) would bring “${projectName}” to ${money(total)}, over its ${money(capUSD)} budget cap. Raise the cap in Settings, or trim the audio.`,
  );
}

/**
 * The one budget gate: refuses `estimateUSD` more work in `project` when it would pass the
 * cap. The project's spend is read only when a cap is set.
 */
export async function checkProjectBudget(
  project: Project,
  capUSD: number | null,
  estimateUSD: number,
  options: SpendOptions = {},
): Promise<void> {
  if (capUSD === null) return;
  checkBudget({ capUSD, spend: await spendOnDisk(project, options), estimateUSD, projectName: project.info.name });
}
