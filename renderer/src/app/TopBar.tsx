import * as Tooltip from '@radix-ui/react-tooltip';
import type { KeyboardEvent } from 'react';
import { useProjects } from '../features/projects/projects-store.ts';
import { useStudio, type Tab } from './ui-store.ts';
import { MOD_KEY } from '../lib/keyboard.ts';
import { Icon } from '../ui/Icon.tsx';

const TABS: { id: Tab; label: string; shortcut: string }[] = [
  { id: 'create', label: 'Create', shortcut: `${MOD_KEY}+1` },
  { id: 'library', label: 'Library', shortcut: `${MOD_KEY}+2` },
];

export function TopBar() {
  const tab = useStudio((s) => s.tab);
  const setTab = useStudio((s) => s.setTab);
  const openSettings = useStudio((s) => s.setSettingsOpen);
  const openHelp = useStudio((s) => s.setHelpOpen);
  const project = useProjects((s) => s.current);

  // Arrow keys move between tabs, as a tablist should.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (next) {
      setTab(next.id);
      document.getElementById(`tab-${next.id}`)?.focus();
    }
  };

  return (
    <header className="topbar">
      {/* The page's one top heading, for screen readers' heading navigation; the tabs say where you are. */}
      <h1 className="sr-only">Avatar Studio</h1>
      <div className="tabs" role="tablist" aria-label="Workspace" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            className="tabs__tab"
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            title={`${t.label} (${t.shortcut})`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {project ? (
        <span className="topbar__project" title={project.dir}>
          {project.name}
        </span>
      ) : null}
      <div className="topbar__actions">
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => openHelp(true)}
        >
          <Icon name="help" size={18} />
        </button>
        <Tooltip.Root>
          <Tooltip.Trigger asChild>
            <button type="button" className="icon-button" aria-label="Settings" onClick={() => openSettings(true)}>
              <Icon name="gear" size={18} />
            </button>
          </Tooltip.Trigger>
          <Tooltip.Portal>
            <Tooltip.Content className="tooltip" sideOffset={6}>
              Settings ({MOD_KEY}+,)
            </Tooltip.Content>
          </Tooltip.Portal>
        </Tooltip.Root>
      </div>
    </header>
  );
}
