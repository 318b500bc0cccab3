import type { MadeInputs } from '../../../shared/generation.ts';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AuroraSettingsSchema, billedSeconds, estimateCostUSD, type AuroraSettings } from '../../../shared/aurora.ts';
import { AppError } from '../../../shared/errors.ts';
import type { CompositionRequest } from '../../../shared/composition.ts';
import type { GenerationRecord, GroupLink } from '../../../shared/generation.ts';
import { checkTrim } from '../../../shared/trim.ts';
import type { Project } from '../projects/project.ts';
import type { MediaOps } from './media-ops.ts';
import { projectPricePerSecond } from './pricing.ts';

/** A generation to queue: a composition (source files anywhere on disk, imported into the project first), and how it belongs. */
export type GenerationRequest = CompositionRequest & {
  retryOf?: string;
  /** The draft this generation makes final. */
  draftOf?: string;
  /** Part of a split generation, or item of a batch. */
  parent?: GroupLink;
  batch?: GroupLink & { name: string };
  /** The inputs as already copied into the project and measured: nothing is probed or copied again. */
  measured?: MeasuredInputs;
  /** Inputs Runware made (speech from a script, a portrait from a description), kept in the record. */
  made?: MadeInputs;
};

/** Inputs copied into the project and measured: what a queued generation records of them. */
export interface MeasuredInputs {
  image: { file: string; sha256: string; originalName: string; width: number; height: number };
  audio: { file: string; sha256: string; originalName: string; durationSec: number };
}

export function validateSettings(settings: unknown): AuroraSettings {
  const parsed = AuroraSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid_parameter', issue?.message ?? 'A setting is not valid.');
  }
  return parsed.data;
}

/**
 * Measures both inputs (the audio decoded for its true length, which decides the price),
 * checks the selection against that length, and copies both into the project. Nothing is
 * copied when a check fails.
 */
export async function measureInputs(
  project: Project,
  request: Pick<GenerationRequest, 'image' | 'audio' | 'startSec' | 'endSec' | 'originalNames'>,
  media: MediaOps,
  maxSec?: number,
): Promise<MeasuredInputs> {
  const audioName = request.originalNames?.audio ?? basename(request.audio);
  const { durationSec } = await media.probeAudio(request.audio);
  checkTrim(request.startSec ?? 0, request.endSec ?? durationSec, durationSec, audioName, maxSec);
  const { width, height } = await media.probeImage(request.image);
  const image = await project.importMedia(request.image);
  const audio = await project.importMedia(request.audio);
  return {
    image: { file: image.file, sha256: image.sha256, originalName: request.originalNames?.image ?? image.originalName, width, height },
    audio: { file: audio.file, sha256: audio.sha256, originalName: audioName, durationSec },
  };
}

/** A record's inputs as measured, when it holds every measurement (older split records do not). */
export function measuredInputs(inputs: GenerationRecord['inputs']): MeasuredInputs | undefined {
  const { image, audio } = inputs;
  if (image.width === undefined || image.height === undefined || audio.durationSec === undefined) return undefined;
  return {
    image: { file: image.file, sha256: image.sha256, originalName: image.originalName, width: image.width, height: image.height },
    audio: { file: audio.file, sha256: audio.sha256, originalName: audio.originalName, durationSec: audio.durationSec },
  };
}

/** The request that makes a recorded generation again from the project's copies of its inputs. */
export function requestFromRecord(project: Project, record: GenerationRecord): GenerationRequest {
  return {
    image: project.path(record.inputs.image.file),
    audio: project.path(record.inputs.audio.file),
    startSec: record.inputs.trim.startSec,
    endSec: record.inputs.trim.endSec,
    settings: record.params,
    normalizeLoudness: record.inputs.normalizeLoudness,
    name: record.name,
    originalNames: { image: record.inputs.image.originalName, audio: record.inputs.audio.originalName },
    measured: measuredInputs(record.inputs),
  };
}

/** Measured inputs skip the import, so their project copies are checked for here instead. */
async function assertPresent(project: Project, inputs: MeasuredInputs): Promise<void> {
  for (const { file } of [inputs.image, inputs.audio]) {
    const info = await stat(project.path(file)).catch(() => null);
    if (!info?.isFile()) throw new AppError('media_missing', `“${basename(file)}” was not found or is not a file.`);
  }
}

/**
 * Builds a queued generation: validates everything first (nothing is written for a
 * bad request), imports the inputs into the project, and prices it.
 */
export async function buildGeneration(
  project: Project,
  request: GenerationRequest,
  deps: { media: MediaOps; now: Date; queueOrder: number },
): Promise<GenerationRecord> {
  const params = validateSettings({ ...project.info.defaults.settings, ...request.settings });
  const { measured } = request;
  if (measured) {
    checkTrim(request.startSec ?? 0, request.endSec ?? measured.audio.durationSec, measured.audio.durationSec, measured.audio.originalName);
    await assertPresent(project, measured);
  }
  const inputs = measured ?? (await measureInputs(project, request, deps.media));
  const startSec = request.startSec ?? 0;
  const endSec = request.endSec ?? inputs.audio.durationSec;
  const seconds = endSec - startSec;
  const audioName = inputs.audio.originalName;
  const name = request.name?.trim() || basename(audioName, extname(audioName));
  return newRecord({
    id: await project.generations.newId(name, deps.now),
    name,
    now: deps.now,
    inputs: {
      image: inputs.image,
      audio: inputs.audio,
      trim: { startSec, endSec },
      normalizeLoudness: request.normalizeLoudness ?? project.info.defaults.normalizeLoudness,
    },
    params,
    billedSeconds: billedSeconds(seconds),
    estimateUSD: estimateCostUSD(seconds, params.numberResults, projectPricePerSecond(project, params)),
    queueOrder: deps.queueOrder,
    ...(request.retryOf ? { retryOf: request.retryOf } : {}),
    ...(request.draftOf ? { draftOf: request.draftOf } : {}),
    ...(request.made ? { made: request.made } : {}),
    ...(request.parent ? { parent: request.parent } : {}),
    ...(request.batch ? { batch: request.batch } : {}),
  });
}

/** What a new record needs to be told; everything else starts the same for every generation. */
export type NewRecordFields = Pick<GenerationRecord, 'id' | 'name' | 'inputs' | 'params' | 'billedSeconds' | 'estimateUSD'> &
  Partial<Pick<GenerationRecord, 'queueOrder' | 'kind' | 'parts' | 'parent' | 'batch' | 'retryOf' | 'draftOf' | 'made'>> & {
    now: Date;
    note?: string;
  };

/** The one place a generation's record is born: queued, nothing sent, nothing spent. */
export function newRecord(fields: NewRecordFields): GenerationRecord {
  const { now, note, queueOrder, ...rest } = fields;
  const at = now.toISOString();
  return {
    schemaVersion: 1,
    ...rest,
    createdAt: at,
    updatedAt: at,
    state: 'queued',
    history: [{ state: 'queued', at, ...(note ? { note } : {}) }],
    uploads: {},
    takes: [],
    favorite: false,
    queueOrder: queueOrder ?? 0,
  };
}
