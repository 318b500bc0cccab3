import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { GenerationSummary } from '../../../../shared/generation.ts';
import { GenerationCard } from './GenerationCard.tsx';
import { columnsFor, moveSelection } from './library-model.ts';
import { useLibrary } from './library-store.ts';

const MIN_CARD = 184;
/** A card never outgrows the player beside it (whose narrowest stage is 308 px). */
const MAX_CARD = 300;
const GAP = 16;
/** Name and date/cost lines under the square poster. */
const META_HEIGHT = 60;
/** Room beside the cards for their focus ring. */
const EDGE = 4;
/**
 * Size assumed until the grid is laid out (and while it is hidden): a grid measured
 * at 0 × 0 would otherwise collapse to one column and render nothing.
 */
const FALLBACK = { width: 720, height: 640 };

function observeRectOrFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  return observeElementRect(instance, (rect) => cb(rect.width === 0 && rect.height === 0 ? FALLBACK : rect));
}

/** The inner width of a scroll container (without its scrollbar), kept up to date. */
function useClientWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(FALLBACK.width);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => setWidth(el.clientWidth || FALLBACK.width);
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export interface GridProps {
  items: readonly GenerationSummary[];
  projectId: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Enter or a double click: hand the generation to the player. */
  onOpen: (id: string) => void;
}

/**
 * The library grid. Only the rows in view (plus a few) are in the DOM, so a project
 * with thousands of generations scrolls as lightly as one with ten. Arrow keys,
 * Page Up/Down and Home/End move the selection; the selected card is the grid's one
 * tab stop.
 */
export function GenerationGrid({ items, projectId, selectedId, onSelect, onOpen }: GridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const width = useClientWidth(scrollRef);
  const inner = Math.max(MIN_CARD, width - EDGE * 2);
  const columns = columnsFor(inner, MIN_CARD, GAP);
  const cardWidth = Math.min(MAX_CARD, (inner - GAP * (columns - 1)) / columns);
  const rowHeight = Math.round(cardWidth + META_HEIGHT);
  const rowCount = Math.ceil(items.length / columns);
  const takeOf = useLibrary((s) => s.takeOf);
  const compare = useLibrary((s) => s.compare);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight + GAP,
    overscan: 2,
    paddingStart: EDGE,
    paddingEnd: EDGE,
    initialRect: FALLBACK,
    observeElementRect: observeRectOrFallback,
  });
  // Rows are all one height, known from the width: re-measure when it changes.
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  const selectedIndex = selectedId === null ? -1 : items.findIndex((g) => g.id === selectedId);

  // Coming back to the tab, or when the columns change, the selected card is
  // brought into view; later selections scroll only when the keyboard makes them.
  const selectedRow = selectedIndex >= 0 ? Math.floor(selectedIndex / columns) : -1;
  const selectedRowRef = useRef(selectedRow);
  selectedRowRef.current = selectedRow;
  useEffect(() => {
    if (selectedRowRef.current >= 0) virtualizer.scrollToIndex(selectedRowRef.current, { align: 'auto' });
  }, [virtualizer, columns]);

  // A generation made while the library is open arrives first (newest first): bring it into
  // view, wherever the grid was scrolled to. Cards already known (or a project just opened) do not move it.
  const known = useRef<Set<string> | null>(null);
  const newest = items[0]?.id;
  useEffect(() => {
    if (known.current && newest !== undefined && !known.current.has(newest)) virtualizer.scrollToOffset(0);
    known.current = new Set(items.map((g) => g.id));
  }, [items, newest, virtualizer]);

  // A card moved to by the keyboard gets focus once its row is rendered.
  useLayoutEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    for (const el of scrollRef.current?.querySelectorAll<HTMLElement>('[data-generation-id]') ?? []) {
      if (el.dataset.generationId === id) {
        el.focus({ preventScroll: true });
        pendingFocus.current = null;
        return;
      }
    }
  });

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (!(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'gridcell') return;
      if (event.key === 'Enter') {
        event.preventDefault();
        if (selectedId) onOpen(selectedId);
        return;
      }
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const viewport = scrollRef.current?.clientHeight ?? FALLBACK.height;
      const pageRows = Math.max(1, Math.floor(viewport / (rowHeight + GAP)));
      const next = moveSelection(Math.max(0, selectedIndex), event.key, columns, items.length, pageRows);
      if (next === null) return;
      event.preventDefault();
      const target = items[next];
      if (!target) return;
      pendingFocus.current = target.id;
      onSelect(target.id);
      virtualizer.scrollToIndex(Math.floor(next / columns), { align: 'auto' });
    },
    [columns, items, onOpen, onSelect, rowHeight, selectedId, selectedIndex, virtualizer],
  );

  // A fling moves more than half a screen between renders: cards it mounts wait for their posters.
  const offset = virtualizer.scrollOffset ?? 0;
  const lastOffset = useRef(offset);
  const flinging =
    virtualizer.isScrolling && Math.abs(offset - lastOffset.current) > (scrollRef.current?.clientHeight ?? FALLBACK.height) / 2;
  lastOffset.current = offset;

  const rows = virtualizer.getVirtualItems();
  const firstRendered = rows[0] ? items[rows[0].index * columns]?.id : undefined;
  const selectedRendered = selectedIndex >= 0 && rows.some((r) => r.index === Math.floor(selectedIndex / columns));
  const tabStop = selectedRendered ? selectedId : firstRendered;

  return (
    <div
      ref={scrollRef}
      className="lib-grid"
      role="grid"
      aria-label="Videos"
      aria-rowcount={rowCount}
      aria-colcount={columns}
      onKeyDown={onKeyDown}
      data-testid="library-grid"
    >
      <div className="lib-grid__sizer" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => (
          <div
            key={row.key}
            role="row"
            aria-rowindex={row.index + 1}
            className="lib-grid__row"
            style={{
              transform: `translateY(${row.start}px)`,
              height: rowHeight,
              left: EDGE,
              right: EDGE,
              gridTemplateColumns: `repeat(${columns}, ${cardWidth}px)`,
              columnGap: GAP,
            }}
          >
            {items.slice(row.index * columns, row.index * columns + columns).map((g) => (
              <GenerationCard
                key={g.id}
                g={g}
                projectId={projectId}
                selected={g.id === selectedId}
                tabbable={g.id === tabStop}
                chosenTake={takeOf[g.id]}
                inCompare={compare.some((r) => r.id === g.id)}
                onSelect={onSelect}
                onOpen={onOpen}
                deferPoster={flinging}
              />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
