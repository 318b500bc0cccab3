import { useCallback, useEffect, useMemo, useRef } from 'react';
import { isTerminal, type GenerationSummary } from '../../../../shared/generation.ts';
import { byNewest, useProjects } from '../projects/projects-store.ts';
import { useStudio } from '../../app/ui-store.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { CompareDialog } from './CompareDialog.tsx';
import { ExportDialog } from './ExportDialog.tsx';
import { GenerationGrid } from './GenerationGrid.tsx';
import { LibraryToolbar } from './LibraryToolbar.tsx';
import { PLAYER_VIDEO_ID, PlayerPanel } from './PlayerPanel.tsx';
import { RetryDialog } from './RetryDialog.tsx';
import { moveToTrash } from './actions.ts';
import { libraryGenerations, playableTakes, visibleGenerations } from './library-model.ts';
import { useLibrary } from './library-store.ts';
import { useLibraryKeys } from './use-library-keys.ts';
import '../../styles/library.css';

/** What to select once `gone` leaves the list: its right-hand neighbour, else its left. */
function neighbourOf(items: readonly GenerationSummary[], gone: string): string | null {
  const index = items.findIndex((g) => g.id === gone);
  if (index < 0) return null;
  return items[index + 1]?.id ?? items[index - 1]?.id ?? null;
}

type Unfinished = 'none' | 'busy' | 'failed';

/** Beside a count of generations, "No videos yet" would contradict it: say what state they are in. */
const NOTHING_YET_TITLE: Record<Unfinished, string> = {
  none: 'No videos yet',
  busy: 'Nothing finished yet',
  failed: 'Nothing finished',
};

const NOTHING_YET: Record<Unfinished, string> = {
  none: 'Make one in Create: finished takes land here, kept on your disk with their settings.',
  busy: 'Generations in the queue appear here as soon as their takes are downloaded.',
  failed: 'None of these finished. Select one to see why, or generate it again.',
};

function NoFinishedVideos({ why }: { why: Unfinished }) {
  const setTab = useStudio((s) => s.setTab);
  const action =
    why === 'busy' ? null : (
      <button type="button" className="button" onClick={() => setTab('create')}>
        Go to Create
      </button>
    );
  return (
    <EmptyState title={NOTHING_YET_TITLE[why]} action={action}>
      {NOTHING_YET[why]}
    </EmptyState>
  );
}

/** The library: every generation of the open project, a player, compare and export. */
export function LibraryTab() {
  const project = useProjects((s) => s.current);
  const opening = useProjects((s) => s.opening);
  const generations = useProjects((s) => s.generations);
  const expectedTotal = useProjects((s) => s.expectedTotal);
  const filter = useLibrary((s) => s.filter);
  const query = useLibrary((s) => s.query);
  const selectedId = useLibrary((s) => s.selectedId);
  const exportId = useLibrary((s) => s.exportId);
  const retryId = useLibrary((s) => s.retryId);
  const select = useLibrary((s) => s.select);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => useLibrary.getState().forProject(project?.dir ?? null), [project?.dir]);

  const newest = useMemo(() => libraryGenerations(byNewest(generations)), [generations]);
  const items = useMemo(() => visibleGenerations(newest, filter, query), [newest, filter, query]);
  const finished = useMemo(() => newest.some((g) => playableTakes(g).length > 0), [newest]);
  const busy = useMemo(() => newest.some((g) => !isTerminal(g.state)), [newest]);
  const selected = (selectedId && generations[selectedId]) || null;
  const shown = selected && items.some((g) => g.id === selected.id) ? selected : null;

  // Something is always selected while there is something to show, so Space has a video to play.
  useEffect(() => {
    if (!shown && items[0]) select(items[0].id);
  }, [items, shown, select]);

  const trash = useCallback((g: GenerationSummary) => void moveToTrash(g, neighbourOf(items, g.id)), [items]);
  useLibraryKeys(video, () => {
    if (shown) trash(shown);
  });

  const open = useCallback(
    (id: string) => {
      select(id);
      requestAnimationFrame(() =>
        (document.getElementById(PLAYER_VIDEO_ID) ?? document.querySelector<HTMLElement>('.lib-player button'))?.focus(),
      );
    },
    [select],
  );

  if (!project) {
    return (
      <div className="library-tab library-tab--empty">
        {opening ? (
          <div className="skeleton lib-skeleton" aria-busy="true" aria-label="Opening the project" />
        ) : (
          <EmptyState title="No videos yet">
            Create or choose a project in the sidebar: its videos appear here, kept in its folder.
          </EmptyState>
        )}
      </div>
    );
  }
  if (newest.length === 0) {
    return (
      <div className="library-tab library-tab--empty">
        <NoFinishedVideos why="none" />
      </div>
    );
  }

  return (
    <div className="library-tab">
      <div className="library-tab__browse" aria-busy={expectedTotal !== null} data-testid="library-browse">
        {/* While a big project's older videos are still arriving, the count is already the whole. */}
        <LibraryToolbar
          shown={expectedTotal !== null && filter === 'all' && query.trim() === '' ? expectedTotal : items.length}
          total={Math.max(newest.length, expectedTotal ?? 0)}
        />
        {finished ? null : <NoFinishedVideos why={busy ? 'busy' : 'failed'} />}
        {items.length > 0 ? (
          <GenerationGrid items={items} projectId={project.id} selectedId={shown?.id ?? null} onSelect={select} onOpen={open} />
        ) : filter === 'favorites' && query.trim() === '' ? (
          <EmptyState title="No favourites yet">Star a video to keep it here.</EmptyState>
        ) : (
          <EmptyState title={`Nothing matches “${query.trim()}”`}>
            {filter === 'favorites'
              ? 'Only favourites are searched: show All to search every video.'
              : 'Check the spelling, or clear the search.'}
          </EmptyState>
        )}
      </div>
      <PlayerPanel g={shown} projectId={project.id} videoRef={video} onTrash={trash} />
      <CompareDialog />
      <ExportDialog g={exportId ? (generations[exportId] ?? null) : null} onClose={() => useLibrary.getState().setExportId(null)} />
      <RetryDialog g={retryId ? (generations[retryId] ?? null) : null} onClose={() => useLibrary.getState().setRetryId(null)} />
    </div>
  );
}
