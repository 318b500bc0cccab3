import { CANCELABLE_STATES, isTerminal, type GenerationRecord } from '../../../shared/generation.ts';
import type { Project } from '../../core/projects/project.ts';
import type { CliContext } from '../cli-context.ts';
import { generationJson, type GenerationJson } from '../cli-output.ts';
import { ProgressReporter } from '../progress-reporter.ts';
import { EXIT, type CliIo } from '../run-cli.ts';

const REFUSED = new Set(['auth', 'credits', 'validation', 'safety']);
/** Stops of this computer's making: the disk, not Runware. */
const LOCAL_STOPS = new Set(['disk_full', 'write_failed']);

export function exitCodeOf(record: GenerationRecord, waiting: { kind: 'blocked' | 'stalled'; code?: string } | null, unfinished = false): number {
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

type Waiting = { kind: 'blocked' | 'stalled'; code: string; message: string } | null;

/** A generation's current record and why it waits, if it does (a split one: through its parts). */
async function statusOf(ctx: CliContext, project: Project, id: string): Promise<{ record: GenerationRecord | null; waiting: Waiting }> {
  const live = ctx.engine.record(project, id);
  if (live) return { record: live, waiting: ctx.engine.waitReason(project, id) };
  const read = await project.generations.read(id);
  const record = read && 'record' in read ? read.record : null;
  if (record?.kind !== 'sequence') return { record, waiting: null };
  for (const part of record.parts ?? []) {
    const waiting = part.generationId ? ctx.engine.waitReason(project, part.generationId) : null;
    if (waiting) return { record, waiting };
  }
  return { record, waiting: null };
}

function settled(record: GenerationRecord | null, waiting: Waiting): boolean {
  if (!record) return true;
  if (waiting) return true;
  return record.kind === 'sequence' ? record.state === 'done' || record.state === 'failed' || record.state === 'canceled' : isTerminal(record.state);
}

/**
 * Waits for the given generations (split ones through their parts) with progress
 * on stderr; on interruption stops the engine (the journal keeps everything
 * resumable) and reports 130.
 */
export async function runUntilSettled(
  ctx: CliContext,
  project: Project,
  ids: readonly string[],
  io: CliIo,
): Promise<{ results: GenerationJson[]; exitCode: number }> {
  const reporter = new ProgressReporter(io.stderr, io.isTTY === true);
  const watched = new Set(ids);
  const watchedRecord = (record: GenerationRecord) => watched.has(record.id) || (record.parent !== undefined && watched.has(record.parent.id));
  let wake: () => void = () => {};
  const off = ctx.engine.listen({
    changed: (p, record) => {
      if (p.dir === project.dir && watchedRecord(record)) reporter.state(record);
      wake();
    },
    progress: (p, id, progress, eta) => {
      if (p.dir === project.dir && watched.has(id)) reporter.progress(id, progress, eta);
    },
    blocked: (_p, record, error) => {
      if (watchedRecord(record)) reporter.note(`${record.id}: ${error.message}`);
      wake();
    },
    stalled: (_p, record, error) => {
      if (watchedRecord(record)) reporter.note(`${record.id}: ${error.message}`);
      wake();
    },
  });
  for (const id of ids) {
    const { record } = await statusOf(ctx, project, id);
    if (record) reporter.state(record);
  }
  let interrupted = false;
  void io.interrupted?.then(() => {
    interrupted = true;
    wake();
  });
  for (;;) {
    const states = await Promise.all(ids.map((id) => statusOf(ctx, project, id)));
    if (interrupted || states.every((s) => settled(s.record, s.waiting))) break;
    // Woken by any change; the timer covers work that finishes outside the engine (stitching).
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 500);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  off();
  if (interrupted) ctx.engine.stop();
  reporter.end();
  const results: GenerationJson[] = [];
  const codes: number[] = [];
  let diskStop = false;
  for (const id of ids) {
    const { record, waiting } = await statusOf(ctx, project, id);
    if (!record) continue;
    diskStop ||= waiting !== null && LOCAL_STOPS.has(waiting.code);
    results.push(generationJson(project, record, waiting));
    const done = record.state === 'done';
    codes.push(interrupted && !done ? EXIT.interrupted : exitCodeOf(record, waiting, record.kind === 'sequence' && record.state !== 'failed' && !waiting && !done));
  }
  if (diskStop) io.stderr(`Once there is space, finish with: avatar-studio resume --project "${project.dir}"\n`);
  return { results, exitCode: combinedExit(codes) };
}

export function describe(result: GenerationJson): string {
  const cost = result.costUSD === null ? '' : ` · $${result.costUSD.toFixed(2)}`;
  const lines = [`${result.generationId}: ${result.status}${cost}`];
  for (const output of result.outputs) lines.push(`  ${output.path}`);
  if (result.error) lines.push(`  ${result.error.message}`);
  return lines.join('\n');
}
