import { z } from 'zod';
import { cents } from './aurora.ts';
import type { GenerationSummary } from './generation.ts';

/**
 * Money, counted one way everywhere (DESIGN.md rule 8): the sidebar, the project
 * list, the budget cap, the queue row, the library and `cli list` all read these
 * functions, so no two places can disagree about what a generation cost.
 */

/** What spend needs to know of a generation. */
export type SpendFacts = Pick<GenerationSummary, 'state' | 'kind' | 'costUSD' | 'estimateUSD' | 'acceptedAt'>;

export interface GenerationSpend {
  /** Paid: what Runware reported, or the estimate for a task it accepted and has not priced yet. */
  spentUSD: number;
  /** Not paid yet: the estimate of work queued or being sent. */
  committedUSD: number;
}

const NOTHING: GenerationSpend = { spentUSD: 0, committedUSD: 0 };

/** Runware holds the task and bills it: it accepted it, whatever happens locally since. */
function accepted(g: SpendFacts): boolean {
  if (g.state === 'processing' || g.state === 'downloading' || g.state === 'done') return true;
  return (g.state === 'interrupted' || g.state === 'submitting') && g.acceptedAt !== undefined;
}

const NOT_YET_SENT = new Set<SpendFacts['state']>(['draft', 'queued', 'preparing', 'uploading', 'submitting', 'interrupted']);

/**
 * One generation's share of the money:
 * - a split generation counts nothing itself: each of its parts is a generation of its own;
 * - a cost Runware reported is what was spent, in any state;
 * - a task Runware accepted and has not priced yet counts its estimate as spent;
 * - work not yet accepted (queued, being sent, refused and waiting) is committed, not spent;
 * - a failure or cancellation without a reported cost cost nothing.
 */
export function spendOf(g: SpendFacts): GenerationSpend {
  if (g.kind === 'sequence') return NOTHING;
  if (g.costUSD !== undefined) return { spentUSD: g.costUSD, committedUSD: 0 };
  if (accepted(g)) return { spentUSD: g.estimateUSD, committedUSD: 0 };
  if (NOT_YET_SENT.has(g.state)) return { spentUSD: 0, committedUSD: g.estimateUSD };
  return NOTHING;
}

/** A generation moved to the trash keeps what it cost: the money was paid. */
export const TrashedSpendSchema = z.object({ id: z.string(), spentUSD: z.number().nonnegative() });
export type TrashedSpend = z.infer<typeof TrashedSpendSchema>;

export interface ProjectSpend {
  /** Everything paid, the trash included. */
  spentUSD: number;
  /** Estimates of work not yet accepted by Runware. */
  committedUSD: number;
  /** The part of `spentUSD` that belongs to generations in the trash. */
  trashedUSD: number;
}

/**
 * A project's money: its generations, each counted once, plus what the ones in the trash
 * cost. A trashed entry whose generation is listed again (restored by hand) is not counted twice.
 */
export function projectSpend(generations: readonly (SpendFacts & { id?: string })[], trashed: readonly TrashedSpend[] = []): ProjectSpend {
  let spent = 0;
  let committed = 0;
  const listed = new Set<string>();
  for (const g of generations) {
    if (g.id !== undefined) listed.add(g.id);
    const share = spendOf(g);
    spent += share.spentUSD;
    committed += share.committedUSD;
  }
  const trashedUSD = trashed.filter((t) => !listed.has(t.id)).reduce((sum, t) => sum + t.spentUSD, 0);
  return { spentUSD: cents(spent + trashedUSD), committedUSD: cents(committed), trashedUSD: cents(trashedUSD) };
}

/** The amount a row shows for a generation, and what it is. */
export interface ShownCost {
  usd: number;
  /** `reported`: what Runware charged · `estimate`: the price before it is known · `none`: nothing was charged. */
  basis: 'reported' | 'estimate' | 'none';
}

/** What the queue row, the library and the CLI show as a generation's cost. */
export function shownCost(g: SpendFacts): ShownCost {
  if (g.costUSD !== undefined) return { usd: g.costUSD, basis: 'reported' };
  if (g.state === 'failed' || g.state === 'canceled') return { usd: 0, basis: 'none' };
  return { usd: g.estimateUSD, basis: 'estimate' };
}

/**
 * What Runware charged for a task, from the `cost` of its takes. The spec calls `cost`
 * "task cost" while each take carries one ([UNK] which: docs/runware-assumptions.md). When
 * every take of an N-take task reports the same figure and it matches the whole task's
 * estimate better than one take's share, it is the task's total, counted once; otherwise
 * each take's cost is its own and they add up.
 */
export function reportedTaskCost(
  takes: readonly { costUSD?: number }[],
  estimateUSD: number,
  numberResults: number,
): { costUSD: number; basis: 'per-take' | 'per-task' } | null {
  const costs = takes.map((t) => t.costUSD).filter((c): c is number => c !== undefined);
  const [first] = costs;
  if (first === undefined) return null;
  const round = (usd: number) => Math.round(usd * 10_000) / 10_000;
  const allSame = costs.every((c) => Math.abs(c - first) < 1e-9);
  if (numberResults > 1 && allSame && Math.abs(first - estimateUSD) < Math.abs(first - estimateUSD / numberResults)) {
    return { costUSD: round(first), basis: 'per-task' };
  }
  return { costUSD: round(costs.reduce((a, b) => a + b, 0)), basis: 'per-take' };
}
