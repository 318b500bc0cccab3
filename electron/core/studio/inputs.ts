import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PASTE_LIMIT_BYTES } from '../../../shared/composition.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ImportedInput, Peaks, SplitPlanView } from '../../../shared/inputs.ts';
import { planSplit } from '../../../shared/split-plan.ts';
import { checkTrim } from '../../../shared/trim.ts';
import type { MediaOps } from '../jobs/media-ops.ts';
import type { Projects } from './projects.ts';

/**
 * What the composer does with files: import a dropped, picked or pasted portrait or voice
 * into the project, draw a voice's waveform, find where its speech starts and ends, and
 * where a long selection can be cut.
 */
export class Inputs {
  readonly #projects: Projects;
  readonly #media: MediaOps;
  /** Where pasted bytes are saved before they are imported (inside the app's own folder). */
  readonly #pasteDir: string;

  constructor(deps: { projects: Projects; media: MediaOps; pasteDir: string }) {
    this.#projects = deps.projects;
    this.#media = deps.media;
    this.#pasteDir = deps.pasteDir;
  }

  /** Imports a dropped or picked file into the project, as a portrait or a voice. */
  async import(dir: string, path: string): Promise<ImportedInput> {
    const project = this.#projects.get(dir);
    const facts = await this.#media.inspectInput(path);
    const imported = await project.importMedia(path);
    const common = { file: imported.file, name: imported.originalName, bytes: imported.bytes };
    return facts.kind === 'image' ? { ...facts, ...common } : { ...facts, ...common };
  }

  /** A pasted picture or sound (bytes without a file): saved in the app's scratch folder, then imported. */
  async importBytes(dir: string, name: string, bytes: Uint8Array): Promise<ImportedInput> {
    if (bytes.byteLength === 0) throw new AppError('paste_empty', 'The clipboard held no picture or sound to paste.');
    if (bytes.byteLength > PASTE_LIMIT_BYTES) throw new AppError('paste_too_large', 'That is too large to paste; drop the file instead.');
    await mkdir(this.#pasteDir, { recursive: true });
    const file = join(this.#pasteDir, basename(name).replace(/[^\w.\- ]/g, '_') || 'pasted');
    await writeFile(file, bytes);
    return this.import(dir, file);
  }

  peaks(dir: string, file: string, buckets: number): Promise<Peaks> {
    return this.#media.peaks(this.#projects.get(dir).path(file), buckets);
  }

  /** Where speech starts and ends in a voice, measured against its real length. */
  async speechBounds(dir: string, file: string): Promise<{ startSec: number; endSec: number; savedSec: number } | null> {
    const path = this.#projects.get(dir).path(file);
    const { durationSec } = await this.#media.probeAudio(path);
    return this.#media.speechBounds(path, durationSec);
  }

  /**
   * Where a selection over Aurora's limit would be cut, at its pauses. The selection is
   * checked against the audio's real length first: the work never follows a number the
   * window made up.
   */
  async splitPlan(dir: string, file: string, startSec: number, endSec: number): Promise<SplitPlanView> {
    const path = this.#projects.get(dir).path(file);
    const { durationSec } = await this.#media.probeAudio(path);
    checkTrim(startSec, endSec, durationSec, basename(file), Number.POSITIVE_INFINITY);
    return planSplit(startSec, endSec, await this.#media.silences(path));
  }
}
