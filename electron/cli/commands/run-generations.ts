import { CANCELABLE_STATES, type GenerationRecord } from '../../../shared/generation.ts';
import { money } from '../../../shared/money.ts';
import type { Project } from '../../core/projects/project.ts';
import type { CliContext } from '../cli-context.ts';
import { EXIT, type CliIo } from '../cli-io.ts';
import { generationJson, type GenerationJson } from '../cli-output.ts';
import { ProgressReporter } from '../progress-reporter.ts';

const REFUSED = new Set(['auth', 'credits', 'validation', 'safety']);
/** Stops of this computer's making: the disk, not Runware. */
const LOCAL_STOPS = new Set(['disk_full', 'write_failed']);

export function exitCodeOf(
  record: GenerationRecord,
  waiting: { kind: 'blocked' | 'stalled'; code?: string } | null,
  unfinished = false,
): number {
  if (waiting?.kind === 'blocked') return EXIT.refused;
  // A full disk before anything billable was sent: like bad input, nothing was sent (2);
  // after that, Runware has the task and `resume` fetches it (4).
  if (waiting?.kind === 'stalled' && LOCAL_STOPS.has(waiting.code ?? '') && CANCELABLE_STATES.has(record.state)) return EXIT.usage;
  if (waiting?.kind === 'stalled' || unfinished) return EXIT.gaveUp;
  if (record.state === 'done') return EXIT.ok;
  if (record.state === 'failed') return record.error?.category && REFUSED.has(record.error.category) ? EXIT.refused : EXIT.failed;
  return EXIT.gaveUp;
}

/** The worst outcome wins: interrupted > gave up > refused > failed > nothing sent > done. */
export function combinedExit(codes: readonly number[]): number {
  const rank = [EXIT.ok, EXIT.usage, EXIT.failed, EXIT.refused, EXIT.gaveUp, EXIT.interrupted];
  return codes.reduce<number>((worst, code) => (rank.indexOf(code as never) > rank.indexOf(worst as never) ? code : worst), EXIT.ok);
}

/**
 * Follows the given generations (split ones through their parts) on the engine's bus, with
 * progress on stderr, until each has settled; on interruption stops the engine (the journal
 * keeps everything resumable) and reports 130.
 */
export async function runUntilSettled(
  ctx: CliContext,
  project: Project,
  ids: readonly string[],
  io: CliIo,
): Promise<{ results: GenerationJson[]; exitCode: number }> {
  const { generations, events } = ctx.studio;
  const reporter = new ProgressReporter(io.stderr, io.isTTY === true);
  const watched = new Set(ids);
  const watchedRecord = (record: GenerationRecord) =>
    watched.has(record.id) || (record.parent !== undefined && watched.has(record.parent.id));
  const note = (record: GenerationRecord, error: { message: string }) =>
    watchedRecord(record) && reporter.note(`${record.id}: ${error.message}`);
  const off = events.listen({
    changed: (p, record) => p.dir === project.dir && watchedRecord(record) && reporter.state(record),
    progress: (p, id, progress, eta) => p.dir === project.dir && watched.has(id) && reporter.progress(id, progress, eta),
    blocked: (_p, record, error) => note(record, error),
    stalled: (_p, record, error) => note(record, error),
  });
  for (const id of ids) {
    const { record } = await generations.status(project.dir, id);
    if (record) reporter.state(record);
  }
  let interrupted = false;
  const interruption = io.interrupted?.then(() => {
    interrupted = true;
  });
  const statuses = await generations.settle(project.dir, ids, interruption);
  off();
  if (interrupted) ctx.studio.queue.stop();
  reporter.end();
  const results: GenerationJson[] = [];
  const codes: number[] = [];
  let diskStop = false;
  for (const { record, stop } of statuses) {
    if (!record) continue;
    diskStop ||= stop !== null && LOCAL_STOPS.has(stop.code);
    results.push(generationJson(project, record, stop));
    const done = record.state === 'done';
    codes.push(
      interrupted && !done
        ? EXIT.interrupted
        : exitCodeOf(record, stop, record.kind === 'sequence' && record.state !== 'failed' && !stop && !done),
    );
  }
  if (diskStop) io.stderr(`Once there is space, finish with: avatar-studio resume --project "${project.dir}"\n`);
  return { results, exitCode: combinedExit(codes) };
}

export function describe(result: GenerationJson): string {
  const cost = result.costUSD === null ? '' : ` · ${money(result.costUSD)}`;
  const lines = [`${result.generationId}: ${result.status}${cost}`];
  for (const output of result.outputs) lines.push(`  ${output.path}`);
  if (result.error) lines.push(`  ${result.error.message}`);
  return lines.join('\n');
}
