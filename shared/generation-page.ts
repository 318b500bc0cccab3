import { isTerminal, type GenerationSummary } from './generation.ts';

/** Enough cards to fill the largest window several times over. */
export const FIRST_PAGE_SIZE = 120;

/**
 * What a project opens with: its newest generations (the list is oldest first) and every
 * older one still in progress, so the queue is complete from the first frame.
 */
export function firstPage(list: readonly GenerationSummary[], size = FIRST_PAGE_SIZE): GenerationSummary[] {
  const start = Math.max(0, list.length - size);
  return [...list.slice(0, start).filter((g) => !isTerminal(g.state)), ...list.slice(start)];
}

/**
 * The full list arriving after the first page: a generation updated in between (an event
 * newer than the list) keeps its newer copy.
 */
export function mergeNewer(
  known: Readonly<Record<string, GenerationSummary>>,
  full: readonly GenerationSummary[],
): Record<string, GenerationSummary> {
  const merged: Record<string, GenerationSummary> = {};
  for (const g of full) {
    const mine = known[g.id];
    merged[g.id] = mine && mine.updatedAt > g.updatedAt ? mine : g;
  }
  for (const [id, g] of Object.entries(known)) merged[id] ??= g;
  return merged;
}
