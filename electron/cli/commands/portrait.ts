import { parseCommand, UsageError } from '../cli-args.ts';
import { createCliContext } from '../cli-context.ts';
import { EXIT, runwareExit, type CliIo } from '../cli-io.ts';

/** `portrait`: 1–4 candidate portraits from a description, saved into the project's media. */
export async function portraitCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(
    argv,
    { prompt: { type: 'string' }, count: { type: 'string' }, project: { type: 'string' }, json: { type: 'boolean' } } as const,
    { min: 0, max: 0, names: 'no positional arguments' },
  );
  if (!values.prompt) throw new UsageError('--prompt <text> is required: describe the portrait.');
  if (!values.project) throw new UsageError('--project <dir> is required.');
  const count = values.count === undefined ? 1 : Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 4) throw new UsageError(`--count must be 1, 2, 3 or 4 (got "${values.count}").`);
  const ctx = await createCliContext(io.env, { needsKey: true, demo: io.demo });
  try {
    const project = await ctx.studio.projects.openFolder(values.project, { resume: false });
    const images = await ctx.studio.portraits.describe(project.dir, { prompt: values.prompt, count });
    const answer = { images: images.map((i) => ({ path: i.path, width: i.width, height: i.height, seed: i.seed, costUSD: i.costUSD })) };
    if (values.json) io.stdout(`${JSON.stringify(answer)}\n`);
    else for (const i of answer.images) io.stdout(`${i.path}  ${i.width}×${i.height}  seed ${i.seed ?? '?'}\n`);
    return EXIT.ok;
  } catch (error) {
    return runwareExit(error, io);
  } finally {
    await ctx.close();
  }
}
