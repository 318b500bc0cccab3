import { parseCommand, UsageError } from '../cli-args.ts';
import { createCliContext } from '../cli-context.ts';
import type { CliIo } from '../cli-io.ts';
import { describe, runUntilSettled } from './run-generations.ts';

export async function resumeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, { project: { type: 'string' }, json: { type: 'boolean' } } as const, {
    min: 0,
    max: 0,
    names: 'no positional arguments',
  });
  if (!values.project) throw new UsageError('--project <dir> is required.');
  const ctx = await createCliContext(io.env, { needsKey: true, demo: io.demo });
  try {
    // Opening it reconciles and continues whatever it left unfinished, as the window does.
    const project = await ctx.studio.projects.openFolder(values.project, { resume: true, create: false });
    const ids = await ctx.studio.generations.unfinished(project.dir);
    const { results, exitCode } = await runUntilSettled(ctx, project, ids, io);
    await ctx.studio.batches.idle();
    if (values.json) io.stdout(`${JSON.stringify({ generations: results })}\n`);
    else io.stdout(results.length === 0 ? 'Nothing to resume.\n' : `${results.map(describe).join('\n')}\n`);
    return exitCode;
  } finally {
    await ctx.close();
  }
}
