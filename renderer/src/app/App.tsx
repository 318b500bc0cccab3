import * as Tooltip from '@radix-ui/react-tooltip';
import { useEffect } from 'react';
import { CreateTab } from '../features/create/CreateTab.tsx';
import { Notices, Toasts } from '../ui/Toasts.tsx';
import { TopBar } from './TopBar.tsx';
import { ProjectsSidebar } from '../features/projects/ProjectsSidebar.tsx';
import { QueuePanel } from '../features/queue/QueuePanel.tsx';
import { LibraryTab } from '../features/library/LibraryTab.tsx';
import { SettingsDialog } from '../features/settings/SettingsDialog.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { DemoBanner } from '../features/demo/demo.tsx';
import { messageOf } from '../ipc/studio.ts';
import { toast, useStudio } from './ui-store.ts';
import { bootstrap } from './bootstrap.ts';
import { useShortcuts } from './use-shortcuts.ts';

export function App() {
  const tab = useStudio((s) => s.tab);
  const queueCollapsed = useStudio((s) => s.queueCollapsed);
  const ready = useStudio((s) => s.ready);
  useShortcuts();

  useEffect(() => {
    let off: (() => void) | undefined;
    let cancelled = false;
    bootstrap()
      .then((unsubscribe) => {
        if (cancelled) unsubscribe();
        else off = unsubscribe;
      })
      .catch((error: unknown) => toast('error', `Avatar Studio could not load its state: ${messageOf(error)}`));
    return () => {
      cancelled = true;
      off?.();
    };
  }, []);

  return (
    <Tooltip.Provider delayDuration={400}>
      <div className={`shell${queueCollapsed ? ' shell--queue-collapsed' : ''}`} aria-busy={!ready}>
        <ProjectsSidebar />
        <main className="workspace">
          <TopBar />
          <DemoBanner />
          <Notices />
          <section className="workspace__body" id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
            {tab === 'create' ? <CreateTab /> : <LibraryTab />}
          </section>
        </main>
        <QueuePanel />
      </div>
      <SettingsDialog />
      <HelpOverlay />
      <Toasts />
    </Tooltip.Provider>
  );
}
