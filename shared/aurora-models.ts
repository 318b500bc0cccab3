/**
 * The Aurora models a generation can be made with, and what each costs. Source:
 * https://runware.ai/docs/models/creatify-aurora-v1 and the Aurora v1 Fast page ("for
 * rapid iteration"): the same request shape, a lower resolution, half the price. Every
 * price and label the app shows comes from this table.
 */
export const AURORA_MODEL_IDS = ['v1', 'fast'] as const;
export type AuroraModelId = (typeof AURORA_MODEL_IDS)[number];

export interface AuroraModel {
  id: AuroraModelId;
  /** Runware's model identifier, as sent in `model`. */
  air: string;
  /** Final takes or drafts to iterate on. */
  role: 'final' | 'draft';
  name: string;
  resolution: string;
  pricePerSecondUSD: number;
}

export const AURORA_MODELS: Record<AuroraModelId, AuroraModel> = {
  v1: { id: 'v1', air: 'creatify:aurora@0', role: 'final', name: 'Aurora v1', resolution: '720p', pricePerSecondUSD: 0.14 },
  fast: { id: 'fast', air: 'creatify:aurora@fast', role: 'draft', name: 'Aurora v1 Fast', resolution: '480p', pricePerSecondUSD: 0.07 },
};

/** A generation without a model (made before the choice existed) used Aurora v1. */
export const DEFAULT_AURORA_MODEL: AuroraModelId = 'v1';

export function auroraModel(id: AuroraModelId | undefined): AuroraModel {
  return AURORA_MODELS[id ?? DEFAULT_AURORA_MODEL];
}

export function modelByAir(air: string): AuroraModel | null {
  return Object.values(AURORA_MODELS).find((m) => m.air === air) ?? null;
}

/** "Final — Aurora v1, 720p, $0.14/s": the choice as the window and `--help` show it. */
export function modelChoiceLabel(model: AuroraModel): string {
  return `${model.role === 'final' ? 'Final' : 'Draft'} — ${model.name}, ${model.resolution}, $${model.pricePerSecondUSD.toFixed(2)}/s`;
}

export const AURORA_AIRS = [AURORA_MODELS.v1.air, AURORA_MODELS.fast.air] as const;
