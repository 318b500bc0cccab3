import type { GenerationRecord } from '../../../shared/generation.ts';
import type { WriteContext } from '../fs/local-write-error.ts';
import type { Project } from '../projects/project.ts';

/**
 * Rough, generous sizes for "free about N MB": the figure only has to be big enough that
 * freeing it lets the generation finish, never exact.
 */
const SENT_AUDIO_BYTES_PER_SEC = 48_000 * 2 * 2; // 16-bit stereo WAV at 48 kHz
const PORTRAIT_BYTES = 2_000_000;
const VIDEO_BYTES_PER_SEC = 1_000_000; // 720p H.264 at about 8 Mbit/s
const POSTER_BYTES = 300_000;
const RECORDS_BYTES = 1_000_000;

/** About how many bytes the rest of this generation still writes into its folder. */
export function bytesStillNeeded(record: GenerationRecord): number {
  const seconds = Math.max(1, record.inputs.trim.endSec - record.inputs.trim.startSec);
  let bytes = RECORDS_BYTES;
  if (!record.prepared) bytes += seconds * SENT_AUDIO_BYTES_PER_SEC + PORTRAIT_BYTES;
  const expected = record.kind === 'sequence' ? 1 : record.params.numberResults;
  const onDisk = record.takes.filter((t) => t.state === 'done').length;
  bytes += Math.max(0, expected - onDisk) * (seconds * VIDEO_BYTES_PER_SEC + POSTER_BYTES);
  return Math.round(bytes);
}

/** Where a generation writes, as a full-disk message names it. */
export function projectFolder(project: Project, bytesNeeded: number): WriteContext {
  return { folder: project.dir, label: 'project folder', bytesNeeded, then: 'Resume' };
}
