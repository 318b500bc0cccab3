import type { GenerationRecord } from '../../shared/generation.ts';

/**
 * A finished generation's record as the engine writes it (no takes unless given),
 * for seeding projects on disk in tests and benches.
 */
export function generationRecord(id: string, overrides: Partial<GenerationRecord> = {}): GenerationRecord {
  const at = overrides.createdAt ?? '2026-11-23T10:00:00.000Z';
  return {
    schemaVersion: 1,
    id,
    name: id,
    createdAt: at,
    updatedAt: at,
    state: 'done',
    history: [{ state: 'queued', at }],
    inputs: {
      image: { file: 'media/a.jpg', sha256: 'a', originalName: 'a.jpg' },
      audio: { file: 'media/b.wav', sha256: 'b', originalName: 'b.wav' },
      trim: { startSec: 0, endSec: 5.5 },
      normalizeLoudness: false,
    },
    params: { numberResults: 1, outputFormat: 'MP4', outputQuality: 95, CFGScale: 1 },
    uploads: {},
    billedSeconds: 6,
    estimateUSD: 0.84,
    costUSD: 0.84,
    takes: [],
    favorite: false,
    queueOrder: 1,
    ...overrides,
  };
}
