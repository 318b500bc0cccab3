import { isTerminal } from '../../../shared/generation.ts';
import { parseCommand, UsageError } from '../cli-args.ts';
import { createCliContext } from '../cli-context.ts';
import type { CliIo } from '../run-cli.ts';
import { describe, runUntilSettled } from './run-generations.ts';

export async function resumeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, { project: { type: 'string' }, json: { type: 'boolean' } } as const, {
    min: 0,
    max: 0,
    names: 'no positional arguments',
  });
  if (!values.project) throw new UsageError('--project <dir> is required.');
  const ctx = await createCliContext(io.env, { needsKey: true });
  try {
    const project = await ctx.openProject(values.project);
    await ctx.engine.attach(project, { resume: true });
    await ctx.sequences.reconcile(project);
    // Parts are reported through their split generation; everything else by itself.
    const singles = ctx.engine
      .jobsOf(project)
      .filter((r) => !r.parent && (!isTerminal(r.state) || r.history.some((h) => h.note === 'reconciled')))
      .map((r) => r.id);
    const { generations } = await project.generations.list();
    const sequences = generations.filter((g) => g.kind === 'sequence' && g.state !== 'done' && g.state !== 'canceled').map((g) => g.id);
    const ids = [...singles, ...sequences];
    const { results, exitCode } = await runUntilSettled(ctx, project, ids, io);
    await ctx.batches.idle();
    if (values.json) io.stdout(`${JSON.stringify({ generations: results })}\n`);
    else io.stdout(results.length === 0 ? 'Nothing to resume.\n' : `${results.map(describe).join('\n')}\n`);
    return exitCode;
  } finally {
    await ctx.close();
  }
}
