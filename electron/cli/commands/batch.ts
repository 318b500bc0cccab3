import { resolve } from 'node:path';
import { money } from '../../../shared/money.ts';
import { parseCommand, UsageError } from '../cli-args.ts';
import { SETTINGS_OPTIONS, settingsFromFlags } from '../settings-options.ts';
import { createCliContext } from '../cli-context.ts';
import { EXIT, type CliIo } from '../cli-io.ts';
import { describe, runUntilSettled } from './run-generations.ts';

/** `batch <manifest>`: every row checked and priced first, then queued, then followed to the end. */
export async function batchCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    { ...SETTINGS_OPTIONS, project: { type: 'string' }, json: { type: 'boolean' } } as const,
    {
      min: 1,
      max: 1,
      names: 'one <manifest> (a CSV or JSON list of image, audio, prompt, start, end, name)',
    },
  );
  if (!values.project) throw new UsageError('--project <dir> is required.');
  const manifest = resolve(positionals[0] as string);
  // The flags set every row's defaults; a row's own columns win.
  const settings = settingsFromFlags(values);
  const ctx = await createCliContext(io.env, { needsKey: true, demo: io.demo });
  try {
    const project = await ctx.studio.projects.openFolder(values.project, { resume: false });
    const plan = await ctx.studio.batches.plan(project.dir, { manifest, settings });
    if (plan.problems.length > 0) {
      const lines = plan.problems.map((p) => `Item ${p.index}: ${p.message}`);
      io.stderr(`${lines.join('\n')}\nNothing was sent.\n`);
      if (values.json) io.stdout(`${JSON.stringify({ status: 'invalid', problems: plan.problems })}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `${plan.items.length} generations · ${plan.totalSec.toFixed(1)} s of audio · ${plan.totalBilledSec} s billed · ${money(plan.totalUSD)}\n`,
    );
    const records = await ctx.studio.batches.start(project.dir, plan.id);
    const { results, exitCode } = await runUntilSettled(
      ctx,
      project,
      records.map((r) => r.id),
      io,
    );
    await ctx.studio.batches.idle();
    const summary = {
      batchId: plan.id,
      name: plan.name,
      count: results.length,
      done: results.filter((r) => r.status === 'done').length,
      failed: results.filter((r) => r.status === 'failed').length,
      costUSD: Math.round(results.reduce((s, r) => s + (r.costUSD ?? 0), 0) * 100) / 100,
      generations: results,
    };
    if (values.json) io.stdout(`${JSON.stringify(summary)}\n`);
    else io.stdout(`${results.map(describe).join('\n')}\n${summary.done}/${summary.count} done · ${money(summary.costUSD)}\n`);
    return exitCode;
  } finally {
    await ctx.close();
  }
}
