import { copyFile, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { money } from '../../../shared/money.ts';
import { parseCommand, UsageError } from '../cli-args.ts';
import { createCliContext } from '../cli-context.ts';
import { EXIT, runwareExit, type CliIo } from '../cli-io.ts';

/**
 * `speak`: a script spoken by a Runware text-to-speech model, saved into the project's media
 * (usable as a voice at once). The same script, model and voice again reuses the earlier
 * speech: nothing is sent, nothing is charged.
 */
export async function speakCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(
    argv,
    {
      text: { type: 'string' },
      'text-file': { type: 'string' },
      voice: { type: 'string' },
      'tts-model': { type: 'string' },
      project: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    } as const,
    { min: 0, max: 0, names: 'no positional arguments' },
  );
  if ((values.text === undefined) === (values['text-file'] === undefined))
    throw new UsageError('Give the script with --text <text> or --text-file <file> (one of them).');
  if (!values.voice) throw new UsageError('--voice <name> is required (xai:tts@0: Eve, Ara, Leo, Rex or Sal).');
  if (!values.project) throw new UsageError('--project <dir> is required.');
  const text =
    values.text ??
    (await readFile(resolve(values['text-file'] as string), 'utf8').catch(() => {
      throw new UsageError(`--text-file: “${values['text-file']}” could not be read.`);
    }));
  const ctx = await createCliContext(io.env, { needsKey: true, demo: io.demo });
  try {
    const project = await ctx.studio.projects.openFolder(values.project, { resume: false });
    const spoken = await ctx.studio.speech.speak(project.dir, {
      text,
      voice: values.voice,
      ...(values['tts-model'] ? { model: values['tts-model'] } : {}),
    });
    let path = spoken.path;
    if (values.out) {
      path = resolve(values.out);
      await copyFile(spoken.path, path);
    }
    const answer = {
      path,
      durationSec: spoken.durationSec,
      costUSD: spoken.costUSD,
      model: spoken.model,
      voice: spoken.voice,
      reused: spoken.reused,
    };
    if (values.json) io.stdout(`${JSON.stringify(answer)}\n`);
    else
      io.stdout(`${path}  ${spoken.durationSec.toFixed(2)} s  ${spoken.reused ? 'reused, nothing charged' : priceText(spoken.costUSD)}\n`);
    return EXIT.ok;
  } catch (error) {
    return runwareExit(error, io);
  } finally {
    await ctx.close();
  }
}

/** Speech costs fractions of a cent: shown to four places below a cent. */
function priceText(usd: number): string {
  return usd > 0 && usd < 0.01 ? `$${usd.toFixed(4)}` : money(usd);
}
