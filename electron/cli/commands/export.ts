import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { formatOption, numberOption, parseCommand, UsageError } from '../cli-args.ts';
import { createCliContext } from '../cli-context.ts';
import { Project } from '../../core/projects/project.ts';
import type { CliIo } from '../run-cli.ts';

export async function exportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      project: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      take: { type: 'string' },
      'original-audio': { type: 'boolean' },
    } as const,
    { min: 1, max: 1, names: 'one <generation-id>' },
  );
  if (!values.project) throw new UsageError('--project <dir> is required.');
  if (!values.out) throw new UsageError('--out <file> is required.');
  const format = formatOption(values.format);
  if (!format) throw new UsageError('--format mp4|webm|mov is required.');
  const takeIndex = numberOption(values.take, 'take', 1, 4, true);
  const project = await Project.open(values.project);
  const id = positionals[0] as string;
  const read = await project.generations.read(id);
  if (!read) throw new AppError('generation_missing', `There is no generation "${id}" in this project. "list" shows them.`);
  if (!('record' in read)) throw new AppError('generation_unreadable', `The record of "${id}" could not be read: ${read.unreadable}.`);
  const record = read.record;
  const take = takeIndex ? record.takes.find((t) => t.index === takeIndex) : record.takes.find((t) => t.state === 'done');
  if (!take || take.state !== 'done' || !take.file) {
    throw new AppError('take_missing', `"${id}" has no finished take${takeIndex ? ` ${takeIndex}` : ''} to export.`);
  }
  const ctx = await createCliContext(io.env, { needsKey: false });
  try {
    const outFile = resolve(values.out);
    const originalAudio = values['original-audio'] && record.prepared ? project.generations.file(id, record.prepared.audio.file) : undefined;
    await ctx.media.exportTake({ input: project.generations.file(id, take.file), format, outFile, originalAudio });
    io.stdout(`${outFile}\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}
