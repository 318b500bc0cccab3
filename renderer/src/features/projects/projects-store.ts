import { create } from 'zustand';
import type { Transfer } from '../../../../shared/transfer.ts';
import { mergeNewer } from '../../../../shared/generation-page.ts';
import { isTerminal, type GenerationSummary, type QueueSummary } from '../../../../shared/generation.ts';
import type { ProjectFile, ProjectListItem } from '../../../../shared/project.ts';
import type { TrashedSpend } from '../../../../shared/spend.ts';

export type OpenProject = ProjectFile & { dir: string };

export interface Progress {
  progress: number | null;
  etaSec: number | null;
  /** When the ETA was computed (ms), so the window can count it down. */
  at: number;
}

/**
 * A mirror of what main owns: the projects, the open project's generations, live
 * progress and the queue. Updated from main's events; never the source of truth.
 */
export interface ProjectsState {
  root: string | null;
  list: ProjectListItem[];
  listLoaded: boolean;
  current: OpenProject | null;
  opening: boolean;
  generations: Record<string, GenerationSummary>;
  /** While the rest of a big project is still arriving: how many generations it holds. */
  expectedTotal: number | null;
  unreadable: { id: string; reason: string }[];
  /** What the open project's trashed generations cost: still part of its spend. */
  trashed: TrashedSpend[];
  /** What speech and portraits made for the open project cost: part of its spend too. */
  paidMediaUSD: number;
  /** A preview or candidates just paid for. */
  addPaidMedia: (projectDir: string, usd: number) => void;
  progress: Record<string, Progress>;
  exportProgress: Record<string, number>;
  /** Bytes of each generation's current upload or download. */
  transfer: Record<string, Transfer>;
  queue: QueueSummary | null;
  setList: (root: string, list: ProjectListItem[]) => void;
  setOpening: (opening: boolean) => void;
  setCurrent: (
    project: OpenProject | null,
    generations: GenerationSummary[],
    unreadable: { id: string; reason: string }[],
    trashed?: TrashedSpend[],
    total?: number,
    paidMediaUSD?: number,
  ) => void;
  /** The whole list, arriving after the first page of a big project. */
  completeGenerations: (projectDir: string, full: GenerationSummary[]) => void;
  upsert: (projectDir: string, generation: GenerationSummary) => void;
  /** A generation left the list; `trashed` when it went to the trash, keeping what it cost. */
  remove: (id: string, trashed?: TrashedSpend) => void;
  setProgress: (projectDir: string, id: string, progress: number | null, etaSec: number | null) => void;
  setExportProgress: (id: string, fraction: number | null) => void;
  setTransfer: (projectDir: string, id: string, transfer: Transfer) => void;
  setQueue: (queue: QueueSummary) => void;
}

export const useProjects = create<ProjectsState>()((set) => ({
  root: null,
  list: [],
  listLoaded: false,
  current: null,
  opening: false,
  generations: {},
  expectedTotal: null,
  unreadable: [],
  trashed: [],
  paidMediaUSD: 0,
  addPaidMedia: (projectDir, usd) => set((s) => (s.current?.dir === projectDir ? { paidMediaUSD: s.paidMediaUSD + usd } : s)),
  progress: {},
  exportProgress: {},
  transfer: {},
  queue: null,
  setList: (root, list) => set({ root, list, listLoaded: true }),
  setOpening: (opening) => set({ opening }),
  setCurrent: (current, generations, unreadable, trashed = [], total = generations.length, paidMediaUSD = 0) =>
    set({
      current,
      generations: Object.fromEntries(generations.map((g) => [g.id, g])),
      expectedTotal: total > generations.length ? total : null,
      unreadable,
      trashed,
      paidMediaUSD,
      progress: {},
      transfer: {},
      opening: false,
    }),
  completeGenerations: (projectDir, full) =>
    set((s) => (s.current?.dir === projectDir ? { generations: mergeNewer(s.generations, full), expectedTotal: null } : s)),
  upsert: (projectDir, generation) =>
    set((s) =>
      s.current?.dir === projectDir
        ? { generations: { ...s.generations, [generation.id]: generation }, trashed: s.trashed.filter((t) => t.id !== generation.id) }
        : s,
    ),
  remove: (id, trashed) =>
    set((s) => {
      const { [id]: _gone, ...rest } = s.generations;
      return { generations: rest, trashed: trashed ? [...s.trashed.filter((t) => t.id !== id), trashed] : s.trashed };
    }),
  setProgress: (projectDir, id, progress, etaSec) =>
    set((s) => (s.current?.dir === projectDir ? { progress: { ...s.progress, [id]: { progress, etaSec, at: Date.now() } } } : s)),
  setExportProgress: (id, fraction) =>
    set((s) => {
      if (fraction === null) {
        const { [id]: _done, ...rest } = s.exportProgress;
        return { exportProgress: rest };
      }
      return { exportProgress: { ...s.exportProgress, [id]: fraction } };
    }),
  setTransfer: (projectDir, id, transfer) =>
    set((s) => (s.current?.dir === projectDir ? { transfer: { ...s.transfer, [id]: transfer } } : s)),
  setQueue: (queue) => set({ queue }),
}));

/** Newest first: the library's order. */
export function byNewest(generations: Record<string, GenerationSummary>): GenerationSummary[] {
  return Object.values(generations).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** What the queue panel lists: unfinished work in queue order, then the most recent finished. */
export function queueItems(generations: Record<string, GenerationSummary>, recentLimit = 20): GenerationSummary[] {
  // A split generation's parts are listed inside its own row, not beside it.
  const all = Object.values(generations).filter((g) => !g.parent);
  // Running work first (oldest first), then what waits, in the order it will start.
  const running = all
    .filter((g) => !isTerminal(g.state) && g.state !== 'queued' && g.state !== 'draft')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const waiting = all.filter((g) => g.state === 'queued').sort((a, b) => a.queueOrder - b.queueOrder);
  const open = [...running, ...waiting];
  const finished = all
    .filter((g) => isTerminal(g.state))
    .sort((a, b) => (b.finishedAt ?? b.updatedAt).localeCompare(a.finishedAt ?? a.updatedAt))
    .slice(0, recentLimit);
  return [...open, ...finished];
}
