import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { ImportedAudio } from '../../../shared/inputs.ts';
import { asLocalWriteError } from '../fs/local-write-error.ts';
import type { MediaOps } from '../jobs/media-ops.ts';
import type { Inputs } from './inputs.ts';
import type { Projects } from './projects.ts';

/** The folder of a project where microphone takes are written as they are recorded. */
export const RECORDINGS_FOLDER = 'recordings';
/** A take longer than this is not a voice for a talking head (about 2 h of Opus). */
const MAX_RECORDING_BYTES = 500 * 1024 * 1024;

interface OpenRecording {
  dir: string;
  /** The take as it arrives (the recorder's own container), absolute. */
  file: string;
  /** Project-relative, for messages. */
  relative: string;
  bytes: number;
  /** Appends run one after another, in the order the window sent them. */
  writing: Promise<void>;
  /** When the window last sent a piece (ms). */
  lastAt: number;
}

/**
 * A live recorder sends a piece every quarter second: a take silent this long lost its window
 * (a renderer crash or a reload never says Stop), and is offered back like any cut-short take.
 */
const ABANDONED_AFTER_MS = 1500;

const EXTENSIONS: Record<string, string> = { 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a', 'audio/wav': 'wav' };

/** `Recording 2026-12-03 05.12.33` in the person's local time, as a file manager sorts it. */
function takeName(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `Recording ${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}.${p(now.getMinutes())}.${p(now.getSeconds())}`;
}

/**
 * Microphone takes, written into the project's `recordings/` folder while they are recorded
 * (the window sends the recorder's chunks every quarter second): a crash or a closed window
 * keeps everything up to the last chunk, as a file the person can find and drop back in.
 * When the take stops it is made a WAV beside it and imported like any dropped voice.
 */
export class Recordings {
  readonly #deps: { projects: Projects; media: MediaOps; inputs: Inputs; now?: () => Date };
  readonly #open = new Map<string, OpenRecording>();

  constructor(deps: { projects: Projects; media: MediaOps; inputs: Inputs; now?: () => Date }) {
    this.#deps = deps;
  }

  async start(dir: string, mimeType: string): Promise<{ id: string; file: string }> {
    const project = this.#deps.projects.get(dir);
    const extension = EXTENSIONS[mimeType.split(';')[0]?.trim().toLowerCase() ?? ''];
    if (!extension) throw new AppError('invalid_input', `Recordings in “${mimeType}” cannot be kept. Record again (WebM or Ogg audio).`);
    const folder = project.path(RECORDINGS_FOLDER);
    let name = takeName(this.#deps.now?.() ?? new Date());
    try {
      await mkdir(folder, { recursive: true });
      // Two takes in the same second get their own files.
      for (let n = 2; await exists(join(folder, `${name}.${extension}`)); n += 1)
        name = `${takeName(this.#deps.now?.() ?? new Date())} (${n})`;
      await writeFile(join(folder, `${name}.${extension}`), new Uint8Array(0), { flag: 'wx' });
    } catch (error) {
      throw await writeRefusal(error, folder);
    }
    const id = randomUUID();
    const relative = `${RECORDINGS_FOLDER}/${name}.${extension}`;
    this.#open.set(id, {
      dir: project.dir,
      file: join(folder, `${name}.${extension}`),
      relative,
      bytes: 0,
      writing: Promise.resolve(),
      lastAt: this.#now(),
    });
    return { id, file: relative };
  }

  /** One chunk of the take, written at once (never held in memory until the end). */
  append(id: string, bytes: Uint8Array): Promise<void> {
    const take = this.#take(id);
    if (take.bytes + bytes.byteLength > MAX_RECORDING_BYTES) {
      throw new AppError(
        'recording_too_long',
        'This recording is longer than Avatar Studio keeps in one take. Stop, and record the rest as a new take.',
      );
    }
    take.bytes += bytes.byteLength;
    take.lastAt = this.#now();
    const write = take.writing.then(() => appendFile(take.file, bytes));
    take.writing = write.catch(() => undefined);
    return write.catch(async (error: unknown) => {
      throw await writeRefusal(error, dirname(take.file));
    });
  }

  /** The take stopped: a WAV beside it (exact length, any player reads it), imported as the voice. */
  async finish(id: string): Promise<ImportedAudio> {
    const take = this.#take(id);
    this.#open.delete(id);
    await take.writing;
    if (take.bytes === 0) {
      await rm(take.file, { force: true });
      throw new AppError(
        'recording_empty',
        'Nothing was recorded: the microphone sent no sound. Check that it is connected and not muted, then record again.',
      );
    }
    return this.#keep(take.dir, take.file, take.relative);
  }

  /**
   * Takes a crash or a closed window interrupted: the recorder's own files still in
   * `recordings/` with no WAV beside them (and not being recorded now), offered to keep.
   */
  async unfinished(dir: string): Promise<{ file: string; bytes: number }[]> {
    const project = this.#deps.projects.get(dir);
    const names = await readdir(project.path(RECORDINGS_FOLDER)).catch(() => [] as string[]);
    const recording = await this.#liveTakes();
    const found: { file: string; bytes: number }[] = [];
    for (const name of names.sort()) {
      const extension = name.split('.').pop()?.toLowerCase() ?? '';
      if (extension === 'wav' || !Object.values(EXTENSIONS).includes(extension)) continue;
      const file = project.path(`${RECORDINGS_FOLDER}/${name}`);
      if (recording.has(file) || names.includes(name.replace(/\.[^.]+$/, '.wav'))) continue;
      const bytes = (await stat(file).catch(() => null))?.size ?? 0;
      if (bytes > 0) found.push({ file: `${RECORDINGS_FOLDER}/${name}`, bytes });
    }
    return found;
  }

  /** An interrupted take kept after all: made a WAV of what arrived, and imported as a voice. */
  async recover(dir: string, file: string): Promise<ImportedAudio> {
    const project = this.#deps.projects.get(dir);
    const listed = (await this.unfinished(dir)).find((u) => u.file === file);
    if (!listed) throw new AppError('recording_missing', 'That interrupted take is no longer in the recordings folder.');
    // A take whose window went away is closed here: what it wrote is complete on disk.
    for (const [id, take] of this.#open) {
      if (take.file !== project.path(listed.file)) continue;
      this.#open.delete(id);
      await take.writing;
    }
    return this.#keep(project.dir, project.path(listed.file), listed.file);
  }

  /** A take as the person keeps it: a WAV of exactly what was recorded, imported as a voice. */
  async #keep(dir: string, file: string, relative: string): Promise<ImportedAudio> {
    const wav = file.replace(/\.[^./\\]+$/, '.wav');
    const { durationSec } = await this.#deps.media.probeAudio(file).catch(() => {
      throw new AppError(
        'recording_unreadable',
        `The recording could not be read. What arrived is kept in the project as ${relative}; record again.`,
      );
    });
    await this.#deps.media.prepareAudio({
      input: file,
      startSec: 0,
      endSec: durationSec,
      normalizeLoudness: false,
      format: 'wav',
      outFile: wav,
      maxSec: null,
    });
    // The WAV holds all of it now; the recorder's own file would only be a second copy.
    await rm(file, { force: true });
    const input = await this.#deps.inputs.import(dir, wav);
    if (input.kind !== 'audio') throw new AppError('recording_unreadable', 'The recording is not sound. Record again.');
    return input;
  }

  /** A take thrown away before it stopped (Re-record during the count-in, say). */
  async discard(id: string): Promise<void> {
    const take = this.#open.get(id);
    if (!take) return;
    this.#open.delete(id);
    await take.writing;
    await rm(take.file, { force: true });
  }

  /**
   * The takes a window is still sending: one quiet for a moment is watched until it either
   * gets its next piece (live) or stays quiet (its window is gone).
   */
  async #liveTakes(): Promise<Set<string>> {
    const open = [...this.#open.values()];
    const wait = Math.max(0, ...open.map((t) => ABANDONED_AFTER_MS - (this.#now() - t.lastAt)));
    if (open.length > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return new Set(open.filter((t) => this.#now() - t.lastAt < ABANDONED_AFTER_MS).map((t) => t.file));
  }

  #now(): number {
    return this.#deps.now?.().getTime() ?? Date.now();
  }

  #take(id: string): OpenRecording {
    const take = this.#open.get(id);
    if (!take) throw new AppError('recording_missing', 'That recording has already stopped. Record again.');
    return take;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** A full or read-only disk said in words (what was recorded so far stays where it is). */
async function writeRefusal(error: unknown, folder: string): Promise<Error> {
  const local = await asLocalWriteError(error, { folder, label: 'recordings folder', bytesNeeded: 5_000_000, then: 'record again' });
  return local ?? (error instanceof Error ? error : new Error(String(error)));
}
