import { useShallow } from 'zustand/react/shallow';
import type { GenerationSummary } from '../../../../shared/generation.ts';
import { plural } from '../../lib/format.ts';
import { useProjects } from '../projects/projects-store.ts';
import { STATE_LABELS } from './queue-labels.ts';

/** m:ss.s for a part's place in the voice. */
function at(sec: number): string {
  const m = Math.floor(sec / 60);
  return `${m}:${(sec - m * 60).toFixed(1).padStart(4, '0')}`;
}

/**
 * A split generation is one row; its parts open beneath it, each with its own state,
 * so the queue shows one video for one video.
 */
export function SplitPartsList({ g }: { g: GenerationSummary }) {
  const parts = useProjects(
    useShallow((s) =>
      Object.values(s.generations)
        .filter((p) => p.parent?.id === g.id)
        .sort((a, b) => (a.parent?.index ?? 0) - (b.parent?.index ?? 0) || a.createdAt.localeCompare(b.createdAt)),
    ),
  );
  const planned = g.parts ?? [];
  if (planned.length === 0) return null;
  // A part made again has several attempts: the newest one is the part's state.
  const latest = new Map<number, GenerationSummary>();
  for (const p of parts) if (p.parent) latest.set(p.parent.index, p);
  const done = planned.filter((p) => latest.get(p.index)?.state === 'done').length;
  return (
    <details className="queue-parts">
      <summary className="queue-parts__summary num">
        {plural(planned.length, 'part')} · {done} done
      </summary>
      <ol className="queue-parts__list">
        {planned.map((p) => {
          const part = latest.get(p.index);
          return (
            <li key={p.index} className="queue-parts__part num" data-testid="queue-part">
              <span>
                Part {p.index} · {at(p.startSec)}–{at(p.endSec)}
              </span>
              <span className={`state state--${part?.state ?? 'queued'}`}>{part ? STATE_LABELS[part.state] : 'waiting'}</span>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
