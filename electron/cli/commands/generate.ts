import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isAppError } from '../../../shared/errors.ts';
import type { MadeInputs } from '../../../shared/generation.ts';
import { DEFAULT_PORTRAIT_MODEL } from '../../../shared/portrait-models.ts';
import { isRunwareError } from '../../core/runware/runware-error.ts';
import { numberOption, parseCommand, UsageError } from '../cli-args.ts';
import { SETTINGS_OPTIONS, settingsFromFlags } from '../settings-options.ts';
import { createCliContext } from '../cli-context.ts';
import { EXIT, runwareExit, type CliIo } from '../cli-io.ts';
import { describe, runUntilSettled } from './run-generations.ts';

const OPTIONS = {
  image: { type: 'string' },
  audio: { type: 'string' },
  script: { type: 'string' },
  'script-file': { type: 'string' },
  voice: { type: 'string' },
  'tts-model': { type: 'string' },
  'portrait-prompt': { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  ...SETTINGS_OPTIONS,
  project: { type: 'string' },
  split: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function generateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, OPTIONS, { min: 0, max: 0, names: 'no positional arguments' });
  const voiceSources = [values.audio, values.script, values['script-file']].filter((v) => v !== undefined).length;
  if (voiceSources !== 1) throw new UsageError('Give the voice with one of --audio <file>, --script <text> or --script-file <file>.');
  if ((values.script !== undefined || values['script-file'] !== undefined) && !values.voice) {
    throw new UsageError('--voice <name> is required with --script (xai:tts@0: Eve, Ara, Leo, Rex or Sal).');
  }
  if ((values.image === undefined) === (values['portrait-prompt'] === undefined)) {
    throw new UsageError('Give the portrait with one of --image <file> or --portrait-prompt <text>.');
  }
  const script =
    values.script ??
    (values['script-file'] === undefined
      ? undefined
      : await readFile(resolve(values['script-file']), 'utf8').catch(() => {
          throw new UsageError(`--script-file: “${values['script-file']}” could not be read.`);
        }));
  const startSec = numberOption(values.start, 'start', 0, Number.MAX_SAFE_INTEGER);
  const endSec = numberOption(values.end, 'end', 0, Number.MAX_SAFE_INTEGER);
  const settings = settingsFromFlags(values);
  if (values.split !== undefined && values.split !== 'auto') throw new UsageError(`--split takes "auto" (got "${values.split}").`);

  const ctx = await createCliContext(io.env, { needsKey: true, demo: io.demo });
  try {
    const project = await ctx.studio.projects.openFolder(values.project, { resume: false });
    let id: string;
    try {
      // Words to video in one command: the speech and the portrait are made first (or found
      // again, when this command runs a second time), then the video like any other.
      const made: MadeInputs = {};
      let audio = values.audio;
      if (script !== undefined) {
        const spoken = await ctx.studio.speech.speak(project.dir, {
          text: script,
          voice: values.voice as string,
          ...(values['tts-model'] ? { model: values['tts-model'] } : {}),
        });
        audio = spoken.path;
        made.speech = { text: script.trim(), model: spoken.model, voice: spoken.voice, costUSD: spoken.costUSD, reused: spoken.reused };
      }
      let image = values.image;
      if (values['portrait-prompt'] !== undefined) {
        const portrait = await ctx.studio.portraits.firstFor(project.dir, values['portrait-prompt']);
        image = portrait.path;
        made.portrait = {
          prompt: values['portrait-prompt'].trim(),
          model: DEFAULT_PORTRAIT_MODEL,
          seed: portrait.seed,
          costUSD: portrait.costUSD,
          reused: portrait.reused,
        };
      }
      const request = {
        image: image as string,
        audio: audio as string,
        startSec,
        endSec,
        settings,
        ...(made.speech || made.portrait ? { made } : {}),
      };
      id = (await ctx.studio.generations.createFromFiles(project.dir, request, { split: values.split === 'auto' })).id;
    } catch (error) {
      if (isRunwareError(error)) return runwareExit(error, io);
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
