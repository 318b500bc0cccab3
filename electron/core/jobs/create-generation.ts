import { basename, extname } from 'node:path';
import {
  AuroraSettingsSchema,
  billedSeconds,
  estimateCostUSD,
  type AuroraSettings,
} from '../../../shared/aurora.ts';
import { AppError } from '../../../shared/errors.ts';
import type { GenerationRecord, GroupLink } from '../../../shared/generation.ts';
import { checkTrim } from '../../../shared/trim.ts';
import type { Project } from '../projects/project.ts';
import type { MediaOps } from './media-ops.ts';

export interface GenerationRequest {
  /** Source files anywhere on disk; they are imported into the project first. */
  image: string;
  audio: string;
  startSec?: number;
  endSec?: number;
  /** Over the project's defaults. */
  settings?: Partial<AuroraSettings>;
  normalizeLoudness?: boolean;
  name?: string;
  retryOf?: string;
  /** The names the person knows the inputs by, when the paths are project copies. */
  originalNames?: { image?: string; audio?: string };
  /** Part of a split generation, or item of a batch. */
  parent?: GroupLink;
  batch?: GroupLink & { name: string };
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
 * Builds a queued generation: validates everything first (nothing is written for a
 * bad request), imports the inputs into the project, and prices it.
 */
export async function buildGeneration(
  project: Project,
  request: GenerationRequest,
  deps: { media: MediaOps; now: Date; queueOrder: number },
): Promise<GenerationRecord> {
  const params = validateSettings({ ...project.info.defaults.settings, ...request.settings });
  const audioName = request.originalNames?.audio ?? basename(request.audio);
  const { durationSec } = await deps.media.probeAudio(request.audio);
  const startSec = request.startSec ?? 0;
  const endSec = request.endSec ?? durationSec;
  checkTrim(startSec, endSec, durationSec, audioName);
  const { width, height } = await deps.media.probeImage(request.image);

  const image = await project.importMedia(request.image);
  const audio = await project.importMedia(request.audio);
  const seconds = endSec - startSec;
  const name = request.name?.trim() || basename(audioName, extname(audioName));
  const at = deps.now.toISOString();
  return {
    schemaVersion: 1,
    id: await project.generations.newId(name, deps.now),
    name,
    createdAt: at,
    updatedAt: at,
    state: 'queued',
    history: [{ state: 'queued', at }],
    inputs: {
      image: { file: image.file, sha256: image.sha256, originalName: request.originalNames?.image ?? image.originalName, width, height },
      audio: { file: audio.file, sha256: audio.sha256, originalName: audioName, durationSec },
      trim: { startSec, endSec },
      normalizeLoudness: request.normalizeLoudness ?? project.info.defaults.normalizeLoudness,
    },
    params,
    uploads: {},
    billedSeconds: billedSeconds(seconds),
    estimateUSD: estimateCostUSD(seconds, params.numberResults),
    takes: [],
    favorite: false,
    queueOrder: deps.queueOrder,
    ...(request.retryOf ? { retryOf: request.retryOf } : {}),
    ...(request.parent ? { parent: request.parent } : {}),
    ...(request.batch ? { batch: request.batch } : {}),
  };
}
