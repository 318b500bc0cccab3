import { basename } from 'node:path';
import { AURORA_LIMITS, AURORA_MAX_AUDIO_SECONDS, type AuroraSettings } from '../../../shared/aurora.ts';
import { planSplit } from '../../../shared/split-plan.ts';
import { checkTrim } from '../../../shared/trim.ts';
import type { GenerationRequest } from '../../core/jobs/create-generation.ts';
import type { Project } from '../../core/projects/project.ts';
import { isAppError } from '../../../shared/errors.ts';
import { formatOption, numberOption, parseCommand, UsageError } from '../cli-args.ts';
import { createCliContext } from '../cli-context.ts';
import { EXIT, type CliIo } from '../run-cli.ts';
import { describe, runUntilSettled } from './run-generations.ts';

const OPTIONS = {
  image: { type: 'string' },
  audio: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  prompt: { type: 'string' },
  cfg: { type: 'string' },
  results: { type: 'string' },
  format: { type: 'string' },
  quality: { type: 'string' },
  project: { type: 'string' },
  split: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * Queues one generation; with `split`, a selection over Aurora's limit becomes parts
 * cut at its pauses and joined into one video.
 */
async function queueGeneration(
  ctx: Awaited<ReturnType<typeof createCliContext>>,
  project: Project,
  request: GenerationRequest,
  split: boolean,
): Promise<string> {
  if (split) {
    const { durationSec } = await ctx.media.probeAudio(request.audio);
    const startSec = request.startSec ?? 0;
    const endSec = request.endSec ?? durationSec;
    checkTrim(startSec, endSec, durationSec, basename(request.audio), Number.POSITIVE_INFINITY);
    if (endSec - startSec > AURORA_MAX_AUDIO_SECONDS) {
      const silences = await ctx.media.kit.detectSilences({ input: request.audio });
      const plan = planSplit(startSec, endSec, silences);
      const sequence = await ctx.sequences.create(project, { ...request, startSec, endSec, cuts: plan.cuts });
      return sequence.id;
    }
  }
  return (await ctx.engine.enqueue(project, request)).id;
}

export async function generateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, OPTIONS, { min: 0, max: 0, names: 'no positional arguments' });
  if (!values.image) throw new UsageError('--image <file> is required.');
  if (!values.audio) throw new UsageError('--audio <file> is required.');
  const L = AURORA_LIMITS;
  const startSec = numberOption(values.start, 'start', 0, Number.MAX_SAFE_INTEGER);
  const endSec = numberOption(values.end, 'end', 0, Number.MAX_SAFE_INTEGER);
  const settings: Partial<AuroraSettings> = {};
  const cfg = numberOption(values.cfg, 'cfg', L.CFGScale.min, L.CFGScale.max);
  const results = numberOption(values.results, 'results', L.numberResults.min, L.numberResults.max, true);
  const quality = numberOption(values.quality, 'quality', L.outputQuality.min, L.outputQuality.max, true);
  const format = formatOption(values.format);
  if (cfg !== undefined) settings.CFGScale = cfg;
  if (results !== undefined) settings.numberResults = results;
  if (quality !== undefined) settings.outputQuality = quality;
  if (format !== undefined) settings.outputFormat = format.toUpperCase() as AuroraSettings['outputFormat'];
  if (values.prompt !== undefined) settings.positivePrompt = values.prompt;
  if (values.split !== undefined && values.split !== 'auto') throw new UsageError(`--split takes "auto" (got "${values.split}").`);

  const ctx = await createCliContext(io.env, { needsKey: true });
  try {
    const project = await ctx.openProject(values.project);
    await ctx.engine.attach(project, { resume: false });
    let id: string;
    try {
      id = await queueGeneration(ctx, project, { image: values.image, audio: values.audio, startSec, endSec, settings }, values.split === 'auto');
    } catch (error) {
      if (!isAppError(error)) throw error;
      const hint = error.code === 'audio_too_long' && values.split !== 'auto' ? ' Add --split auto to make it in parts, joined into one video.' : '';
      io.stderr(`${error.message}${hint}\nNothing was sent.\n`);
      if (values.json) io.stdout(`${JSON.stringify({ generationId: null, status: 'invalid', taskUUID: null, costUSD: null, outputs: [], error: { code: String(error.code), message: error.message } })}\n`);
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
