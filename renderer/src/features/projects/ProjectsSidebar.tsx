import { TryDemoButton } from '../demo/demo.tsx';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { archiveProject, createProject, openProject, renameProject, revealProject } from './actions.ts';
import { useProjects } from './projects-store.ts';
import { money } from '../../lib/format.ts';
import { projectSpend } from '../../../../shared/spend.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Icon } from '../../ui/Icon.tsx';

function NewProjectForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    if (await createProject(name)) onDone();
    setBusy(false);
  };
  return (
    <form className="new-project" onSubmit={(e) => void submit(e)}>
      <input
        className="input"
        aria-label="New project name"
        placeholder="Project name"
        // The person asked for this field: it takes the focus at once.
        autoFocus
        value={name}
        disabled={busy}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onDone()}
      />
      <div className="new-project__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy || !name.trim()}>
          Create
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RenameField({ dir, name, onDone }: { dir: string; name: string; onDone: () => void }) {
  const [value, setValue] = useState(name);
  const commit = async () => {
    if (value.trim() && value.trim() !== name) await renameProject(dir, value);
    onDone();
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') void commit();
    if (e.key === 'Escape') onDone();
  };
  return (
    <input
      className="input input--inline"
      aria-label="Project name"
      autoFocus
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => void commit()}
      onKeyDown={onKey}
    />
  );
}

export function ProjectsSidebar() {
  const list = useProjects((s) => s.list);
  const loaded = useProjects((s) => s.listLoaded);
  const current = useProjects((s) => s.current);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const generations = useProjects((s) => s.generations);
  const trashed = useProjects((s) => s.trashed);
  // The open project's spend follows its generations live; the others were read at listing.
  const live = useMemo(() => projectSpend(Object.values(generations), trashed), [generations, trashed]);
  const paidMedia = useProjects((s) => s.paidMediaUSD);
  const spentOf = (dir: string, listed: number) => (current?.dir === dir ? live.spentUSD + paidMedia : listed);
  const total = list.reduce((sum, p) => sum + spentOf(p.dir, p.spentUSD), 0);

  return (
    <nav className="sidebar" aria-label="Projects">
      <h2 className="panel-title">Projects</h2>
      <div className="sidebar__list">
        {!loaded ? (
          <div className="skeleton skeleton--list" aria-busy="true" />
        ) : list.length === 0 && !creating ? (
          <EmptyState
            title="No projects yet"
            action={
              <>
                <button type="button" className="button button--primary button--small" onClick={() => setCreating(true)}>
                  Create your first project
                </button>
                <TryDemoButton className="button button--small button--ghost" />
              </>
            }
          >
            A project keeps its portraits, voices and videos together in one folder you can open without the app. No Runware account yet?
            Try the demo: nothing is billed.
          </EmptyState>
        ) : (
          <ul className="project-list">
            {list.map((p) => (
              <li key={p.dir} className={`project${current?.dir === p.dir ? ' project--current' : ''}`}>
                {renaming === p.dir ? (
                  <RenameField dir={p.dir} name={p.name} onDone={() => setRenaming(null)} />
                ) : (
                  <button
                    type="button"
                    className="project__open"
                    aria-current={current?.dir === p.dir ? 'page' : undefined}
                    onClick={() => void openProject(p.dir)}
                    onDoubleClick={() => setRenaming(p.dir)}
                  >
                    <span className="project__name">{p.name}</span>
                    <span className="project__meta money">{money(spentOf(p.dir, p.spentUSD))}</span>
                  </button>
                )}
                <DropdownMenu.Root>
                  <DropdownMenu.Trigger className="icon-button icon-button--small" aria-label={`Actions for ${p.name}`}>
                    <Icon name="more" />
                  </DropdownMenu.Trigger>
                  <DropdownMenu.Portal>
                    <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
                      <DropdownMenu.Item className="menu__item" onSelect={() => setRenaming(p.dir)}>
                        Rename…
                      </DropdownMenu.Item>
                      <DropdownMenu.Item className="menu__item" onSelect={() => void revealProject(p.dir)}>
                        Open in folder
                      </DropdownMenu.Item>
                      <DropdownMenu.Separator className="menu__separator" />
                      <DropdownMenu.Item className="menu__item" onSelect={() => void archiveProject(p.dir, p.name)}>
                        Archive
                      </DropdownMenu.Item>
                    </DropdownMenu.Content>
                  </DropdownMenu.Portal>
                </DropdownMenu.Root>
              </li>
            ))}
          </ul>
        )}
        {creating ? <NewProjectForm onDone={() => setCreating(false)} /> : null}
      </div>
      {list.length > 0 && !creating ? (
        <button type="button" className="button button--ghost sidebar__new" onClick={() => setCreating(true)}>
          <Icon name="plus" /> New project
        </button>
      ) : null}
      <footer className="sidebar__footer" title="What Runware charged across your projects, the videos in the trash included">
        <span className="muted">Spent</span>
        <span className="money" data-testid="total-spent">
          {money(total)}
        </span>
        {current && live.trashedUSD > 0 ? (
          <span className="sidebar__note muted" data-testid="trashed-spent">
            {money(live.trashedUSD)} of “{current.name}” is in the trash
          </span>
        ) : null}
      </footer>
    </nav>
  );
}
