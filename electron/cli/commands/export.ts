import { ExportQualitySchema } from '../../../shared/composition.ts';
import { formatOption, numberOption, parseCommand, UsageError } from '../cli-args.ts';
import { createCliContext } from '../cli-context.ts';
import type { CliIo } from '../cli-io.ts';

/**
 * `export <id>`: the same export as the window's, into the project's exports/ under its
 * name template, or to --out.
 */
export async function exportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      project: { type: 'string' },
      format: { type: 'string' },
      quality: { type: 'string' },
      out: { type: 'string' },
      take: { type: 'string' },
      'original-audio': { type: 'boolean' },
    } as const,
    { min: 1, max: 1, names: 'one <generation-id>' },
  );
  if (!values.project) throw new UsageError('--project <dir> is required.');
  const format = formatOption(values.format);
  if (!format) throw new UsageError('--format mp4|webm|mov is required.');
  const quality = values.quality === undefined ? undefined : ExportQualitySchema.safeParse(values.quality.toLowerCase());
  if (quality && !quality.success) throw new UsageError(`--quality must be high, balanced or small (got "${values.quality}").`);
  const take = numberOption(values.take, 'take', 1, 4, true);
  const ctx = await createCliContext(io.env, { needsKey: false, demo: io.demo });
  try {
    const project = await ctx.studio.projects.openFolder(values.project, { resume: false, create: false });
    const { file } = await ctx.studio.library.export(project.dir, {
      id: positionals[0] as string,
      format,
      originalAudio: values['original-audio'] === true,
      ...(take !== undefined ? { take } : {}),
      ...(quality?.success ? { quality: quality.data } : {}),
      ...(values.out !== undefined ? { out: values.out } : {}),
    });
    io.stdout(`${file}\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}
