import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { PRICE_PER_SECOND, isUuidV4, validateAuroraTask, type ApiErrorItem } from './aurora-rules.ts';
import { AUDIO_KINDS, AURORA_AUDIO_KINDS, EXTENSION, IMAGE_KINDS, sniffMedia, type MediaKind } from './media-sniff.ts';
import { makeVideo, probeDuration } from './video-maker.ts';
import { paint, speak } from './speech-and-images.ts';
import { speechPriceUSD, ttsModel } from '../../../shared/tts-models.ts';
import { resolveSchema, standInVoices } from './model-schemas.ts';

/**
 * A local, protocol-faithful stand-in for Runware's task API (runware-api.md §10):
 * real HTTP on 127.0.0.1, Bearer or authentication-task auth, strict Aurora
 * validation, async ack + getResponse with per-generation progress, multiple
 * results, failures in both documented shapes, unknown/expired tasks,
 * conflictTaskUUID, mediaStorage/imageUpload, real MP4/WebM/MOV results served
 * with ttl expiry, webhooks, uploadEndpoint, and fault injection for every path.
 */

export const FAKE_API_KEY = 'fake-runware-test-key-0123456789';

export type RequestKind = 'submit' | 'poll' | 'upload' | 'other' | 'download' | 'schema';

export type Fault = { on: RequestKind | 'any'; times?: number } & (
  | { status: number; body?: 'json' | 'html' | 'empty'; code?: string; retryAfter?: string }
  | { reset: true }
  | { dropResponse: true }
  | { delayMs: number }
  | { cutAfterBytes: number }
);

export interface TaskFailure {
  code: string;
  message?: string;
  /** `errors`: the documented shape (moved to `errors`); `data`: an item with `status:"error"` and `error:{…}`. */
  shape?: 'errors' | 'data';
  /** Which takes fail (0-based); default all. */
  generations?: number[];
}

export interface FakeRunwareOptions {
  apiKeys?: string[];
  /** Report every task at $0 (the demo): nothing is billed, the flow is unchanged. */
  free?: boolean;
  /** The tools that make and measure the videos (default: FFMPEG_PATH / FFPROBE_PATH, else on PATH). */
  ffmpeg?: string;
  ffprobe?: string;
  /** Where uploads and results live while it runs (default: a new folder in the system's temp). */
  workDir?: string;
  /** Polls a take stays `processing` before it succeeds (take i needs i more). */
  pollsBeforeSuccess?: number;
  /** Alternatively, wall time before success; overrides polls when set. */
  generationMs?: number;
  /** How long a finished task stays known to getResponse. */
  resultRetentionMs?: number;
  /** Lifetime of result URLs when the request sets no ttl (seconds). */
  defaultTtlSec?: number;
  /** What getResponse answers for a task it does not know. */
  unknownTask?: 'empty' | 'error';
  maxMediaBytes?: number;
  /** Account balance in USD. */
  creditsUSD?: number;
  /** Height of the produced videos (small keeps tests fast). */
  videoHeight?: number;
  port?: number;
  /**
   * How a getResponse request asking about several tasks is answered: every task
   * (`full`), only the first one (`first-only`), or refused with HTTP 400 (`refuse`).
   * No doc shows batched polls, so the client must cope with each.
   */
  pollBatching?: 'full' | 'first-only' | 'refuse';
  /** `cost` on each result: that result's own price, or the whole task's on every result. */
  costPer?: 'result' | 'task';
  /** Whether getTaskDetails is answered (documented) or refused as an unsupported task type. */
  taskDetails?: boolean;
  /** The code a submission gets when an input names media this server does not have. */
  unknownMediaCode?: 'mediaNotFound' | 'invalidParameter';
  /** Ways a live API may answer that Runware's own clients accept. */
  quirks?: FakeQuirks;
  /** `GET /resolve/<AIR>` (model schemas, as schemas.runware.ai): answered, or failing with HTTP 503. */
  schemas?: 'on' | 'fail';
}

export interface FakeQuirks {
  /** The submit acknowledgement: naming the task (documented), empty `data`, or naming another taskUUID. */
  submitAck?: 'named' | 'empty' | 'other-task';
  /** getResponse items and errors without `taskUUID`. */
  pollItemsWithoutTaskUUID?: boolean;
  /** The next N getResponse answers name each task with a retryable error (no `status:"error"`) in HTTP 200. */
  busyPolls?: number;
  /** An error code no client knows, for the next N getResponse answers (no `status`), in HTTP 200. */
  strangePolls?: number;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  kind: RequestKind;
  tasks: { taskType: string; taskUUID?: string }[];
  status: number;
  /** The request was answered with an injected fault. */
  fault?: string;
}

interface StoredMedia {
  uuid: string;
  kind: MediaKind;
  file: string;
  bytes: number;
  durationSec: number | null;
  uploadedAt: number;
}

interface Take {
  videoUUID: string;
  completeAt: { poll: number } | { time: number };
  status: 'processing' | 'success' | 'error';
  file?: string;
  url?: string;
  seed: number;
  failure?: ApiErrorItem;
  rendering?: Promise<void>;
}

export interface FakeTask {
  taskUUID: string;
  request: Record<string, unknown>;
  acceptedAt: number;
  polls: number;
  audioSec: number;
  takes: Take[];
  failure?: TaskFailure;
  finishedAt?: number;
  /** The inputs as stored at acceptance (inline images are stored then). */
  inputs: { image: StoredMedia; audio: StoredMedia };
  /** getResponse no longer knows it (as for results older than the API keeps); getTaskDetails still does. */
  forgotten?: boolean;
}

interface ServedFile {
  file: string;
  expiresAt: number;
  contentType: string;
}

const CONTENT_TYPE: Record<string, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
};

function billedSeconds(sec: number): number {
  return Math.max(1, Math.ceil(sec - 1e-6));
}

/** A request field read as text: a string stays itself, anything else is empty. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export class FakeRunware {
  readonly options: Required<Omit<FakeRunwareOptions, 'generationMs' | 'port' | 'ffmpeg' | 'ffprobe' | 'workDir'>> &
    Pick<FakeRunwareOptions, 'generationMs' | 'ffmpeg' | 'ffprobe' | 'workDir'>;
  /** Every getTaskDetails request, by taskUUID. */
  readonly detailRequests: string[] = [];
  readonly requests: RequestLogEntry[] = [];
  readonly tasks = new Map<string, FakeTask>();
  readonly media = new Map<string, StoredMedia>();
  readonly webhookDeliveries: { url: string; body: unknown; status: number }[] = [];
  readonly uploadsToEndpoint: { url: string; bytes: number; status: number }[] = [];
  /** Every accepted videoInference submission, in order (a resubmission would appear twice). */
  readonly acceptedSubmissions: string[] = [];
  url = '';
  apiKey = FAKE_API_KEY;
  creditsUSD: number;

  #server: Server;
  #dir = '';
  #faults: Fault[] = [];
  #failures: { match: (task: FakeTask) => boolean; failure: TaskFailure }[] = [];
  #files = new Map<string, ServedFile>();
  #renders = new Map<string, Promise<string>>();
  #clockOffset = 0;
  #sockets = new Set<Socket>();
  #port: number;

  constructor(options: FakeRunwareOptions = {}) {
    this.options = {
      apiKeys: options.apiKeys ?? [FAKE_API_KEY],
      free: options.free ?? false,
      ffmpeg: options.ffmpeg,
      ffprobe: options.ffprobe,
      workDir: options.workDir,
      pollsBeforeSuccess: options.pollsBeforeSuccess ?? 2,
      generationMs: options.generationMs,
      resultRetentionMs: options.resultRetentionMs ?? Number.POSITIVE_INFINITY,
      defaultTtlSec: options.defaultTtlSec ?? 3600,
      unknownTask: options.unknownTask ?? 'empty',
      maxMediaBytes: options.maxMediaBytes ?? 50 * 1024 * 1024,
      creditsUSD: options.creditsUSD ?? Number.POSITIVE_INFINITY,
      videoHeight: options.videoHeight ?? 240,
      pollBatching: options.pollBatching ?? 'full',
      costPer: options.costPer ?? 'result',
      taskDetails: options.taskDetails ?? true,
      unknownMediaCode: options.unknownMediaCode ?? 'mediaNotFound',
      quirks: { ...options.quirks },
      schemas: options.schemas ?? 'on',
    };
    this.apiKey = this.options.apiKeys[0] ?? FAKE_API_KEY;
    this.creditsUSD = this.options.creditsUSD;
    this.#port = options.port ?? 0;
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** Runware's published price for the model, or nothing at all in the demo. */
  #pricePerSecond(model: unknown): number {
    return this.options.free ? 0 : (PRICE_PER_SECOND[String(model)] ?? 0.14);
  }

  static async start(options: FakeRunwareOptions = {}): Promise<FakeRunware> {
    const fake = new FakeRunware(options);
    fake.#dir = await mkdtemp(join(options.workDir ?? tmpdir(), 'runware stand-in '));
    await new Promise<void>((ok) => fake.#server.listen(fake.#port, '127.0.0.1', ok));
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}/v1`;
    return fake;
  }

  get origin(): string {
    return this.url.replace(/\/v1$/, '');
  }

  now(): number {
    return Date.now() + this.#clockOffset;
  }

  /** Moves the fake's clock (ttl, retention and time-based generation all follow it). */
  advanceTime(ms: number): void {
    this.#clockOffset += ms;
  }

  /** Queues a fault for the next matching request(s). */
  inject(fault: Fault): void {
    this.#faults.push({ times: 1, ...fault });
  }

  /** Drops every queued fault (the outage is over). */
  clearFaults(): void {
    this.#faults = [];
  }

  /** Makes tasks matching `match` (a taskUUID or a predicate) fail as described. */
  failTask(match: string | ((task: FakeTask) => boolean), failure: TaskFailure): void {
    const predicate = typeof match === 'string' ? (t: FakeTask) => t.taskUUID === match : match;
    this.#failures.push({ match: predicate, failure });
    for (const task of this.tasks.values()) if (predicate(task)) this.#applyFailure(task, failure);
  }

  /** Forgets an upload, as if Runware's media retention had passed. */
  expireMedia(uuid?: string): void {
    if (uuid) this.media.delete(uuid);
    else this.media.clear();
  }

  /** getResponse forgets these tasks (all when none named), as after its retention; getTaskDetails still knows them. */
  forgetResults(taskUUID?: string): void {
    for (const task of this.tasks.values()) if (!taskUUID || task.taskUUID === taskUUID) task.forgotten = true;
  }

  countRequests(kind: RequestKind): number {
    return this.requests.filter((r) => r.kind === kind && !r.fault).length;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((ok) => this.#server.close(() => ok()));
    await Promise.allSettled(this.#renders.values());
    await rm(this.#dir, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------- HTTP

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method === 'GET' && req.url?.startsWith('/files/')) return await this.#serveFile(req, res);
      if (req.method === 'GET' && req.url?.startsWith('/resolve/')) return this.#resolve(req, res);
      if (req.method === 'PUT' || req.method === 'POST') {
        if (req.url?.startsWith('/sink/')) return await this.#sink(req, res);
      }
      if (req.method !== 'POST' || !['/v1', '/v1/', '/'].includes(req.url ?? '')) {
        return this.#json(res, 404, { errors: [{ code: 'notFound', message: 'Not found.' }] });
      }
      const text = await readBody(req);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return this.#reply(req, res, 'other', [], 400, {
          errors: [{ code: 'invalidJSON', message: 'The request body is not valid JSON.' }],
        });
      }
      if (!Array.isArray(body)) {
        return this.#reply(req, res, 'other', [], 400, {
          errors: [{ code: 'invalidPayload', message: 'The request body must be an array of tasks.' }],
        });
      }
      await this.#handleTasks(req, res, body);
    } catch (error) {
      if (!res.headersSent) this.#json(res, 500, { errors: [{ code: 'internalServerError', message: String(error) }] });
    }
  }

  async #handleTasks(req: IncomingMessage, res: ServerResponse, body: unknown[]): Promise<void> {
    let tasks = body.filter((t): t is Record<string, unknown> => t !== null && typeof t === 'object' && !Array.isArray(t));
    const summary = tasks.map((t) => ({ taskType: String(t.taskType), taskUUID: typeof t.taskUUID === 'string' ? t.taskUUID : undefined }));
    const kind: RequestKind = tasks.some((t) => t.taskType === 'videoInference')
      ? 'submit'
      : tasks.some((t) => t.taskType === 'getResponse')
        ? 'poll'
        : tasks.some((t) => t.taskType === 'mediaStorage' || t.taskType === 'imageUpload')
          ? 'upload'
          : 'other';

    const fault = this.#takeFault(kind);
    if (fault && (await this.#applyPreFault(fault, req, res, kind, summary))) return;

    // Auth: the Bearer header, or an authentication task first in the array.
    const header = req.headers.authorization;
    let key = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    if (tasks[0]?.taskType === 'authentication') {
      key = typeof tasks[0].apiKey === 'string' ? tasks[0].apiKey : null;
      tasks = tasks.slice(1);
    }
    if (!key || !this.options.apiKeys.includes(key)) {
      return this.#reply(req, res, kind, summary, 401, {
        errors: [
          {
            code: 'invalidApiKey',
            message: 'Invalid API key. Get one at https://my.runware.ai/signup',
            parameter: 'apiKey',
            taskType: 'authentication',
          },
        ],
      });
    }

    const polls = tasks.filter((t) => t.taskType === 'getResponse');
    if (polls.length > 1 && this.options.pollBatching === 'refuse') {
      return this.#reply(req, res, kind, summary, 400, {
        errors: [{ code: 'invalidRequest', message: 'Only one getResponse task per request is supported.' }],
      });
    }
    if (polls.length > 1 && this.options.pollBatching === 'first-only')
      tasks = tasks.filter((t) => t.taskType !== 'getResponse' || t === polls[0]);

    const data: Record<string, unknown>[] = [];
    const errors: ApiErrorItem[] = [];
    let status = 200;
    const dryRun = req.headers['x-runware-dry-run'] === '1';
    for (const task of tasks) {
      const outcome = await this.#runTask(task, dryRun);
      data.push(...outcome.data);
      errors.push(...outcome.errors);
      if (outcome.status && status === 200) status = outcome.status;
    }
    // Mixed batch: accepted tasks ack in `data`, failures sit beside them; a request
    // with nothing accepted answers with the first failure's status ([UNK] on Runware).
    const httpStatus = data.length > 0 ? 200 : errors.length > 0 ? (status === 200 ? 400 : status) : 200;
    const payload: Record<string, unknown> = { data };
    if (errors.length > 0) payload.errors = errors;
    if (fault && 'dropResponse' in fault) {
      this.#log(req, kind, summary, httpStatus, 'dropResponse');
      req.socket.destroy();
      return;
    }
    this.#reply(req, res, kind, summary, httpStatus, payload);
  }

  async #runTask(
    task: Record<string, unknown>,
    dryRun: boolean,
  ): Promise<{ data: Record<string, unknown>[]; errors: ApiErrorItem[]; status?: number }> {
    const taskType = text(task.taskType);
    if (!taskType)
      return {
        data: [],
        errors: [{ code: 'missingTaskType', message: 'Missing required parameter taskType.', parameter: 'taskType' }],
        status: 400,
      };
    if (!isUuidV4(task.taskUUID)) {
      return {
        data: [],
        errors: [{ code: 'invalidTaskUUID', message: 'taskUUID must be a UUID v4.', parameter: 'taskUUID', taskType }],
        status: 400,
      };
    }
    switch (taskType) {
      case 'videoInference':
        return this.#submit(task, dryRun);
      case 'getResponse':
        return this.#answerPoll(task.taskUUID);
      case 'getTaskDetails':
        if (this.options.taskDetails) return this.#taskDetails(task.taskUUID);
        return {
          data: [],
          errors: [
            { code: 'unsupportedTaskType', message: `Unsupported taskType: ${taskType}.`, parameter: 'taskType', taskUUID: task.taskUUID },
          ],
          status: 400,
        };
      case 'audioInference':
        return this.#speech(task);
      case 'imageInference':
        return this.#images(task);
      case 'mediaStorage':
        return this.#mediaStorage(task);
      case 'imageUpload':
        return this.#imageUpload(task);
      default:
        return {
          data: [],
          errors: [
            { code: 'unsupportedTaskType', message: `Unsupported taskType: ${taskType}.`, parameter: 'taskType', taskUUID: task.taskUUID },
          ],
          status: 400,
        };
    }
  }

  // ---------------------------------------------------------------- videoInference

  async #submit(task: Record<string, unknown>, dryRun: boolean) {
    const taskUUID = task.taskUUID as string;
    const invalid = validateAuroraTask(task);
    if (invalid) return { data: [], errors: [invalid], status: 400 };
    if (this.tasks.has(taskUUID)) {
      return {
        data: [],
        errors: [
          {
            code: 'conflictTaskUUID',
            message: 'A task with this taskUUID already exists.',
            parameter: 'taskUUID',
            taskUUID,
            taskType: 'videoInference',
          },
        ],
        status: 400,
      };
    }
    const inputs = task.inputs as { image: string; audio: string };
    const image = await this.#resolveInput(inputs.image, 'image', taskUUID);
    const audio = await this.#resolveInput(inputs.audio, 'audio', taskUUID);
    for (const [name, media, kinds] of [
      ['image', image, IMAGE_KINDS],
      ['audio', audio, AURORA_AUDIO_KINDS],
    ] as const) {
      if (!media) {
        const lost = this.options.unknownMediaCode === 'mediaNotFound';
        return {
          data: [],
          errors: [
            {
              code: lost ? 'mediaNotFound' : 'invalidParameter',
              message: lost ? `The media for inputs.${name} was not found or has expired.` : `Invalid value for inputs.${name}.`,
              parameter: `inputs.${name}`,
              taskUUID,
              taskType: 'videoInference',
            },
          ],
          status: 400,
        };
      }
      if ('code' in media) return { data: [], errors: [{ ...media, taskType: 'videoInference' }], status: 400 };
      if (!kinds.includes(media.kind)) {
        return {
          data: [],
          errors: [
            {
              code: `unsupported${name === 'audio' ? 'Audio' : 'Image'}Format`,
              message: `inputs.${name} must be ${name === 'audio' ? 'mp3 or wav' : 'an image'} (got ${media.kind}).`,
              parameter: `inputs.${name}`,
              taskUUID,
              taskType: 'videoInference',
              allowedValues: [...kinds],
            },
          ],
          status: 400,
        };
      }
    }
    const stored = { image: image as StoredMedia, audio: audio as StoredMedia };
    const audioSec = stored.audio.durationSec ?? 0;
    if (audioSec > 60.0005) {
      return {
        data: [],
        errors: [
          {
            code: 'invalidAudioDuration',
            message: `The audio is ${audioSec.toFixed(2)} s; the maximum is 60 s.`,
            parameter: 'inputs.audio',
            taskUUID,
            taskType: 'videoInference',
            max: 60,
          },
        ],
        status: 400,
      };
    }
    const prompt = typeof task.positivePrompt === 'string' ? task.positivePrompt : '';
    if (prompt.includes('[blocked]')) {
      return {
        data: [],
        errors: [
          {
            code: 'contentPolicyViolation',
            message: 'The prompt was blocked by the content policy.',
            parameter: 'positivePrompt',
            taskUUID,
            taskType: 'videoInference',
          },
        ],
        status: 400,
      };
    }
    const takes = typeof task.numberResults === 'number' ? task.numberResults : 1;
    const cost = billedSeconds(audioSec) * this.#pricePerSecond(task.model) * takes;
    if (dryRun) return { data: [{ taskType: 'videoInference', taskUUID, cost: round(cost) }], errors: [] };
    if (cost > this.creditsUSD + 1e-9) {
      return {
        data: [],
        errors: [{ code: 'insufficientCredits', message: 'Insufficient credits to run this task.', taskUUID, taskType: 'videoInference' }],
        status: 402,
      };
    }
    this.creditsUSD -= cost;
    const now = this.now();
    const fakeTask: FakeTask = {
      taskUUID,
      inputs: stored,
      request: task,
      acceptedAt: now,
      polls: 0,
      audioSec,
      takes: Array.from({ length: takes }, (_, i) => ({
        videoUUID: randomUUID(),
        completeAt:
          this.options.generationMs !== undefined
            ? { time: now + this.options.generationMs + i * 50 }
            : { poll: this.options.pollsBeforeSuccess + i },
        status: 'processing' as const,
        seed: Math.floor(Math.random() * 2 ** 31),
      })),
    };
    const magic = /\[fail:(\w+)\]/.exec(prompt);
    if (magic?.[1]) this.#applyFailure(fakeTask, { code: magic[1] });
    for (const f of this.#failures) if (f.match(fakeTask)) this.#applyFailure(fakeTask, f.failure);
    this.tasks.set(taskUUID, fakeTask);
    this.acceptedSubmissions.push(taskUUID);
    // Rendered from now on, as the real service works on it: the result is ready when due.
    for (const take of fakeTask.takes) if (!take.failure) take.rendering = this.#render(fakeTask, take).catch(() => undefined);
    const ack = this.options.quirks.submitAck ?? 'named';
    if (ack === 'empty') return { data: [], errors: [] };
    return { data: [{ taskType: 'videoInference', taskUUID: ack === 'other-task' ? randomUUID() : taskUUID }], errors: [] };
  }

  #applyFailure(task: FakeTask, failure: TaskFailure): void {
    task.failure = failure;
    task.takes.forEach((take, i) => {
      if (failure.generations && !failure.generations.includes(i)) return;
      take.failure = {
        code: failure.code,
        message:
          failure.message ??
          (failure.code === 'timeoutProvider'
            ? 'The external provider did not respond within the timeout window.'
            : `The task failed: ${failure.code}.`),
        taskUUID: task.taskUUID,
        status: 'error',
        documentation: 'https://runware.ai/docs/platform/errors',
      };
    });
  }

  #resolveMedia(ref: string): StoredMedia | null {
    if (isUuidV4(ref)) return this.media.get(ref) ?? null;
    const match = /\/files\/uploads\/([0-9a-f-]+)\./.exec(ref);
    return match?.[1] ? (this.media.get(match[1]) ?? null) : null;
  }

  /**
   * An input as Aurora takes it: a media UUID or a URL; for the image also inline, as raw
   * base64 or a data URI (what the spec allows and the official TypeScript SDK sends).
   */
  async #resolveInput(ref: string, field: 'image' | 'audio', taskUUID: string): Promise<StoredMedia | ApiErrorItem | null> {
    const known = this.#resolveMedia(ref);
    if (known || ref.includes('/files/uploads/') || isUuidV4(ref)) return known;
    const url = /^https?:\/\//.test(ref);
    if (!url && field === 'audio') {
      return { code: 'invalidParameter', message: 'inputs.audio must be a media UUID or a URL.', parameter: 'inputs.audio', taskUUID };
    }
    const bytes = await this.#decodeMedia(ref);
    if (!Buffer.isBuffer(bytes)) return { ...bytes, parameter: `inputs.${field}`, taskUUID };
    const stored = await this.#store(bytes, taskUUID, `inputs.${field}`);
    return 'uuid' in stored ? stored : { ...stored, taskUUID };
  }

  /** A getResponse answer, with the quirks a live API may show. */
  async #answerPoll(taskUUID: string) {
    const answer = await this.#getResponse(taskUUID);
    const quirks = this.options.quirks;
    const known = answer.data.length > 0 || answer.errors.length > 0;
    if (known && (quirks.busyPolls ?? 0) > 0) {
      quirks.busyPolls = (quirks.busyPolls ?? 0) - 1;
      return {
        data: [],
        errors: [
          { code: 'providerRateLimitExceeded', message: 'The provider is busy; the task is queued.', taskUUID, taskType: 'getResponse' },
        ],
      };
    }
    if (known && (quirks.strangePolls ?? 0) > 0) {
      quirks.strangePolls = (quirks.strangePolls ?? 0) - 1;
      return { data: [], errors: [{ code: 'fluxCapacitorMisaligned', message: 'Something odd happened.', taskUUID }] };
    }
    if (!quirks.pollItemsWithoutTaskUUID) return answer;
    const strip = <T extends { taskUUID?: unknown }>(item: T) => {
      const { taskUUID: _gone, ...rest } = item;
      return rest;
    };
    return { data: answer.data.map(strip), errors: answer.errors.map(strip) };
  }

  /** getTaskDetails: the original request and response, for tasks getResponse may have forgotten. */
  async #taskDetails(taskUUID: string) {
    this.detailRequests.push(taskUUID);
    const task = this.tasks.get(taskUUID);
    if (!task) {
      if (this.options.unknownTask === 'error') {
        return { data: [], errors: [{ code: 'taskNotFound', message: 'Task not found.', taskUUID, taskType: 'getTaskDetails' }] };
      }
      return { data: [], errors: [] };
    }
    const { data, errors } = await this.#results(task);
    const running = data.some((d) => d.status === 'processing');
    // [UNK] what Runware keeps as the "response" of an async task still running: the acknowledgement here.
    const response = running ? { data: [{ taskType: 'videoInference', taskUUID }] } : errors.length > 0 ? { data, errors } : { data };
    const { inputs: _inputs, ...request } = task.request;
    return { data: [{ taskType: 'getTaskDetails', taskUUID, request: [request], response }], errors: [] };
  }

  async #getResponse(taskUUID: string) {
    const task = this.tasks.get(taskUUID);
    const retained =
      task && !task.forgotten && (task.finishedAt === undefined || this.now() - task.finishedAt <= this.options.resultRetentionMs);
    if (!task || !retained) {
      if (this.options.unknownTask === 'error') {
        return { data: [], errors: [{ code: 'taskNotFound', message: 'Task not found.', taskUUID, taskType: 'getResponse' }] };
      }
      return { data: [], errors: [] };
    }
    task.polls += 1;
    return this.#results(task);
  }

  /** Each take's item as getResponse shows it, taking due takes to their final state. */
  async #results(task: FakeTask): Promise<{ data: Record<string, unknown>[]; errors: ApiErrorItem[] }> {
    const { taskUUID } = task;
    const data: Record<string, unknown>[] = [];
    const errors: ApiErrorItem[] = [];
    for (const take of task.takes) {
      await this.#advance(task, take);
      if (take.status === 'error' && take.failure) {
        if ((task.failure?.shape ?? 'errors') === 'errors') errors.push({ ...take.failure, taskType: 'videoInference' });
        else
          data.push({
            taskType: 'videoInference',
            taskUUID,
            status: 'error',
            error: { code: take.failure.code, message: take.failure.message },
          });
      } else if (take.status === 'success') {
        const item: Record<string, unknown> = {
          taskType: 'videoInference',
          taskUUID,
          status: 'success',
          videoUUID: take.videoUUID,
          videoURL: take.url,
          seed: take.seed,
          // "[nsfw]" in the prompt stands for content the check would flag, when it was asked for.
          NSFWContent:
            (task.request.safety as { checkContent?: boolean } | undefined)?.checkContent === true &&
            (typeof task.request.positivePrompt === 'string' ? task.request.positivePrompt : '').includes('[nsfw]'),
        };
        if (task.request.includeCost === true) {
          const results = this.options.costPer === 'task' ? task.takes.length : 1;
          item.cost = round(billedSeconds(task.audioSec) * this.#pricePerSecond(task.request.model) * results);
        }
        data.push(item);
      } else {
        data.push({ taskType: 'videoInference', taskUUID, status: 'processing', progress: this.#progress(task, take) });
      }
    }
    if (task.finishedAt === undefined && task.takes.every((t) => t.status !== 'processing')) task.finishedAt = this.now();
    return { data, errors };
  }

  #due(task: FakeTask, take: Take): boolean {
    return 'poll' in take.completeAt ? task.polls > take.completeAt.poll : this.now() >= take.completeAt.time;
  }

  #progress(task: FakeTask, take: Take): number {
    const fraction =
      'poll' in take.completeAt
        ? task.polls / (take.completeAt.poll + 1)
        : (this.now() - task.acceptedAt) / Math.max(1, take.completeAt.time - task.acceptedAt);
    return Math.max(1, Math.min(99, Math.round(fraction * 100)));
  }

  /** Moves a take to its final state once it is due; success waits for the real video. */
  async #advance(task: FakeTask, take: Take): Promise<void> {
    if (take.status !== 'processing' || !this.#due(task, take)) return;
    if (take.failure) {
      take.status = 'error';
      return;
    }
    take.rendering ??= this.#render(task, take);
    await take.rendering;
    take.status = 'success';
    void this.#deliver(task, take);
  }

  async #render(task: FakeTask, take: Take): Promise<void> {
    const { image, audio } = task.inputs;
    const format = (text(task.request.outputFormat) || 'MP4') as 'MP4' | 'WEBM' | 'MOV';
    const ext = format.toLowerCase();
    const key = `${image.uuid}:${audio.uuid}:${format}`;
    let source = this.#renders.get(key);
    if (!source) {
      const out = join(this.#dir, `render-${randomUUID()}.${ext}`);
      source = makeVideo({
        image: image.file,
        audio: audio.file,
        out,
        format,
        height: this.options.videoHeight,
        durationSec: task.audioSec,
        ffmpeg: this.options.ffmpeg,
      }).then(() => out);
      this.#renders.set(key, source);
    }
    const rendered = await source;
    const name = `${take.videoUUID}.${ext}`;
    const file = join(this.#dir, name);
    await copyFile(rendered, file);
    const ttl = typeof task.request.ttl === 'number' ? task.request.ttl : this.options.defaultTtlSec;
    this.#files.set(`videos/${name}`, { file, expiresAt: this.now() + ttl * 1000, contentType: CONTENT_TYPE[ext] ?? 'video/mp4' });
    take.file = file;
    take.url = `${this.origin}/files/videos/${name}`;
  }

  /** Webhook (flat success object, retried 250 ms → 8 s) and uploadEndpoint (PUT of the bytes). */
  async #deliver(task: FakeTask, take: Take): Promise<void> {
    const webhook = task.request.webhookURL;
    if (typeof webhook === 'string') {
      const body = { taskType: 'videoInference', taskUUID: task.taskUUID, videoUUID: take.videoUUID, videoURL: take.url, seed: take.seed };
      for (let attempt = 0, wait = 250; attempt < 6; attempt += 1, wait = Math.min(wait * 2, 8000)) {
        const status = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
          .then((r) => r.status)
          .catch(() => 0);
        this.webhookDeliveries.push({ url: webhook, body, status });
        if (status >= 200 && status < 300) break;
        await new Promise((ok) => setTimeout(ok, wait));
      }
    }
    const endpoint = task.request.uploadEndpoint;
    if (typeof endpoint === 'string' && take.file) {
      const body = await readFile(take.file);
      const bytes = body.length;
      const status = await fetch(endpoint, { method: 'PUT', body })
        .then((r) => r.status)
        .catch(() => 0);
      this.uploadsToEndpoint.push({ url: endpoint, bytes, status });
    }
  }

  // ---------------------------------------------------------------- media

  async #decodeMedia(value: unknown): Promise<Buffer | ApiErrorItem> {
    if (typeof value !== 'string' || value.length === 0)
      return { code: 'missingMedia', message: 'Missing required parameter media.', parameter: 'media' };
    if (/^https?:\/\//.test(value)) {
      const response = await fetch(value).catch(() => null);
      if (!response?.ok) return { code: 'invalidMediaURL', message: 'The media URL could not be downloaded.', parameter: 'media' };
      return Buffer.from(await response.arrayBuffer());
    }
    const base64 = value.startsWith('data:') ? value.slice(value.indexOf(',') + 1) : value;
    if (!/^[A-Za-z0-9+/=\s]+$/.test(base64.slice(0, 4096)))
      return { code: 'invalidMedia', message: 'media must be a URL, a data URI or base64.', parameter: 'media' };
    return Buffer.from(base64, 'base64');
  }

  async #store(bytes: Buffer, taskUUID: string, field: string): Promise<StoredMedia | ApiErrorItem> {
    if (bytes.length === 0) return { code: 'invalidMedia', message: 'The media is empty.', parameter: field, taskUUID };
    if (bytes.length > this.options.maxMediaBytes) {
      return {
        code: 'mediaTooLarge',
        message: `The media is larger than ${this.options.maxMediaBytes} bytes.`,
        parameter: field,
        taskUUID,
        max: this.options.maxMediaBytes,
      };
    }
    const kind = sniffMedia(bytes);
    if (kind === 'unknown')
      return { code: 'unsupportedMediaFormat', message: 'The media format is not supported.', parameter: field, taskUUID };
    const uuid = randomUUID();
    const ext = EXTENSION[kind];
    const file = join(this.#dir, 'uploads', `${uuid}.${ext}`);
    await mkdir(join(this.#dir, 'uploads'), { recursive: true });
    await writeFile(file, bytes);
    const durationSec = AUDIO_KINDS.includes(kind) ? await probeDuration(file, this.options.ffprobe) : null;
    const stored: StoredMedia = { uuid, kind, file, bytes: bytes.length, durationSec, uploadedAt: this.now() };
    this.media.set(uuid, stored);
    this.#files.set(`uploads/${uuid}.${ext}`, {
      file,
      expiresAt: Number.POSITIVE_INFINITY,
      contentType: CONTENT_TYPE[ext] ?? 'application/octet-stream',
    });
    return stored;
  }

  async #mediaStorage(task: Record<string, unknown>) {
    const taskUUID = task.taskUUID as string;
    const operation = task.operation ?? 'upload';
    if (operation === 'delete') {
      const uuid = text(task.media);
      if (!this.media.delete(uuid))
        return {
          data: [],
          errors: [{ code: 'mediaNotFound', message: 'Media not found.', parameter: 'media', taskUUID, taskType: 'mediaStorage' }],
          status: 400,
        };
      return { data: [{ taskType: 'mediaStorage', taskUUID, operation: 'delete', mediaUUID: uuid }], errors: [] };
    }
    if (operation !== 'upload') {
      return {
        data: [],
        errors: [
          {
            code: 'invalidOperation',
            message: 'operation must be upload or delete.',
            parameter: 'operation',
            taskUUID,
            allowedValues: ['upload', 'delete'],
          },
        ],
        status: 400,
      };
    }
    const bytes = await this.#decodeMedia(task.media);
    if (!Buffer.isBuffer(bytes)) return { data: [], errors: [{ ...bytes, taskUUID, taskType: 'mediaStorage' }], status: 400 };
    const stored = await this.#store(bytes, taskUUID, 'media');
    if (!('uuid' in stored)) return { data: [], errors: [{ ...stored, taskType: 'mediaStorage' }], status: 400 };
    return {
      data: [
        {
          taskType: 'mediaStorage',
          taskUUID,
          operation: 'upload',
          mediaUUID: stored.uuid,
          mediaURL: `${this.origin}/files/uploads/${stored.uuid}.${EXTENSION[stored.kind]}`,
        },
      ],
      errors: [],
    };
  }

  /** A finished file served under /files/<folder>/, as Runware's CDN would serve a result. */
  #publish(folder: string, file: string, contentType: string): string {
    const name = `${randomUUID()}${extname(file)}`;
    this.#files.set(`${folder}/${name}`, { file, expiresAt: Number.POSITIVE_INFINITY, contentType });
    return `${this.origin}/files/${folder}/${name}`;
  }

  /** Pays for a sync task from the balance, or says it cannot. */
  #charge(cost: number, taskUUID: string, taskType: string): ApiErrorItem | null {
    if (cost > this.creditsUSD + 1e-9)
      return { code: 'insufficientCredits', message: 'Insufficient credits to run this task.', taskUUID, taskType };
    this.creditsUSD -= cost;
    return null;
  }

  /** A model's schema, as schemas.runware.ai answers it (no key needed). */
  #resolve(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push({
      at: this.now(),
      method: 'GET',
      path: req.url ?? '',
      kind: 'schema',
      tasks: [],
      status: this.options.schemas === 'fail' ? 503 : 200,
    });
    if (this.options.schemas === 'fail') return this.#json(res, 503, { error: 'Service unavailable' });
    const schema = resolveSchema(decodeURIComponent((req.url ?? '').slice('/resolve/'.length).split('?')[0] ?? ''));
    if (!schema) return this.#json(res, 404, { error: 'Model not found' });
    this.#json(res, 200, schema);
  }

  /** audioInference (sync): real speech of `speech.text` by espeak-ng, priced per 1,000 characters. */
  async #speech(task: Record<string, unknown>) {
    const taskUUID = String(task.taskUUID);
    const fail = (code: string, message: string, parameter: string) => ({
      data: [],
      errors: [{ code, message, parameter, taskUUID, taskType: 'audioInference' }],
      status: 400,
    });
    const model = ttsModel(String(task.model));
    if (!model) return fail('invalidModel', `Unknown text-to-speech model ${String(task.model)}.`, 'model');
    const speech = (task.speech ?? {}) as { text?: unknown; voice?: unknown };
    const text = typeof speech.text === 'string' ? speech.text : '';
    if (text.trim() === '') return fail('invalidSpeechText', 'speech.text is required.', 'speech.text');
    if (Array.from(text).length > model.textLimit) {
      return fail('invalidSpeechText', `speech.text is longer than ${model.textLimit} characters.`, 'speech.text');
    }
    const voice = typeof speech.voice === 'string' ? speech.voice : '';
    if (!standInVoices(model.air).includes(voice)) return fail('invalidVoice', `Unknown voice ${voice} for ${model.air}.`, 'speech.voice');
    const cost = this.options.free ? 0 : (speechPriceUSD(text, model) ?? 0);
    const refused = this.#charge(cost, taskUUID, 'audioInference');
    if (refused) return { data: [], errors: [refused], status: 402 };
    const format = task.outputFormat === 'WAV' ? 'WAV' : 'MP3';
    await mkdir(join(this.#dir, 'audio'), { recursive: true });
    const file = await speak({ text, voice, format, dir: join(this.#dir, 'audio'), name: randomUUID(), ffmpeg: this.options.ffmpeg });
    const audioURL = this.#publish('audio', file, format === 'WAV' ? 'audio/wav' : 'audio/mpeg');
    const item: Record<string, unknown> = { taskType: 'audioInference', taskUUID, audioUUID: randomUUID(), audioURL, seed: 0 };
    if (task.includeCost === true) item.cost = cost;
    return { data: [item], errors: [] };
  }

  /** imageInference (sync): `numberResults` real pictures of the requested size, each with its seed. */
  async #images(task: Record<string, unknown>) {
    const taskUUID = String(task.taskUUID);
    const width = Number(task.width);
    const height = Number(task.height);
    const prompt = typeof task.positivePrompt === 'string' ? task.positivePrompt.trim() : '';
    const bad = (message: string, parameter: string) => ({
      data: [],
      errors: [{ code: 'invalidParameter', message, parameter, taskUUID, taskType: 'imageInference' }],
      status: 400,
    });
    if (prompt.length < 2) return bad('positivePrompt is required.', 'positivePrompt');
    for (const [name, value] of [
      ['width', width],
      ['height', height],
    ] as const) {
      if (!Number.isInteger(value) || value < 128 || value > 2048 || value % 16 !== 0)
        return bad(`${name} must be a multiple of 16 from 128 to 2048.`, name);
    }
    const count = Math.min(4, Math.max(1, Number(task.numberResults) || 1));
    const perImage = this.options.free ? 0 : 0.0096;
    const refused = this.#charge(round(perImage * count), taskUUID, 'imageInference');
    if (refused) return { data: [], errors: [refused], status: 402 };
    const format = task.outputFormat === 'PNG' || task.outputFormat === 'WEBP' ? task.outputFormat : 'JPG';
    const first = typeof task.seed === 'number' ? task.seed : Math.floor(Math.random() * 1_000_000);
    await mkdir(join(this.#dir, 'images'), { recursive: true });
    const data: Record<string, unknown>[] = [];
    for (let i = 0; i < count; i += 1) {
      const seed = first + i * 7919;
      const file = await paint({
        width,
        height,
        seed,
        format,
        dir: join(this.#dir, 'images'),
        name: randomUUID(),
        ffmpeg: this.options.ffmpeg,
      });
      const imageURL = this.#publish('images', file, CONTENT_TYPE[extname(file).slice(1)] ?? 'image/jpeg');
      const item: Record<string, unknown> = {
        taskType: 'imageInference',
        taskUUID,
        imageUUID: randomUUID(),
        imageURL,
        seed,
        NSFWContent: false,
      };
      if (task.includeCost === true) item.cost = perImage;
      data.push(item);
    }
    return { data, errors: [] };
  }

  async #imageUpload(task: Record<string, unknown>) {
    const taskUUID = task.taskUUID as string;
    const bytes = await this.#decodeMedia(task.image);
    if (!Buffer.isBuffer(bytes))
      return { data: [], errors: [{ ...bytes, parameter: 'image', taskUUID, taskType: 'imageUpload' }], status: 400 };
    const stored = await this.#store(bytes, taskUUID, 'image');
    if (!('uuid' in stored)) return { data: [], errors: [{ ...stored, taskType: 'imageUpload' }], status: 400 };
    if (!IMAGE_KINDS.includes(stored.kind)) {
      this.media.delete(stored.uuid);
      return {
        data: [],
        errors: [
          {
            code: 'unsupportedImageFormat',
            message: 'image must be jpeg, png, webp or gif.',
            parameter: 'image',
            taskUUID,
            taskType: 'imageUpload',
          },
        ],
        status: 400,
      };
    }
    return {
      data: [
        {
          taskType: 'imageUpload',
          taskUUID,
          imageUUID: stored.uuid,
          imageURL: `${this.origin}/files/uploads/${stored.uuid}.${EXTENSION[stored.kind]}`,
        },
      ],
      errors: [],
    };
  }

  // ---------------------------------------------------------------- files, sinks, faults

  async #serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fault = this.#takeFault('download');
    const name = decodeURIComponent((req.url ?? '').slice('/files/'.length).split('?')[0] ?? '');
    const served = this.#files.get(name);
    if (fault && (await this.#applyPreFault(fault, req, res, 'download', []))) return;
    if (!served || this.now() > served.expiresAt) {
      this.#log(req, 'download', [], 404);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const size = (await stat(served.file)).size;
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
    let start = 0;
    let end = size - 1;
    if (range) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size) {
        this.#log(req, 'download', [], 416);
        res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
        return;
      }
    }
    const status = range ? 206 : 200;
    const headers: Record<string, string | number> = {
      'content-type': served.contentType,
      'content-length': end - start + 1,
      'accept-ranges': 'bytes',
    };
    if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    this.#log(req, 'download', [], status, fault && 'cutAfterBytes' in fault ? 'cutAfterBytes' : undefined);
    res.writeHead(status, headers);
    if (fault && 'cutAfterBytes' in fault) {
      // Send part of the body, then drop the connection mid-transfer.
      const stream = createReadStream(served.file, { start, end: Math.min(end, start + fault.cutAfterBytes - 1) });
      stream.on('end', () => setTimeout(() => req.socket.destroy(), 20));
      stream.pipe(res, { end: false });
      return;
    }
    createReadStream(served.file, { start, end }).pipe(res);
  }

  /** A local endpoint tests can use as webhookURL / uploadEndpoint. */
  async #sink(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await readBody(req);
    res.writeHead(200).end();
  }

  #takeFault(kind: RequestKind): Fault | null {
    const index = this.#faults.findIndex((f) => f.on === kind || f.on === 'any');
    if (index < 0) return null;
    const fault = this.#faults[index] as Fault;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.#faults.splice(index, 1);
    return fault;
  }

  /** Applies faults that replace the answer; returns true when the request is done. */
  async #applyPreFault(
    fault: Fault,
    req: IncomingMessage,
    res: ServerResponse,
    kind: RequestKind,
    tasks: RequestLogEntry['tasks'],
  ): Promise<boolean> {
    if ('delayMs' in fault) {
      await new Promise((ok) => setTimeout(ok, fault.delayMs));
      return false;
    }
    if ('reset' in fault) {
      this.#log(req, kind, tasks, 0, 'reset');
      req.socket.destroy();
      return true;
    }
    if ('status' in fault) {
      this.#log(req, kind, tasks, fault.status, `status ${fault.status}`);
      const headers: Record<string, string> = {};
      if (fault.retryAfter) headers['retry-after'] = fault.retryAfter;
      if (fault.body === 'html') {
        res.writeHead(fault.status, { ...headers, 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      } else if (fault.body === 'empty') {
        res.writeHead(fault.status, headers).end();
      } else {
        res
          .writeHead(fault.status, { ...headers, 'content-type': 'application/json' })
          .end(JSON.stringify({ errors: [{ code: fault.code ?? statusCode(fault.status), message: `Injected ${fault.status}.` }] }));
      }
      return true;
    }
    return false;
  }

  #log(req: IncomingMessage, kind: RequestKind, tasks: RequestLogEntry['tasks'], status: number, fault?: string): void {
    this.requests.push({ at: this.now(), method: req.method ?? '', path: req.url ?? '', kind, tasks, status, fault });
  }

  #reply(
    req: IncomingMessage,
    res: ServerResponse,
    kind: RequestKind,
    tasks: RequestLogEntry['tasks'],
    status: number,
    body: unknown,
  ): void {
    this.#log(req, kind, tasks, status);
    this.#json(res, status, body);
  }

  #json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function statusCode(status: number): string {
  return (
    (
      {
        402: 'insufficientCredits',
        403: 'forbidden',
        429: 'rateLimitExceeded',
        500: 'internalServerError',
        502: 'providerUnavailable',
        503: 'serviceUnavailable',
        504: 'requestTimeout',
      } as Record<number, string>
    )[status] ?? `http${status}`
  );
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
