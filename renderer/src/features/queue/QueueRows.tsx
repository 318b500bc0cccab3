import { useMemo } from 'react';
import type { GenerationSummary } from '../../../../shared/generation.ts';
import { clock } from '../../lib/format.ts';
import { QueueItem } from './QueueItem.tsx';
import { batchLines, type BatchLine } from './batch-progress.ts';

type Row = { kind: 'one'; g: GenerationSummary } | { kind: 'batch'; line: BatchLine; members: GenerationSummary[] };

/** The queue's rows in order: a batch is one row, where its first member would have been. */
export function queueRows(items: readonly GenerationSummary[], all: readonly GenerationSummary[]): Row[] {
  const lines = new Map(batchLines(all).map((l) => [l.id, l]));
  const rows: Row[] = [];
  const placed = new Map<string, GenerationSummary[]>();
  for (const g of items) {
    const line = g.batch ? lines.get(g.batch.id) : undefined;
    if (!line) {
      rows.push({ kind: 'one', g });
      continue;
    }
    const members = placed.get(line.id);
    if (members) members.push(g);
    else {
      const first = [g];
      placed.set(line.id, first);
      rows.push({ kind: 'batch', line, members: first });
    }
  }
  return rows;
}

/** One batch on one row: how far it is, how long is left, and its items beneath it. */
function BatchRow({ line, members }: { line: BatchLine; members: GenerationSummary[] }) {
  const percent = Math.round((100 * (line.done + line.failed)) / line.count);
  return (
    <li className="queue-batch" aria-label={`${line.name}, batch of ${line.count}`}>
      <div className="batch-line" role="status" data-testid="batch-progress">
        <span className="batch-line__name">{line.name}</span>
        <span className="num">
          {line.done}/{line.count} done{line.failed ? ` · ${line.failed} failed` : ''}
          {line.etaSec !== null && line.done + line.failed < line.count ? `, about ${clock(line.etaSec)} left` : ''}
        </span>
        <div
          className="progress"
          role="progressbar"
          aria-label={`${line.name} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="progress__bar" style={{ width: `${percent}%` }} />
        </div>
      </div>
      <details className="queue-batch__items">
        <summary className="queue-parts__summary">Show its {members.length === line.count ? line.count : members.length} items</summary>
        <ul className="queue-list" aria-label={`Items of ${line.name}`}>
          {members.map((g) => (
            <QueueItem key={g.id} generation={g} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export function QueueRows({ items, all }: { items: readonly GenerationSummary[]; all: readonly GenerationSummary[] }) {
  const rows = useMemo(() => queueRows(items, all), [items, all]);
  return (
    <ul className="queue-list" aria-label="Generations">
      {rows.map((row) =>
        row.kind === 'one' ? (
          <QueueItem key={row.g.id} generation={row.g} />
        ) : (
          <BatchRow key={row.line.id} line={row.line} members={row.members} />
        ),
      )}
    </ul>
  );
}
