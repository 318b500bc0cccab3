/**
 * A generation: one portrait + one trimmed voice + settings → one Runware task with
 * 1–4 takes. Its record (`generation.json`) is the journal of its life; the window,
 * the CLI and the engine all read this one schema.
 */
import { z } from 'zod';
import { AuroraSettingsSchema } from './aurora.ts';

export const GENERATION_STATES = [
  'draft',
  'queued',
  'preparing',
  'uploading',
  'submitting',
  'processing',
  'downloading',
  /** A split generation putting its parts together. */
  'stitching',
  'done',
  'failed',
  'canceled',
  'interrupted',
] as const;
export type GenerationState = (typeof GENERATION_STATES)[number];

export const TERMINAL_STATES: ReadonlySet<GenerationState> = new Set(['done', 'failed', 'canceled']);

/** Links a generation to the split generation it is a part of, or to its batch. */
/** A voice spoken from a script, or a portrait drawn from a description, and what it cost. */
export const MadeInputsSchema = z.object({
  speech: z
    .object({ text: z.string(), model: z.string(), voice: z.string(), costUSD: z.number().nonnegative(), reused: z.boolean() })
    .optional(),
  portrait: z
    .object({
      prompt: z.string(),
      model: z.string(),
      seed: z.number().nullable(),
      costUSD: z.number().nonnegative().nullable(),
      reused: z.boolean(),
    })
    .optional(),
});
export type MadeInputs = z.infer<typeof MadeInputsSchema>;

export const GroupLinkSchema = z.object({ id: z.string(), index: z.number().int().min(1), count: z.number().int().min(1) });
export type GroupLink = z.infer<typeof GroupLinkSchema>;

export const SequencePartSchema = z.object({
  index: z.number().int().min(1),
  startSec: z.number().nonnegative(),
  endSec: z.number().positive(),
  /** The generation making this part now; earlier tries are kept in `attempts`. */
  generationId: z.string().optional(),
  attempts: z.array(z.string()).default([]),
});
export type SequencePart = z.infer<typeof SequencePartSchema>;

/** States in which Runware may already hold (and bill) the task. */
export const REMOTE_STATES: ReadonlySet<GenerationState> = new Set(['submitting', 'processing', 'downloading']);

/** States that can still be canceled: nothing has been sent for billing yet. */
export const CANCELABLE_STATES: ReadonlySet<GenerationState> = new Set(['draft', 'queued', 'preparing', 'uploading']);

export function isTerminal(state: GenerationState): boolean {
  return TERMINAL_STATES.has(state);
}

const Seconds = z.number().nonnegative();

export const ErrorInfoSchema = z.object({
  code: z.string(),
  category: z.string().optional(),
  message: z.string(),
  retryable: z.boolean().optional(),
  at: z.string(),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

export const TakeSchema = z.object({
  index: z.number().int().min(1),
  videoUUID: z.string(),
  /** Runware's URL; expires (ttl), so the take is downloaded at once. */
  remoteURL: z.string().optional(),
  state: z.enum(['pending', 'downloading', 'done', 'failed']),
  /** File names inside the generation folder. */
  file: z.string().optional(),
  poster: z.string().optional(),
  durationSec: Seconds.optional(),
  costUSD: z.number().nonnegative().optional(),
  seed: z.number().optional(),
  /** Runware's content check flagged this take (`NSFWContent`); it is kept, and shown as flagged. */
  nsfw: z.boolean().optional(),
  error: ErrorInfoSchema.optional(),
});
export type Take = z.infer<typeof TakeSchema>;

export const InputRefSchema = z.object({
  /** Project-relative path of the imported copy (media/<sha>.<ext>). */
  file: z.string(),
  sha256: z.string(),
  originalName: z.string(),
});

export const GenerationRecordSchema = z.object({
  schemaVersion: z.literal(1),
  /** Also the folder name: `yyyy-mm-dd_hhmmss_<slug>`. */
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  state: z.enum(GENERATION_STATES),
  history: z.array(z.object({ state: z.enum(GENERATION_STATES), at: z.string(), note: z.string().optional() })),
  inputs: z.object({
    image: InputRefSchema.extend({ width: z.number().int().positive().optional(), height: z.number().int().positive().optional() }),
    audio: InputRefSchema.extend({ durationSec: Seconds.optional() }),
    trim: z.object({ startSec: Seconds, endSec: Seconds }),
    normalizeLoudness: z.boolean(),
  }),
  params: AuroraSettingsSchema,
  /** What was actually sent: files inside the generation folder. */
  prepared: z
    .object({
      image: z.object({ file: z.string(), sha256: z.string(), width: z.number().int(), height: z.number().int() }),
      audio: z.object({ file: z.string(), sha256: z.string(), durationSec: Seconds }),
    })
    .optional(),
  uploads: z
    .object({
      image: z.string().optional(),
      audio: z.string().optional(),
      /** Inputs whose media UUID came from the upload cache (a refusal then means: upload again, resubmit once). */
      cached: z.array(z.enum(['image', 'audio'])).optional(),
    })
    .default({}),
  /** Minted and saved before the submit request, so a crash can always be reconciled. */
  taskUUID: z.string().optional(),
  submittedAt: z.string().optional(),
  acceptedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  billedSeconds: z.number().int().positive(),
  estimateUSD: z.number().nonnegative(),
  /** What Runware reported for the task (see `costReported`); absent until known. */
  costUSD: z.number().nonnegative().optional(),
  /**
   * How Runware's `cost` fields read: each take's own price (`per-take`, summed), or the
   * whole task's price repeated on every take (`per-task`). Takes keep the raw values.
   */
  costReported: z.enum(['per-take', 'per-task']).optional(),
  takes: z.array(TakeSchema).default([]),
  progress: z.number().min(0).max(100).optional(),
  error: ErrorInfoSchema.optional(),
  favorite: z.boolean().default(false),
  /** Position in the queue while not yet submitted (lower runs first). */
  queueOrder: z.number().default(0),
  /** The generation this one repeats (a retry is always a new, separately billed generation). */
  retryOf: z.string().optional(),
  /** A final made from this draft (Aurora v1 Fast) with the same inputs and settings: the draft's id. */
  draftOf: z.string().optional(),
  /** Inputs Runware made for this generation: the voice from a script, the portrait from a description, and what each cost. */
  made: MadeInputsSchema.optional(),
  /** `sequence`: audio over 60 s made as parts and stitched into one video (takes[0]). */
  kind: z.enum(['single', 'sequence']).optional(),
  /** For a part: the split generation it belongs to. */
  parent: GroupLinkSchema.optional(),
  /** For a split generation: its parts, in order. */
  parts: z.array(SequencePartSchema).optional(),
  /** For a batch item: its batch. */
  batch: GroupLinkSchema.extend({ name: z.string() }).optional(),
});
export type GenerationRecord = z.infer<typeof GenerationRecordSchema>;

/** The seconds of audio a generation sends: as measured once prepared, else its selection. */
export function audioSecondsOf(record: Pick<GenerationRecord, 'prepared' | 'inputs'>): number {
  return record.prepared?.audio.durationSec ?? record.inputs.trim.endSec - record.inputs.trim.startSec;
}

/**
 * Why a generation is not moving right now. Live, from the engine: never written to the
 * record (a full disk could not take it), gone when the engine moves on.
 */
export const WaitSchema = z.object({
  /**
   * `blocked`: the person must act (key, credit); the queue is paused · `stalled`: stopped
   * where it is, resumable (a full disk, or tries used up) · `retrying`: trying again by itself.
   */
  kind: z.enum(['blocked', 'stalled', 'retrying']),
  code: z.string(),
  /** For `blocked`: what must be fixed, `credits` or `auth`. */
  category: z.string().optional(),
  /** What happened and what to do, at the moment it happened. */
  message: z.string(),
  /** For `retrying`: what failed, when the next try starts, and which try that is. */
  what: z.enum(['busy', 'upload', 'download', 'offline']).optional(),
  retryAt: z.string().optional(),
  attempt: z.number().int().positive().optional(),
  attempts: z.number().int().positive().optional(),
});
export type Wait = z.infer<typeof WaitSchema>;

/** What lists (queue, library, CLI `list`) need, without the history. */
export const GenerationSummarySchema = GenerationRecordSchema.pick({
  id: true,
  name: true,
  state: true,
  createdAt: true,
  updatedAt: true,
  taskUUID: true,
  estimateUSD: true,
  costUSD: true,
  billedSeconds: true,
  progress: true,
  error: true,
  favorite: true,
  queueOrder: true,
  params: true,
  takes: true,
  submittedAt: true,
  acceptedAt: true,
  finishedAt: true,
  kind: true,
  parent: true,
  parts: true,
  batch: true,
  draftOf: true,
}).extend({ audioSec: z.number().nonnegative(), wait: WaitSchema.optional() });

export type GenerationSummary = z.infer<typeof GenerationSummarySchema>;

export function summarise(record: GenerationRecord): GenerationSummary {
  const summary: GenerationSummary = {
    id: record.id,
    name: record.name,
    state: record.state,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    taskUUID: record.taskUUID,
    estimateUSD: record.estimateUSD,
    costUSD: record.costUSD,
    billedSeconds: record.billedSeconds,
    progress: record.progress,
    error: record.error,
    favorite: record.favorite,
    queueOrder: record.queueOrder,
    params: record.params,
    takes: record.takes,
    audioSec: record.inputs.trim.endSec - record.inputs.trim.startSec,
    submittedAt: record.submittedAt,
    acceptedAt: record.acceptedAt,
    finishedAt: record.finishedAt,
    kind: record.kind,
    parent: record.parent,
    parts: record.parts,
    batch: record.batch,
    ...(record.draftOf ? { draftOf: record.draftOf } : {}),
  };
  return summary;
}

/** The queue as a whole, for the queue header and the taskbar. */
export const QueueSummarySchema = z.object({
  paused: z.boolean(),
  queued: z.number().int(),
  /** Preparing, uploading, submitting or processing: counted against the concurrency limit. */
  active: z.number().int(),
  downloading: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  /** Generations waiting on the person (key, balance) or on the network. */
  waiting: z.number().int(),
  online: z.boolean(),
});
export type QueueSummary = z.infer<typeof QueueSummarySchema>;
