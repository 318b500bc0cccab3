import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { AppError } from '../../../shared/errors.ts';
import type { ImportedImage } from '../../../shared/inputs.ts';
import { DEFAULT_PORTRAIT_MODEL } from '../../../shared/portrait-models.ts';
import { PaidMediaLedger } from '../projects/paid-media-ledger.ts';
import { importResult, inWordsOf, type PaidMediaDeps } from './result-media.ts';

export interface DescribeRequest {
  prompt: string;
  /** Candidates to make at once (1–4). */
  count: number;
  model?: string;
}

export interface Described {
  /** Project-relative (`media/<sha256-16>.png`) and absolute. */
  file: string;
  path: string;
  width: number;
  height: number;
  seed: number | null;
  costUSD: number | null;
  /** The same, as a portrait the composer can use like any imported picture. */
  image: ImportedImage;
}

/**
 * Portraits from a description: candidates made by Runware's image models at 1024×1024,
 * each saved into the project's media (usable as the portrait at once) with its prompt,
 * model, seed and cost, which stays in the project's spend.
 */
export class Portraits {
  readonly #deps: PaidMediaDeps;

  constructor(deps: PaidMediaDeps) {
    this.#deps = deps;
  }

  /**
   * The portrait for a description, made once: a portrait this project already has for the
   * same description and model is used again (a command run again after a crash never pays
   * for it twice).
   */
  async firstFor(dir: string, prompt: string, model = DEFAULT_PORTRAIT_MODEL): Promise<Described & { reused: boolean }> {
    const project = this.#deps.projects.get(dir);
    const known = (await PaidMediaLedger.all(project)).find(
      (e) => e.kind === 'portrait' && e.prompt === prompt.trim() && e.model === model,
    );
    if (known) {
      const facts = await this.#deps.media.inspectInput(project.path(known.file)).catch(() => null);
      if (facts?.kind === 'image') {
        return {
          file: known.file,
          path: project.path(known.file),
          width: facts.width,
          height: facts.height,
          seed: known.seed ?? null,
          costUSD: 0,
          image: {
            ...facts,
            file: known.file,
            name: 'Described portrait.png',
            bytes: (await stat(project.path(known.file))).size,
            made: { kind: 'portrait', prompt: known.prompt ?? prompt, model, seed: known.seed ?? null, costUSD: known.costUSD },
          },
          reused: true,
        };
      }
    }
    const [made] = await this.describe(dir, { prompt, count: 1, model });
    if (!made) throw new AppError('invalid_input', 'Runware made no portrait for that description. Try again, or describe it differently.');
    return { ...made, reused: false };
  }

  async describe(dir: string, request: DescribeRequest): Promise<Described[]> {
    const project = this.#deps.projects.get(dir);
    const prompt = request.prompt.trim();
    if (prompt.length < 3)
      throw new AppError('invalid_input', 'Describe the portrait in a few words (at least 3 characters). Nothing was sent.');
    if (prompt.length > 3000)
      throw new AppError('invalid_input', 'The description is longer than 3,000 characters. Shorten it. Nothing was sent.');
    if (!Number.isInteger(request.count) || request.count < 1 || request.count > 4) {
      throw new AppError('invalid_input', 'Make 1 to 4 candidates at a time.');
    }
    const model = request.model ?? DEFAULT_PORTRAIT_MODEL;
    const images = await this.#deps.runware
      .generateImages({
        model,
        positivePrompt: prompt,
        width: 1024,
        height: 1024,
        numberResults: request.count,
        outputFormat: 'PNG',
      })
      .catch((error: unknown) => {
        throw inWordsOf(error, 'portraits');
      });
    const out: Described[] = [];
    for (const [index, image] of images.entries()) {
      const { imported, facts } = await importResult(this.#deps, project, image.media, `portrait-${randomUUID()}.png`, async (file) => {
        const facts = await this.#deps.media.inspectInput(file);
        if (facts.kind !== 'image')
          throw new AppError('invalid_input', 'Runware answered with something that is not a picture. Try again.');
        return facts;
      });
      await PaidMediaLedger.put(project, `portrait:${imported.sha256}`, {
        kind: 'portrait',
        file: imported.file,
        model,
        prompt,
        seed: image.seed,
        width: facts.width,
        height: facts.height,
        costUSD: image.costUSD,
        estimateUSD: null,
        createdAt: new Date().toISOString(),
      });
      out.push({
        file: imported.file,
        path: project.path(imported.file),
        width: facts.width,
        height: facts.height,
        seed: image.seed,
        costUSD: image.costUSD,
        image: {
          ...facts,
          file: imported.file,
          name: `Described portrait ${index + 1}.png`,
          bytes: imported.bytes,
          made: { kind: 'portrait', prompt, model, seed: image.seed, costUSD: image.costUSD },
        },
      });
    }
    return out;
  }
}
