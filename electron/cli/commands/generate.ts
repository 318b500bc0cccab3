import { isAppError } from '../../../shared/errors.ts';
import { numberOption, parseCommand, UsageError } from '../cli-args.ts';
import { SETTINGS_OPTIONS, settingsFromFlags } from '../settings-options.ts';
import { createCliContext } from '../cli-context.ts';
import { EXIT, type CliIo } from '../cli-io.ts';
import { describe, runUntilSettled } from './run-generations.ts';

const OPTIONS = {
  image: { type: 'string' },
  audio: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  ...SETTINGS_OPTIONS,
  project: { type: 'string' },
  split: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function generateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, OPTIONS, { min: 0, max: 0, names: 'no positional arguments' });
  if (!values.image) throw new UsageError('--image <file> is required.');
  if (!values.audio) throw new UsageError('--audio <file> is required.');
  const startSec = numberOption(values.start, 'start', 0, Number.MAX_SAFE_INTEGER);
  const endSec = numberOption(values.end, 'end', 0, Number.MAX_SAFE_INTEGER);
  const settings = settingsFromFlags(values);
  if (values.split !== undefined && values.split !== 'auto') throw new UsageError(`--split takes "auto" (got "${values.split}").`);

  const ctx = await createCliContext(io.env, { needsKey: true, demo: io.demo });
  try {
    const project = await ctx.studio.projects.openFolder(values.project, { resume: false });
    let id: string;
    try {
      const request = { image: values.image, audio: values.audio, startSec, endSec, settings };
      id = (await ctx.studio.generations.createFromFiles(project.dir, request, { split: values.split === 'auto' })).id;
    } catch (error) {
      if (!isAppError(error)) throw error;
      const hint =
        error.code === 'audio_too_long' && values.split !== 'auto' ? ' Add --split auto to make it in parts, joined into one video.' : '';
      io.stderr(`${error.message}${hint}\nNothing was sent.\n`);
      if (values.json)
        io.stdout(
          `${JSON.stringify({ generationId: null, status: 'invalid', taskUUID: null, costUSD: null, outputs: [], error: { code: String(error.code), message: error.message } })}\n`,
        );
      return EXIT.usage;
    }
    const { results: outcome, exitCode } = await runUntilSettled(ctx, project, [id], io);
    const [result] = outcome;
    if (result) io.stdout(values.json ? `${JSON.stringify(result)}\n` : `${describe(result)}\n`);
    return exitCode;
  } finally {
    await ctx.close();
  }
}
