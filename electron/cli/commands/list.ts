import { money } from '../../../shared/money.ts';
import type { ProjectSpend } from '../../../shared/spend.ts';
import { parseCommand, UsageError } from '../cli-args.ts';
import { createCliContext } from '../cli-context.ts';
import type { CliIo } from '../cli-io.ts';
import { outputsOf } from '../cli-output.ts';

export async function listCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, { project: { type: 'string' }, json: { type: 'boolean' } } as const, {
    min: 0,
    max: 0,
    names: 'no positional arguments',
  });
  if (!values.project) throw new UsageError('--project <dir> is required.');
  const ctx = await createCliContext(io.env, { needsKey: false, demo: io.demo });
  try {
    const { projects, generations: listing } = ctx.studio;
    const project = await projects.openFolder(values.project, { resume: false, create: false });
    const { generations, unreadable } = await listing.list(project.dir);
    const spend = await projects.spend(project.dir);
    for (const bad of unreadable) io.stderr(`Skipped ${bad.id}: ${bad.reason}\n`);
    const rows = generations.map((g) => ({
      generationId: g.id,
      status: g.state,
      taskUUID: g.taskUUID ?? null,
      createdAt: g.createdAt,
      costUSD: g.costUSD ?? null,
      outputs: outputsOf(project, g),
    }));
    if (values.json) {
      io.stdout(`${JSON.stringify({ generations: rows, spend })}\n`);
      return 0;
    }
    if (rows.length === 0) io.stdout('No generations yet.\n');
    for (const row of rows) {
      const cost = row.costUSD === null ? '' : `  ${money(row.costUSD)}`;
      io.stdout(`${row.generationId}  ${row.status}${cost}  ${row.outputs.length} take(s)\n`);
    }
    io.stdout(spendLine(spend));
    return 0;
  } finally {
    await ctx.close();
  }
}

function spendLine(spend: ProjectSpend): string {
  const parts = [`Spent ${money(spend.spentUSD)}`];
  if (spend.trashedUSD > 0) parts.push(`${money(spend.trashedUSD)} of it on generations in the trash`);
  if (spend.committedUSD > 0) parts.push(`${money(spend.committedUSD)} more queued`);
  return `${parts.join(' · ')}\n`;
}
