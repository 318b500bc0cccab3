import { isTerminal, type GenerationSummary } from '../../../../shared/generation.ts';

export interface BatchLine {
  id: string;
  name: string;
  count: number;
  done: number;
  failed: number;
  /** Seconds left, from how long this batch's finished items took; null before the first. */
  etaSec: number | null;
}

/**
 * "7/20 done, about 12 min left" for each batch (one that has finished too): the time left is the
 * remaining items × the mean time an item of this batch took, spread over the
 * generations that run at once.
 */
export function batchLines(generations: readonly GenerationSummary[], concurrency = 2): BatchLine[] {
  const groups = new Map<string, GenerationSummary[]>();
  for (const g of generations) {
    if (!g.batch) continue;
    groups.set(g.batch.id, [...(groups.get(g.batch.id) ?? []), g]);
  }
  const lines: BatchLine[] = [];
  for (const [id, items] of groups) {
    const first = items[0]?.batch;
    if (!first) continue;
    const finished = items.filter((g) => isTerminal(g.state));
    const took = finished
      .filter((g) => g.state === 'done' && g.finishedAt)
      .map((g) => (Date.parse(g.finishedAt as string) - Date.parse(g.createdAt)) / 1000);
    const mean = took.length > 0 ? took.reduce((a, b) => a + b, 0) / took.length : null;
    const remaining = first.count - finished.length;
    lines.push({
      id,
      name: first.name,
      count: first.count,
      done: items.filter((g) => g.state === 'done').length,
      failed: items.filter((g) => g.state === 'failed' || g.state === 'canceled').length,
      etaSec: mean === null ? null : Math.round((remaining * mean) / Math.max(1, Math.min(concurrency, remaining))),
    });
  }
  return lines;
}
