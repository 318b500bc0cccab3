/**
 * What the library shows about a generation, worked out from its summary alone so a
 * grid of thousands never waits on a record read.
 */
import { auroraModel } from '../../../../shared/aurora-models.ts';
import type { GenerationSummary, Take } from '../../../../shared/generation.ts';
import type { LibraryFilter } from './library-store.ts';

/** A take that can be played, compared and exported: finished and on disk. */
export type PlayableTake = Take & { file: string };

export function playableTakes(g: GenerationSummary): PlayableTake[] {
  return g.takes.filter((t): t is PlayableTake => t.state === 'done' && typeof t.file === 'string');
}

/** The take to show: the one chosen before if it still plays, else the first that does. */
export function shownTake(g: GenerationSummary, chosen: number | undefined): PlayableTake | null {
  const takes = playableTakes(g);
  return takes.find((t) => t.index === chosen) ?? takes[0] ?? null;
}

/** Project-relative path of a file inside a generation's folder. */
export function generationFile(g: Pick<GenerationSummary, 'id'>, file: string): string {
  return `generations/${g.id}/${file}`;
}

/** The poster for the grid: the shown take's, else any take's. */
export function posterFile(g: GenerationSummary, chosen?: number): string | null {
  const poster = shownTake(g, chosen)?.poster ?? g.takes.find((t) => t.poster)?.poster;
  return poster ? generationFile(g, poster) : null;
}

/** Seconds of video: the take's measured length, else the audio that was sent. */
export function durationOf(g: GenerationSummary, take?: Take | null): number {
  return take?.durationSec ?? playableTakes(g)[0]?.durationSec ?? g.audioSec;
}

// Every state but done has a badge: a new state cannot slip into the grid looking finished.
const BADGES: Record<Exclude<GenerationSummary['state'], 'done'>, string> = {
  draft: 'Draft',
  queued: 'Waiting',
  preparing: 'Preparing',
  uploading: 'Uploading',
  submitting: 'Sending',
  processing: 'Generating',
  downloading: 'Downloading',
  stitching: 'Stitching',
  failed: 'Failed',
  canceled: 'Canceled',
  interrupted: 'Resuming',
};

/** A badge for anything not finished; null for a finished generation. */
export function stateBadge(g: GenerationSummary): { label: string; tone: 'busy' | 'failed' | 'muted' } | null {
  if (g.state === 'done') return null;
  const label = BADGES[g.state];
  return { label, tone: g.state === 'failed' ? 'failed' : g.state === 'canceled' ? 'muted' : 'busy' };
}

/**
 * The library's videos, newest first: the parts of a split video are not videos of
 * their own (the split video shows them stitched), so they stay out of the grid.
 */
export function libraryGenerations(newestFirst: readonly GenerationSummary[]): GenerationSummary[] {
  return newestFirst.filter((g) => g.parent === undefined);
}

/** Narrowed by the filter and the name search. */
export function visibleGenerations(videos: readonly GenerationSummary[], filter: LibraryFilter, query: string): GenerationSummary[] {
  const needle = query.trim().toLocaleLowerCase();
  return videos.filter((g) => (filter === 'all' || g.favorite) && (needle === '' || g.name.toLocaleLowerCase().includes(needle)));
}

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function dateLabel(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : DATE.format(at);
}

/** Columns that fit `width`: cards never narrower than `minCard`. */
export function columnsFor(width: number, minCard: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (minCard + gap)));
}

/**
 * Where a key moves the selection in a grid of `count` cards in `columns` columns,
 * or null when the key does not move it. Up/down keep the column; the last row may
 * be short, so moving down into it lands on its last card.
 */
export function moveSelection(index: number, key: string, columns: number, count: number, pageRows: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (i: number) => Math.max(0, Math.min(last, i));
  switch (key) {
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowDown':
      return index + columns > last && Math.floor(index / columns) === Math.floor(last / columns) ? index : clamp(index + columns);
    case 'ArrowUp':
      return index - columns < 0 ? index : index - columns;
    case 'PageDown':
      return clamp(index + columns * pageRows);
    case 'PageUp':
      return clamp(index - columns * pageRows);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** A path under the project shown as the person sees it (`exports/clip.webm`), never an absolute one. */
export function projectRelative(file: string, projectDir: string): string {
  const norm = (p: string) => p.replaceAll('\\', '/').replace(/\/+$/, '');
  const dir = norm(projectDir);
  const path = norm(file);
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : (path.split('/').pop() ?? path);
}

/** "Draft · 480p" for a generation made with a draft model; null for finals. */
export function draftLabel(g: Pick<GenerationSummary, 'params'>): string | null {
  const model = auroraModel(g.params.model);
  return model.role === 'draft' ? `Draft · ${model.resolution}` : null;
}
