import { create } from 'zustand';
import { toast } from '../../app/ui-store.ts';

/** One take of one generation: what the player shows and what compare lines up. */
export interface TakeRef {
  id: string;
  take: number;
}

export type LibraryFilter = 'all' | 'favorites';

/** Compare shows up to four videos side by side; more would be too small to judge. */
export const COMPARE_MAX = 4;

/**
 * The library's own UI state. It outlives the tab (switching to Create and back keeps
 * the selection) but not the project: opening another project starts afresh.
 */
export interface LibraryState {
  projectDir: string | null;
  selectedId: string | null;
  /** The take shown for each generation the person has looked at. */
  takeOf: Record<string, number>;
  compare: TakeRef[];
  compareOpen: boolean;
  filter: LibraryFilter;
  query: string;
  exportId: string | null;
  retryId: string | null;
  forProject: (dir: string | null) => void;
  select: (id: string | null) => void;
  setTake: (id: string, take: number) => void;
  /** Adds or removes a take; false when compare is already full. */
  toggleCompare: (ref: TakeRef) => boolean;
  dropFromCompare: (id: string) => void;
  clearCompare: () => void;
  setCompareOpen: (open: boolean) => void;
  setFilter: (filter: LibraryFilter) => void;
  setQuery: (query: string) => void;
  setExportId: (id: string | null) => void;
  setRetryId: (id: string | null) => void;
}

const fresh = {
  selectedId: null,
  takeOf: {},
  compare: [],
  compareOpen: false,
  filter: 'all' as LibraryFilter,
  query: '',
  exportId: null,
  retryId: null,
};

export const sameTake = (a: TakeRef, b: TakeRef): boolean => a.id === b.id && a.take === b.take;

export const useLibrary = create<LibraryState>()((set, get) => ({
  projectDir: null,
  ...fresh,
  forProject: (dir) => {
    if (get().projectDir !== dir) set({ projectDir: dir, ...fresh });
  },
  select: (selectedId) => set({ selectedId }),
  setTake: (id, take) => set((s) => ({ takeOf: { ...s.takeOf, [id]: take } })),
  toggleCompare: (ref) => {
    const { compare } = get();
    if (compare.some((r) => sameTake(r, ref))) {
      set({ compare: compare.filter((r) => !sameTake(r, ref)) });
      return true;
    }
    if (compare.length >= COMPARE_MAX) {
      toast('warning', `Compare holds up to ${COMPARE_MAX} takes. Untick one first.`);
      return false;
    }
    set({ compare: [...compare, ref] });
    return true;
  },
  dropFromCompare: (id) => set((s) => ({ compare: s.compare.filter((r) => r.id !== id) })),
  clearCompare: () => set({ compare: [], compareOpen: false }),
  setCompareOpen: (compareOpen) => set({ compareOpen }),
  setFilter: (filter) => set({ filter }),
  setQuery: (query) => set({ query }),
  setExportId: (exportId) => set({ exportId }),
  setRetryId: (retryId) => set({ retryId }),
}));
