import type { GenerationRecord } from '../../shared/generation.ts';
import type { Project } from '../core/projects/project.ts';

export interface OutputJson {
  path: string;
  videoUUID: string;
  durationSec: number | null;
}

export interface GenerationJson {
  generationId: string;
  status: string;
  taskUUID: string | null;
  costUSD: number | null;
  outputs: OutputJson[];
  error?: { code: string; message: string };
}

export function outputsOf(project: Project, record: Pick<GenerationRecord, 'id' | 'takes'>): OutputJson[] {
  return record.takes
    .filter((t) => t.state === 'done' && t.file)
    .map((t) => ({
      path: project.generations.file(record.id, t.file as string),
      videoUUID: t.videoUUID,
      durationSec: t.durationSec ?? null,
    }));
}

export function generationJson(
  project: Project,
  record: GenerationRecord,
  waiting?: { code: string; message: string } | null,
): GenerationJson {
  const json: GenerationJson = {
    generationId: record.id,
    status: record.state,
    taskUUID: record.taskUUID ?? null,
    costUSD: record.costUSD ?? null,
    outputs: outputsOf(project, record),
  };
  const error = waiting ?? record.error;
  if (error && record.state !== 'done') json.error = { code: error.code, message: error.message };
  return json;
}
