import { pricePerSecondOf } from '../../../shared/aurora.ts';
import type { AuroraModelId } from '../../../shared/aurora-models.ts';
import type { Project } from '../projects/project.ts';

/** What a second of video costs in this project: Runware's price, or nothing in the demo. */
export function projectPricePerSecond(project: Project, settings: { model?: AuroraModelId }): number {
  return project.info.demo ? 0 : pricePerSecondOf(settings);
}
