import { useEffect, useMemo, useState } from 'react';
import { isTerminal, type GenerationSummary } from '../../../../shared/generation.ts';
import { setQueuePaused } from './actions.ts';
import { queueItems, useProjects } from '../projects/projects-store.ts';
import { useStudio } from '../../app/ui-store.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { QueueRows } from './QueueRows.tsx';
import { queueCounts } from './queue-labels.ts';

const finishedAt = (g: GenerationSummary): string => g.finishedAt ?? g.updatedAt;

/**
 * "Clear finished" hides what has finished until now from the queue (the library keeps
 * every video); remembered per project, so a restart does not bring the rows back.
 */
function useClearedAt(dir: string | null): [string | null, () => void] {
  const key = dir ? `queue-cleared:${dir}` : null;
  const [clearedAt, setClearedAt] = useState<string | null>(null);
  useEffect(() => setClearedAt(key ? localStorage.getItem(key) : null), [key]);
  const clear = () => {
    const now = new Date().toISOString();
    if (key) localStorage.setItem(key, now);
    setClearedAt(now);
  };
  return [clearedAt, clear];
}

export function QueuePanel() {
  const collapsed = useStudio((s) => s.queueCollapsed);
  const toggle = useStudio((s) => s.toggleQueue);
  const generations = useProjects((s) => s.generations);
  const queue = useProjects((s) => s.queue);
  const dir = useProjects((s) => s.current?.dir ?? null);
  const [clearedAt, clearFinished] = useClearedAt(dir);
  const items = useMemo(
    () => queueItems(generations).filter((g) => !isTerminal(g.state) || clearedAt === null || finishedAt(g) > clearedAt),
    [generations, clearedAt],
  );
  const anyFinished = items.some((g) => isTerminal(g.state));
  const all = useMemo(() => Object.values(generations), [generations]);
  // Counted from the rows shown, so the header always agrees with them.
  const { running, waiting } = useMemo(() => queueCounts(items), [items]);

  return (
    <aside className="queue" aria-label="Queue">
      <header className="queue__header">
        {collapsed ? null : (
          <>
            <h2 className="panel-title">Queue</h2>
            <span className="queue__counts num" data-testid="queue-counts">
              {running > 0 || waiting > 0 ? `${running} running · ${waiting} waiting` : ''}
            </span>
            {anyFinished ? (
              <button type="button" className="button button--small button--ghost" onClick={clearFinished}>
                Clear finished
              </button>
            ) : null}
            <button
              type="button"
              className="icon-button"
              aria-label={queue?.paused ? 'Resume the queue' : 'Pause the queue'}
              title={queue?.paused ? 'Resume the queue' : 'Pause the queue (running generations finish)'}
              onClick={() => setQueuePaused(!queue?.paused)}
            >
              <Icon name={queue?.paused ? 'play' : 'pause'} />
            </button>
          </>
        )}
        <button
          type="button"
          className={`icon-button${collapsed ? '' : ' icon-button--flip'}`}
          aria-label={collapsed ? 'Show queue' : 'Hide queue'}
          aria-expanded={!collapsed}
          onClick={toggle}
        >
          <Icon name="chevron" />
        </button>
      </header>
      {collapsed ? null : (
        <div className="queue__body">
          {queue && !queue.online ? (
            <div className="banner banner--warning banner--stacked" role="status">
              <p>Runware can’t be reached. The queue waits and carries on when the connection is back; the library stays usable.</p>
            </div>
          ) : null}
          {queue?.paused ? (
            <div className="banner banner--stacked" role="status">
              <p>The queue is paused: nothing new starts. Generations Runware already has keep running.</p>
            </div>
          ) : null}
          {items.length === 0 ? (
            <EmptyState title="Nothing in the queue">
              Generations you start appear here with their progress, and resume after a restart.
            </EmptyState>
          ) : (
            <QueueRows items={items} all={all} />
          )}
        </div>
      )}
    </aside>
  );
}
