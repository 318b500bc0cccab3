import { plural } from '../../lib/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { useCompareItems } from './CompareDialog.tsx';
import { COMPARE_MAX, useLibrary, type LibraryFilter } from './library-store.ts';

const FILTERS: { value: LibraryFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'favorites', label: 'Favourites' },
];

/** Filter, search by name, how many are shown, and the compare tray. */
export function LibraryToolbar({ shown, total }: { shown: number; total: number }) {
  const filter = useLibrary((s) => s.filter);
  const query = useLibrary((s) => s.query);
  const setFilter = useLibrary((s) => s.setFilter);
  const setQuery = useLibrary((s) => s.setQuery);
  const compareCount = useCompareItems().length;
  const ready = compareCount >= 2;

  return (
    <div className="lib-toolbar">
      <div className="lib-segmented" role="group" aria-label="Show">
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            className="lib-segmented__item"
            aria-pressed={filter === f.value}
            onClick={() => setFilter(f.value)}
          >
            {f.value === 'favorites' ? <Icon name="star" size={14} /> : null}
            {f.label}
          </button>
        ))}
      </div>
      <input
        type="search"
        className="input lib-toolbar__search"
        placeholder="Search by name"
        aria-label="Search by name"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            setQuery('');
          }
        }}
      />
      <span className="lib-toolbar__count muted num" aria-live="polite" data-testid="library-count">
        {shown === total ? plural(total, 'video') : `${shown} of ${plural(total, 'video')}`}
      </span>
      <div className="lib-toolbar__compare">
        {compareCount > 0 ? (
          <button type="button" className="button button--small" onClick={() => useLibrary.getState().clearCompare()}>
            Clear
          </button>
        ) : null}
        <button
          type="button"
          className="button button--small"
          disabled={!ready}
          title={ready ? undefined : `Tick 2 to ${COMPARE_MAX} takes to compare them side by side`}
          onClick={() => useLibrary.getState().setCompareOpen(true)}
        >
          <Icon name="compare" />
          {compareCount > 0 ? `Compare ${plural(compareCount, 'take')}` : 'Compare'}
        </button>
      </div>
    </div>
  );
}
