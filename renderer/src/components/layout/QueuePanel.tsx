import { useStudio } from '../../store/studio-store.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { Icon } from '../common/Icon.tsx';

export function QueuePanel() {
  const collapsed = useStudio((s) => s.queueCollapsed);
  const toggle = useStudio((s) => s.toggleQueue);
  return (
    <aside className="queue" aria-label="Queue">
      <header className="queue__header">
        {collapsed ? null : <h2 className="panel-title">Queue</h2>}
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
          <EmptyState title="Nothing in the queue">
            Generations you start appear here with their progress, and resume after a restart.
          </EmptyState>
        </div>
      )}
    </aside>
  );
}
