import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { ExportFormat, ExportQuality } from '../../../shared/composition.ts';
import { AppError } from '../../../shared/errors.ts';
import { CANCELABLE_STATES, type GenerationRecord, type GenerationSummary } from '../../../shared/generation.ts';
import { spendOf, type TrashedSpend } from '../../../shared/spend.ts';
import { isInside } from '../fs/contained-paths.ts';
import type { JobEngine } from '../jobs/job-engine.ts';
import type { MediaOps } from '../jobs/media-ops.ts';
import type { Logger } from '../logging/logger.ts';
import { GenerationTrash } from '../projects/generation-trash.ts';
import type { Project } from '../projects/project.ts';
import { freePath, outputNameFor } from '../projects/output-names.ts';
import type { Platform } from '../shell/platform.ts';
import type { Generations } from './generations.ts';
import type { Projects } from './projects.ts';

export interface ExportRequest {
  id: string;
  /** Which take; the first finished one when not given. */
  take?: number;
  format: ExportFormat;
  quality?: ExportQuality;
  /** Re-mux the full-quality audio that was sent instead of the take's own sound. */
  originalAudio: boolean;
  /** Where to write (the command line's --out); by default exports/<name from the project's template>. */
  out?: string;
}

/**
 * The finished videos: rename, favourite, move to the trash and back (what they cost stays
 * counted), export to MP4/WebM/MOV under the project's name template, and show in the file
 * manager. The window and the command line export through the same door.
 */
export class Library {
  readonly #projects: Projects;
  readonly #generations: Generations;
  readonly #engine: JobEngine;
  readonly #media: MediaOps;
  readonly #platform: Platform;
  readonly #log: Logger | undefined;

  constructor(deps: {
    projects: Projects;
    generations: Generations;
    engine: JobEngine;
    media: MediaOps;
    platform: Platform;
    logger?: Logger;
  }) {
    this.#projects = deps.projects;
    this.#generations = deps.generations;
    this.#engine = deps.engine;
    this.#media = deps.media;
    this.#platform = deps.platform;
    this.#log = deps.logger;
  }

  async update(dir: string, id: string, patch: { name?: string; favorite?: boolean }): Promise<GenerationSummary> {
    const clean: { name?: string; favorite?: boolean } = {};
    if (patch.name !== undefined) {
      if (patch.name.trim() === '') throw new AppError('name_empty', 'Give the generation a name.');
      clean.name = patch.name.trim();
    }
    if (patch.favorite !== undefined) clean.favorite = patch.favorite;
    const project = this.#projects.get(dir);
    return this.#engine.summaryOf(project, await this.#engine.update(project, id, clean));
  }

  /** Moves a finished generation out of the library (Undo brings it back); what it cost stays counted. */
  async trash(dir: string, id: string): Promise<TrashedSpend> {
    const project = this.#projects.get(dir);
    let record = await this.#generations.get(dir, id);
    if (this.#engine.isRunning(project, id) && !CANCELABLE_STATES.has(record.state)) {
      throw new AppError('generation_busy', 'This generation is still running at Runware; delete it once it has finished.');
    }
    if (this.#engine.isRunning(project, id)) record = await this.#engine.cancel(project, id);
    return GenerationTrash.move(project, id, spendOf(record).spentUSD);
  }

  async restore(dir: string, id: string): Promise<GenerationSummary> {
    const project = this.#projects.get(dir);
    await GenerationTrash.restore(project, id);
    return this.#engine.summaryOf(project, await this.#generations.get(dir, id));
  }

  /** Hands trashed generations over to the system trash (after the undo window, and at quit). */
  async emptyTrash(): Promise<void> {
    for (const project of this.#projects.opened()) {
      for (const path of await GenerationTrash.pending(project)) {
        await this.#platform.trashItem(path).catch((error: unknown) => {
          // Without a system trash the folder stays in .studio/trash: never erased outright.
          this.#log?.warn('could not move to the system trash', { path: basename(path), error });
        });
      }
    }
  }

  /**
   * Exports a take: by default into the project's exports/ under its name template (a free
   * name, never over another file). The take must still be in its folder.
   */
  async export(dir: string, request: ExportRequest, onProgress?: (fraction: number) => void): Promise<{ file: string }> {
    const project = this.#projects.get(dir);
    const record = await this.#generations.get(dir, request.id);
    const take = exportableTake(record, request.take);
    const source = project.generations.file(record.id, take.file);
    if (!(await stat(source).catch(() => null))) {
      throw new AppError(
        'take_missing',
        `Take ${take.index} of “${record.name}” is no longer in its folder (it was moved or deleted outside Avatar Studio), so it cannot be exported. Put ${take.file} back in the generation’s folder, then try again.`,
      );
    }
    const outFile = request.out
      ? resolve(request.out)
      : await this.#defaultExportPath(project.exportsDir(), project.info, record, take.index, request.format);
    await mkdir(dirname(outFile), { recursive: true });
    await this.#media.exportTake({
      input: source,
      format: request.format,
      ...(request.quality ? { quality: request.quality } : {}),
      originalAudio: request.originalAudio ? await this.#losslessAudio(project, record) : undefined,
      outFile,
      onProgress: (fraction) => {
        onProgress?.(fraction);
        this.#engine.events.emit('exportProgress', project, record.id, fraction);
      },
    });
    return { file: outFile };
  }

  /**
   * The selection's sound at full quality for an export: the WAV beside the take when there is
   * one, else cut again from the project's copy of the audio (what was sent is an MP3), and kept
   * for the next export. Without the project's copy, what was sent is still better than nothing.
   */
  async #losslessAudio(project: Project, record: GenerationRecord): Promise<string | undefined> {
    if (!record.prepared) return undefined;
    const sent = project.generations.file(record.id, record.prepared.audio.file);
    if (sent.endsWith('.wav')) return sent;
    const wav = project.generations.file(record.id, 'audio.wav');
    if ((await stat(wav).catch(() => null))?.isFile()) return wav;
    const { trim, normalizeLoudness } = record.inputs;
    return this.#media
      .prepareAudio({
        input: project.path(record.inputs.audio.file),
        startSec: trim.startSec,
        endSec: trim.endSec,
        normalizeLoudness,
        maxSec: null,
        format: 'wav',
        outFile: wav,
      })
      .then(() => wav)
      .catch((error: unknown) => {
        this.#log?.warn('export uses the sent audio: the original could not be cut again', { id: record.id, error });
        return sent;
      });
  }

  /** Shows an exported file; only files inside the project's exports/ are shown. */
  revealExport(dir: string, file: string): void {
    const exports = this.#projects.get(dir).exportsDir();
    if (!isInside(exports, resolve(file)))
      throw new AppError('path_outside_project', 'Only files in the project’s exports folder can be shown from here.');
    this.#platform.showItemInFolder(resolve(file));
  }

  reveal(dir: string, id?: string): void {
    this.#projects.reveal(dir, id);
  }

  async #defaultExportPath(
    exportsDir: string,
    info: { name: string; outputNameTemplate: string },
    record: GenerationRecord,
    take: number,
    format: ExportFormat,
  ): Promise<string> {
    const name = outputNameFor(info.outputNameTemplate, info.name, record, take);
    await mkdir(exportsDir, { recursive: true });
    return freePath(exportsDir, name, format);
  }
}

/** The take to export: the one asked for, else the first finished one; it must be finished. */
function exportableTake(record: GenerationRecord, index: number | undefined): { index: number; file: string } {
  const take = index === undefined ? record.takes.find((t) => t.state === 'done') : record.takes.find((t) => t.index === index);
  if (!take?.file || take.state !== 'done') {
    throw new AppError(
      'take_missing',
      index === undefined ? `“${record.name}” has no finished take to export.` : `Take ${index} of “${record.name}” is not on disk.`,
    );
  }
  return { index: take.index, file: take.file };
}
