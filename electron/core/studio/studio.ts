import { Speech } from './speech.ts';
import { Portraits } from './portraits.ts';
import { Recordings } from './recordings.ts';
import type { VoiceCatalog } from '../runware/voice-catalog.ts';
import type { RunwareClient } from '../runware/runware-client.ts';
import type { BatchCoordinator } from '../jobs/batch.ts';
import type { StudioEvents } from '../jobs/engine-events.ts';
import type { JobEngine } from '../jobs/job-engine.ts';
import type { MediaOps } from '../jobs/media-ops.ts';
import type { SequenceCoordinator } from '../jobs/sequence-coordinator.ts';
import type { Logger } from '../logging/logger.ts';
import type { Platform } from '../shell/platform.ts';
import { Batches } from './batches.ts';
import { BudgetGate } from './budget-gate.ts';
import { Generations } from './generations.ts';
import { Inputs } from './inputs.ts';
import { Library } from './library.ts';
import { Projects } from './projects.ts';
import { Queue } from './queue.ts';

export interface StudioDeps {
  engine: JobEngine;
  sequences: SequenceCoordinator;
  batches: BatchCoordinator;
  media: MediaOps;
  platform: Platform;
  /** The projects folder now (it can change in Settings). */
  projectsRoot: () => string;
  budgetCapUSD: () => number | null;
  /** Where pasted bytes are saved before they are imported. */
  pasteDir: string;
  logger?: Logger;
  /** The demo is running: new projects are demo projects. */
  demo?: boolean;
  /** Runware for the requests that are not generations (speech); the engine has its own use of it. */
  runware: RunwareClient;
  /** This process's scratch folder (downloads before they are imported). */
  scratchDir: string;
  /** The voices of each text-to-speech model, as Runware publishes them. */
  voices: VoiceCatalog;
}

/**
 * Every use case, one door each: the IPC handlers and every command of the command line
 * call these and nothing below them, so the window and the command line cannot drift.
 */
export class Studio {
  readonly events: StudioEvents;
  readonly projects: Projects;
  readonly speech: Speech;
  readonly portraits: Portraits;
  readonly recordings: Recordings;
  readonly voices: VoiceCatalog;
  readonly inputs: Inputs;
  readonly generations: Generations;
  readonly batches: Batches;
  readonly library: Library;
  readonly queue: Queue;

  constructor(deps: StudioDeps) {
    const gate = new BudgetGate(deps.budgetCapUSD);
    const { engine, sequences, media, platform, logger } = deps;
    this.events = engine.events;
    this.projects = new Projects({
      projectsRoot: deps.projectsRoot,
      engine,
      sequences,
      platform,
      logger: logger?.child('projects'),
      demo: deps.demo,
    });
    this.inputs = new Inputs({ projects: this.projects, media, pasteDir: deps.pasteDir });
    this.voices = deps.voices;
    this.speech = new Speech({ projects: this.projects, runware: deps.runware, media, scratchDir: deps.scratchDir }, (air) =>
      deps.voices.voices(air),
    );
    this.recordings = new Recordings({ projects: this.projects, media, inputs: this.inputs });
    this.portraits = new Portraits({ projects: this.projects, runware: deps.runware, media, scratchDir: deps.scratchDir });
    this.generations = new Generations({ projects: this.projects, engine, sequences, media, gate });
    this.batches = new Batches({ projects: this.projects, coordinator: deps.batches, gate });
    this.library = new Library({
      projects: this.projects,
      generations: this.generations,
      engine,
      media,
      platform,
      logger: logger?.child('library'),
    });
    this.queue = new Queue(engine);
  }
}
