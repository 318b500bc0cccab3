import { parseCommand, UsageError } from '../cli-args.ts';
import { Project } from '../../core/projects/project.ts';
import { money, spendOnDisk, type ProjectSpend } from '../../core/jobs/budget.ts';
import { outputsOf } from '../cli-output.ts';
import type { CliIo } from '../run-cli.ts';

export async function listCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, { project: { type: 'string' }, json: { type: 'boolean' } } as const, {
    min: 0,
    max: 0,
    names: 'no positional arguments',
  });
  if (!values.project) throw new UsageError('--project <dir> is required.');
  const project = await Project.open(values.project);
  const { generations, unreadable } = await project.generations.list();
  const spend = await spendOnDisk(project, { generations });
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
  } else if (rows.length === 0) {
    io.stdout('No generations yet.\n');
  } else {
    for (const row of rows) {
      const cost = row.costUSD === null ? '' : `  $${row.costUSD.toFixed(2)}`;
      io.stdout(`${row.generationId}  ${row.status}${cost}  ${row.outputs.length} take(s)\n`);
    }
  }
  if (!values.json) io.stdout(spendLine(spend));
  return 0;
}

function spendLine(spend: ProjectSpend): string {
  const parts = [`Spent ${money(spend.spentUSD)}`];
  if (spend.trashedUSD > 0) parts.push(`${money(spend.trashedUSD)} of it on generations in the trash`);
  if (spend.committedUSD > 0) parts.push(`${money(spend.committedUSD)} more queued`);
  return `${parts.join(' · ')}\n`;
}
