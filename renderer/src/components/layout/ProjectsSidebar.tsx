import { EmptyState } from '../common/EmptyState.tsx';

export function ProjectsSidebar() {
  return (
    <nav className="sidebar" aria-label="Projects">
      <h2 className="panel-title">Projects</h2>
      <div className="sidebar__list">
        <EmptyState title="No projects yet">
          A project keeps its portraits, voices and videos together in one folder you can open without the app.
        </EmptyState>
      </div>
      <footer className="sidebar__footer">
        <span className="muted">Spent</span>
        <span className="money">$0.00</span>
      </footer>
    </nav>
  );
}
