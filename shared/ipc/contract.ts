/**
 * The one IPC contract between the window and the main process.
 *
 * Every request channel has a zod schema for what the renderer sends and what main
 * answers; every main→renderer event has a schema for its payload. Main parses every
 * payload against these schemas, the preload builds `window.studio` from these names,
 * and the renderer's type for `window.studio` is derived from them (see bridge.ts).
 *
 * Naming: `domain:method` becomes `window.studio.domain.method(input)`, and an event
 * `domain:thing` becomes `window.studio.domain.onThing(listener)`.
 */
import { TransferSchema } from '../transfer.ts';
import { z } from 'zod';
import { DoctorReportSchema } from '../doctor.ts';
import { AuroraSettingsSchema } from '../aurora.ts';
import { CompositionSchema, ExportFormatSchema, ExportQualitySchema, MAX_MEDIA_SECONDS, PASTE_LIMIT_BYTES } from '../composition.ts';
import { GenerationRecordSchema, GenerationSummarySchema, QueueSummarySchema } from '../generation.ts';
import { ImportedAudioSchema, ImportedImageSchema } from '../inputs.ts';
import { BatchItemSchema, BatchPlanSchema, ImportedInputSchema, PeaksSchema, SpeechBoundsSchema, SplitPlanSchema } from '../inputs.ts';
import { KeyStatusSchema } from '../key-status.ts';
import { NoticeSchema } from '../notices.ts';
import { ProjectDefaultsSchema, ProjectFileSchema, ProjectListItemSchema } from '../project.ts';
import { SettingsViewSchema, WindowSettingsPatchSchema } from '../settings.ts';
import { TrashedSpendSchema } from '../spend.ts';

export interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
}

const none = z.undefined();
/** The window sends a recording four times a second: a piece this large is not one of those. */
const RECORDING_CHUNK_LIMIT_BYTES = 8 * 1024 * 1024;
/** A path or a project-relative file name: long enough for any real one. */
const pathString = z.string().min(1).max(4096);
/** A point in an audio file, in seconds: no real recording lasts a day. */
const seconds = z.number().nonnegative().max(MAX_MEDIA_SECONDS);
const projectRef = z.object({ projectDir: z.string().min(1).max(4096) }).strict();
const generationRef = projectRef.extend({ id: z.string().min(1).max(255) }).strict();
/** What the composer sends: inputs already in the project, the selection and the settings. */
const compositionInput = projectRef.extend(CompositionSchema.shape).strict();

export const AppInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    platform: z.string(),
    /** Prefix of media URLs: `media://` in the app (a test server in the browser harness). */
    mediaBase: z.string(),
    /** The demo is running: a local stand-in answers instead of Runware, and nothing is billed. */
    demo: z.boolean().optional(),
  })
  .strict();
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const channels = {
  'app:getInfo': { input: none, output: AppInfoSchema },
  /** Notices raised before the window was listening (e.g. a key that no longer decrypts). */
  'app:takeNotices': { input: none, output: z.array(NoticeSchema) },
  /** Restarts into the demo (`on`) or out of it. */
  'app:demo': { input: z.object({ on: z.boolean() }).strict(), output: z.undefined() },
  'app:openExternal': {
    input: z.object({ url: z.string().max(2048) }).strict(),
    output: z.undefined(),
  },

  /** `doctor`: the tools, folders and Runware account, checked without spending anything. */
  'app:checkSetup': { input: none, output: DoctorReportSchema },

  'key:getStatus': { input: none, output: KeyStatusSchema },
  'key:set': {
    input: z.object({ key: z.string().max(4096) }).strict(),
    output: KeyStatusSchema,
  },
  'key:remove': { input: none, output: KeyStatusSchema },
  /** A cheap authenticated request to Runware: does this key work? */
  'key:test': { input: none, output: z.object({ checkedAt: z.string() }).strict() },
  /** Explicit opt-in to keep the key on disk when no keyring protects it. */
  'key:setWeakPersistence': {
    input: z.object({ allowed: z.boolean() }).strict(),
    output: KeyStatusSchema,
  },

  'settings:get': { input: none, output: SettingsViewSchema },
  'settings:update': { input: WindowSettingsPatchSchema, output: SettingsViewSchema },
  /** Asks for a new projects folder; null when the person canceled. */
  'settings:chooseProjectsRoot': { input: none, output: SettingsViewSchema.nullable() },

  'projects:list': {
    input: none,
    output: z.object({
      root: z.string(),
      projects: z.array(ProjectListItemSchema),
      unreadable: z.array(z.object({ dir: z.string(), reason: z.string() })),
    }),
  },
  'projects:create': { input: z.object({ name: z.string().max(200) }).strict(), output: ProjectListItemSchema },
  'projects:open': {
    input: projectRef,
    output: z.object({
      project: ProjectFileSchema.extend({ dir: z.string() }),
      /**
       * The newest generations and every one still in progress: enough for the first cards
       * and the queue. When `total` is larger, the rest comes from `generations:list`.
       */
      generations: z.array(GenerationSummarySchema),
      /** How many generations the project holds in all. */
      total: z.number().int().min(0),
      unreadable: z.array(z.object({ id: z.string(), reason: z.string() })),
      /** What the generations in the project's trash cost: still part of its spend. */
      trashed: z.array(TrashedSpendSchema),
      /** What speech and portraits Runware made for the project cost (also part of its spend). */
      paidMediaUSD: z.number().nonnegative(),
    }),
  },
  'projects:rename': { input: projectRef.extend({ name: z.string().max(200) }).strict(), output: ProjectListItemSchema },
  'projects:archive': { input: projectRef.extend({ archived: z.boolean() }).strict(), output: z.undefined() },
  'projects:setDefaults': { input: projectRef.extend({ defaults: ProjectDefaultsSchema }).strict(), output: ProjectDefaultsSchema },
  /** How exported and batch files are named, e.g. `{project}_{image}_{audio}_{take}`. */
  'projects:setNameTemplate': {
    input: projectRef.extend({ template: z.string().trim().min(1).max(200) }).strict(),
    output: z.object({ template: z.string(), example: z.string() }),
  },
  'projects:reveal': { input: projectRef, output: z.undefined() },

  /** The system file picker; the paths then go to inputs:import. */
  'inputs:pick': { input: z.object({ kind: z.enum(['image', 'audio', 'any', 'manifest']) }).strict(), output: z.array(z.string()) },
  /** Where a selection over 60 s would be cut, at its pauses. */
  'inputs:splitPlan': {
    input: projectRef.extend({ file: pathString, startSec: seconds, endSec: seconds.positive() }).strict(),
    output: SplitPlanSchema,
  },
  'inputs:import': { input: projectRef.extend({ path: z.string().min(1).max(4096) }).strict(), output: ImportedInputSchema },
  'inputs:importBytes': {
    input: projectRef
      .extend({
        name: z.string().max(255),
        bytes: z
          .instanceof(Uint8Array)
          .refine((b) => b.byteLength <= PASTE_LIMIT_BYTES, 'That is too large to paste; drop the file instead.'),
      })
      .strict(),
    output: ImportedInputSchema,
  },
  'inputs:peaks': {
    input: projectRef.extend({ file: pathString, buckets: z.number().int().min(16).max(20_000) }).strict(),
    output: PeaksSchema,
  },
  'inputs:speechBounds': {
    input: projectRef.extend({ file: pathString }).strict(),
    output: SpeechBoundsSchema,
  },

  /** The text-to-speech models and their voices: Runware's published lists, else the table's (with why). */
  'speech:models': {
    input: none,
    output: z.object({
      models: z.array(
        z.object({
          air: z.string(),
          label: z.string(),
          pricePer1kChars: z.number().nullable(),
          textLimit: z.number().int().positive(),
          voices: z.array(z.string()),
          voicesFrom: z.enum(['schema', 'table']),
        }),
      ),
      notice: z.string().nullable(),
    }),
  },
  /**
   * Speaks a script into the project's media (Runware bills it once; the same script, model
   * and voice again is reused, not re-sent), as a voice the composer can use.
   */
  'speech:preview': {
    input: projectRef
      .extend({ text: z.string().max(50_000), model: z.string().min(1).max(200), voice: z.string().min(1).max(200) })
      .strict(),
    output: z.object({ audio: ImportedAudioSchema, costUSD: z.number().nonnegative(), reused: z.boolean() }),
  },
  /** Portraits drawn from a description (1–4 candidates, each billed), saved in the project's media. */
  'portraits:describe': {
    input: projectRef.extend({ prompt: z.string().max(10_000), count: z.number().int().min(1).max(4) }).strict(),
    output: z.object({ images: z.array(ImportedImageSchema) }),
  },
  /** A microphone take: a file in the project's recordings/ folder, written as it is recorded. */
  'recordings:start': {
    input: projectRef.extend({ mimeType: z.string().max(200) }).strict(),
    output: z.object({ id: z.string(), file: z.string() }),
  },
  'recordings:append': {
    input: z
      .object({
        id: z.string().max(64),
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= RECORDING_CHUNK_LIMIT_BYTES, 'A recording arrives in small pieces.'),
      })
      .strict(),
    output: z.undefined(),
  },
  /** The take stopped: kept as a WAV beside it and imported as a voice. */
  'recordings:finish': { input: z.object({ id: z.string().max(64) }).strict(), output: ImportedAudioSchema },
  'recordings:discard': { input: z.object({ id: z.string().max(64) }).strict(), output: z.undefined() },
  /** Takes a crash interrupted (still in recordings/, never made a WAV), to keep after all. */
  'recordings:unfinished': { input: projectRef, output: z.array(z.object({ file: z.string(), bytes: z.number().int().nonnegative() })) },
  'recordings:recover': { input: projectRef.extend({ file: pathString }).strict(), output: ImportedAudioSchema },

  'generations:list': {
    input: projectRef,
    output: z.object({
      generations: z.array(GenerationSummarySchema),
      unreadable: z.array(z.object({ id: z.string(), reason: z.string() })),
    }),
  },
  'generations:create': { input: compositionInput, output: GenerationSummarySchema },
  /** Audio over 60 s as one video: parts cut at `cuts`, stitched when all are done. */
  'generations:createSequence': {
    input: compositionInput.extend({ cuts: z.array(seconds.positive()).max(100) }).strict(),
    output: GenerationSummarySchema,
  },
  /** Makes one failed part of a split generation again (billed on its own). */
  'generations:retryPart': {
    input: generationRef.extend({ part: z.number().int().min(1).max(100) }).strict(),
    output: GenerationSummarySchema,
  },
  'generations:get': { input: generationRef, output: GenerationRecordSchema },
  'generations:cancel': { input: generationRef, output: GenerationSummarySchema },
  'generations:retry': { input: generationRef, output: GenerationSummarySchema },
  /** A draft (Aurora v1 Fast) made again with Aurora v1: same inputs, trim and settings. */
  'generations:makeFinal': { input: generationRef, output: GenerationSummarySchema },
  'generations:reorder': {
    input: generationRef.extend({ position: z.number().int().min(0).max(100_000) }).strict(),
    output: z.undefined(),
  },
  'generations:update': {
    input: generationRef.extend({ name: z.string().max(200).optional(), favorite: z.boolean().optional() }).strict(),
    output: GenerationSummarySchema,
  },
  /** Answers with what the trashed generation cost, which the project's spend keeps counting. */
  'generations:trash': { input: generationRef, output: TrashedSpendSchema },
  'generations:restore': { input: generationRef, output: GenerationSummarySchema },
  'generations:reveal': { input: generationRef, output: z.undefined() },
  /** Shows an exported file (inside the project's exports/) in the file manager. */
  'generations:revealExport': { input: projectRef.extend({ file: z.string().min(1).max(4096) }).strict(), output: z.undefined() },
  'generations:export': {
    input: generationRef
      .extend({
        take: z.number().int().min(1).max(4),
        format: ExportFormatSchema,
        quality: ExportQualitySchema,
        originalAudio: z.boolean(),
      })
      .strict(),
    output: z.object({ file: z.string() }),
  },

  /** Checks and prices a batch (files from a drop, or a CSV/JSON list); nothing is queued yet. */
  'batches:plan': {
    input: projectRef
      .extend({
        items: z.array(BatchItemSchema).max(1000).optional(),
        manifest: z.string().max(4096).optional(),
        name: z.string().max(200).optional(),
        settings: AuroraSettingsSchema.partial().optional(),
      })
      .strict(),
    output: BatchPlanSchema,
  },
  /** Queues a plan the person confirmed (by id: prices are never taken from the window). */
  'batches:start': { input: projectRef.extend({ planId: z.string().max(64) }).strict(), output: z.array(GenerationSummarySchema) },

  'queue:get': { input: none, output: QueueSummarySchema },
  'queue:pause': { input: none, output: QueueSummarySchema },
  'queue:resume': { input: none, output: QueueSummarySchema },
} as const satisfies Record<`${string}:${string}`, ChannelSpec>;

export const events = {
  'key:changed': KeyStatusSchema,
  'settings:changed': SettingsViewSchema,
  'app:notice': NoticeSchema,
  'projects:changed': z.undefined(),
  'generations:changed': z.object({ projectDir: z.string(), generation: GenerationSummarySchema }),
  'generations:progress': z.object({
    projectDir: z.string(),
    id: z.string(),
    progress: z.number().nullable(),
    etaSec: z.number().nullable(),
  }),
  'generations:exportProgress': z.object({ projectDir: z.string(), id: z.string(), fraction: z.number() }),
  /** Bytes of a generation's upload or download so far. */
  'generations:transfer': z.object({ projectDir: z.string(), id: z.string(), transfer: TransferSchema }),
  'queue:changed': QueueSummarySchema,
} as const satisfies Record<`${string}:${string}`, z.ZodType>;

export type ChannelName = keyof typeof channels;
export type EventName = keyof typeof events;
export type ChannelInput<C extends ChannelName> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<(typeof channels)[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}
