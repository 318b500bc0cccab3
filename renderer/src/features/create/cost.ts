import { billedSeconds, estimateCostUSD, estimatePartsCost } from '../../../../shared/aurora.ts';
import { auroraModel, type AuroraModelId } from '../../../../shared/aurora-models.ts';
import { money, plural } from '../../lib/format.ts';

export interface CostLine {
  selectedSec: number;
  billedSec: number;
  takes: number;
  totalUSD: number;
  text: string;
}

/** The footer's contract with the wallet: duration sent → seconds billed → the model's price → takes → price. */
export function costLine(selectedSec: number, takes: number, model?: AuroraModelId): CostLine {
  const { pricePerSecondUSD } = auroraModel(model);
  const billedSec = billedSeconds(selectedSec);
  const totalUSD = estimateCostUSD(selectedSec, takes, pricePerSecondUSD);
  const text = `${selectedSec.toFixed(2)} s → ${billedSec} s billed at ${money(pricePerSecondUSD)}/s × ${plural(takes, 'take')} = ${money(totalUSD)}`;
  return { selectedSec, billedSec, takes, totalUSD, text };
}

/** The price of a selection made in parts: every part rounds up on its own. */
export function splitCostLine(parts: readonly { startSec: number; endSec: number }[], model?: AuroraModelId): CostLine {
  const { pricePerSecondUSD } = auroraModel(model);
  const selectedSec = parts.reduce((s, p) => s + (p.endSec - p.startSec), 0);
  const { billedSec, totalUSD } = estimatePartsCost(parts, pricePerSecondUSD);
  const text = `${selectedSec.toFixed(2)} s in ${parts.length} parts → ${billedSec} s billed at ${money(pricePerSecondUSD)}/s = ${money(totalUSD)}`;
  return { selectedSec, billedSec, takes: 1, totalUSD, text };
}
