import { basename } from 'node:path';
import type { AuroraSettings } from '../../../shared/aurora.ts';
import { AppError } from '../../../shared/errors.ts';
import type { GenerationRecord } from '../../../shared/generation.ts';
import type { BatchCoordinator, BatchPlan } from '../jobs/batch.ts';
import { readManifest, type BatchItemInput } from '../jobs/batch-manifest.ts';
import type { BudgetGate } from './budget-gate.ts';
import type { Projects } from './projects.ts';

export interface BatchRequest {
  /** Pairs from a drop, or… */
  items?: BatchItemInput[];
  /** …a CSV or JSON list on disk. */
  manifest?: string;
  name?: string;
  settings?: Partial<AuroraSettings>;
}

/**
 * Batches, for the window and the command line: planned and priced first (every item
 * checked, nothing queued), then started by the plan's id, so the prices that are queued
 * are the ones main computed, never the window's.
 */
export class Batches {
  readonly #projects: Projects;
  readonly #coordinator: BatchCoordinator;
  readonly #gate: BudgetGate;
  readonly #plans = new Map<string, { projectDir: string; plan: BatchPlan; settings: Partial<AuroraSettings> }>();

  constructor(deps: { projects: Projects; coordinator: BatchCoordinator; gate: BudgetGate }) {
    this.#projects = deps.projects;
    this.#coordinator = deps.coordinator;
    this.#gate = deps.gate;
  }

  async plan(dir: string, request: BatchRequest): Promise<BatchPlan> {
    const project = this.#projects.get(dir);
    const items = request.manifest ? await readManifest(request.manifest) : (request.items ?? []);
    const name = request.name ?? (request.manifest ? basename(request.manifest).replace(/\.(csv|json)$/i, '') : undefined);
    const plan = await this.#coordinator.plan(project, items, { name, settings: request.settings });
    this.#plans.set(plan.id, { projectDir: project.dir, plan, settings: request.settings ?? {} });
    return plan;
  }

  /** Queues a plan the person confirmed; its whole price passes the budget gate first. */
  async start(dir: string, planId: string): Promise<GenerationRecord[]> {
    const project = this.#projects.get(dir);
    const stored = this.#plans.get(planId);
    if (!stored || stored.projectDir !== project.dir) {
      throw new AppError('batch_plan_missing', 'That batch summary is out of date. Add the files again to see a fresh one.');
    }
    if (stored.plan.problems.length === 0) await this.#gate.admit(project, stored.plan.totalUSD);
    this.#plans.delete(planId);
    return this.#coordinator.start(project, stored.plan, stored.settings);
  }

  /** Resolves once the follow-ups of finished items (exports to exports/<batch>/) are written. */
  idle(): Promise<void> {
    return this.#coordinator.idle();
  }
}
