import type { GenerationRecord } from '../../../shared/generation.ts';
import type { Project } from '../../core/projects/project.ts';
import type { CliContext } from '../cli-context.ts';
import { generationJson, type GenerationJson } from '../cli-output.ts';
import { ProgressReporter } from '../progress-reporter.ts';
import { EXIT, type CliIo } from '../run-cli.ts';

const REFUSED = new Set(['auth', 'credits', 'validation', 'safety']);

export function exitCodeOf(record: GenerationRecord, waiting: { kind: 'blocked' | 'stalled' } | null): number {
  if (waiting?.kind === 'blocked') return EXIT.refused;
  if (waiting?.kind === 'stalled') return EXIT.gaveUp;
  if (record.state === 'done') return EXIT.ok;
  if (record.state === 'failed') return record.error?.category && REFUSED.has(record.error.category) ? EXIT.refused : EXIT.failed;
  return EXIT.gaveUp;
}

/** The worst outcome wins: interrupted > gave up > refused > failed > done. */
export function combinedExit(codes: readonly number[]): number {
  const rank = [EXIT.ok, EXIT.failed, EXIT.refused, EXIT.gaveUp, EXIT.interrupted];
  return codes.reduce<number>((worst, code) => (rank.indexOf(code as never) > rank.indexOf(worst as never) ? code : worst), EXIT.ok);
}

/**
 * Waits for the given generations with progress on stderr; on interruption stops
 * the engine (the journal keeps everything resumable) and reports 130.
 */
export async function runUntilSettled(
  ctx: CliContext,
  project: Project,
  ids: readonly string[],
  io: CliIo,
): Promise<{ results: GenerationJson[]; exitCode: number }> {
  const reporter = new ProgressReporter(io.stderr, io.isTTY === true);
  const watched = new Set(ids);
  const off = ctx.engine.listen({
    changed: (p, record) => {
      if (p.dir === project.dir && watched.has(record.id)) reporter.state(record);
    },
    progress: (p, id, progress, eta) => {
      if (p.dir === project.dir && watched.has(id)) reporter.progress(id, progress, eta);
    },
    blocked: (_p, record, error) => watched.has(record.id) && reporter.note(`${record.id}: ${error.message}`),
    stalled: (_p, record, error) => watched.has(record.id) && reporter.note(`${record.id}: ${error.message}`),
  });
  for (const id of ids) {
    const record = ctx.engine.record(project, id);
    if (record) reporter.state(record);
  }
  const settled = ctx.engine.settled(project, ids).then(() => 'settled' as const);
  const outcome = await Promise.race([settled, (io.interrupted ?? new Promise<never>(() => {})).then(() => 'interrupted' as const)]);
  off();
  if (outcome === 'interrupted') ctx.engine.stop();
  reporter.end();
  const results: GenerationJson[] = [];
  const codes: number[] = [];
  for (const id of ids) {
    const record = ctx.engine.record(project, id);
    if (!record) continue;
    const waiting = ctx.engine.waitReason(project, id);
    results.push(generationJson(project, record, waiting));
    codes.push(outcome === 'interrupted' && record.state !== 'done' ? EXIT.interrupted : exitCodeOf(record, waiting));
  }
  return { results, exitCode: combinedExit(codes) };
}

export function describe(result: GenerationJson): string {
  const cost = result.costUSD === null ? '' : ` · $${result.costUSD.toFixed(2)}`;
  const lines = [`${result.generationId}: ${result.status}${cost}`];
  for (const output of result.outputs) lines.push(`  ${output.path}`);
  if (result.error) lines.push(`  ${result.error.message}`);
  return lines.join('\n');
}
