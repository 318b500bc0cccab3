import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { AuroraTaskSchema, type AuroraTask } from '../../../shared/aurora.ts';
import type { Logger } from '../logging/logger.ts';
import { downloadToFile, type DownloadResult } from './download.ts';
import { EndpointFindings } from './endpoint-findings.ts';
import {
  costOf,
  imageTask,
  mediaOf,
  speechTask,
  type ImageRequest,
  type ImageResult,
  type SpeechRequest,
  type SpeechResult,
} from './sync-media-tasks.ts';
import { missingKeyError, RunwareTransport, scrub, type TransportAnswer } from './http-transport.ts';
import { readPollAnswer, TASK_UNKNOWN_CODES } from './poll-answer.ts';
import { PollBatching } from './poll-batching.ts';
import type { TaskPoll } from './poll-result.ts';
import type { Envelope } from './response-envelope.ts';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryContext, type RetryPolicy } from './retry-policy.ts';
import { runwareApiUrl, type RunwareTimeouts } from './runware-config.ts';
import { RunwareError, fromApiError, isRunwareError, type RawApiError } from './runware-error.ts';
import { readTaskDetails, type TaskDetails } from './task-details.ts';
import { UploadCache, sha256, uploadScope } from './upload-cache.ts';

export interface RunwareClientOptions {
  apiKey: () => string | null;
  /** Defaults to RUNWARE_API_URL, else https://api.runware.ai/v1. */
  baseUrl?: string;
  uploadCache?: UploadCache;
  /** What was learned about the endpoint (batched polls, task details); in memory when not given. */
  findings?: EndpointFindings;
  retry?: RetryPolicy;
  timeouts?: Partial<RunwareTimeouts>;
  dispatcher?: Dispatcher;
  logger?: Logger;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Told before each wait between tries, so the person sees "retrying in 4 s (attempt 2 of 6)". */
  onRetry?: RetryListener;
}

export type RetryListener = NonNullable<RetryContext['onRetry']>;

export type InputKind = 'image' | 'audio';

/** Fresh media UUIDs for a resubmission after Runware refused or lost an input. */
export interface Reupload {
  /** Inputs whose media UUID came from the upload cache, not from an upload for this task. */
  cached: readonly InputKind[];
  image(): Promise<string>;
  audio(): Promise<string>;
}

/** Refusals that re-uploading cannot change: the account, or the request never got an answer. */
const NOT_ABOUT_INPUTS: ReadonlySet<string> = new Set(['auth', 'credits', 'network', 'timeout', 'rate_limit', 'server', 'canceled']);

/**
 * Which inputs to upload again before the one resubmission: the ones Runware says it
 * lost, or, for any other refusal, the ones that came from the cache (a media UUID made
 * for another server or account, or forgotten by Runware, is refused under many codes).
 * A refused task is not billed, so resubmitting it is safe.
 */
function inputsToUploadAgain(error: unknown, reupload: Reupload | undefined): InputKind[] {
  if (!reupload || !isRunwareError(error) || NOT_ABOUT_INPUTS.has(error.category) || error.code === 'conflictTaskUUID') return [];
  const param = error.parameter ?? '';
  const named = (['image', 'audio'] as const).filter((kind) => param.includes(`inputs.${kind}`));
  const lost = /^media(NotFound|Expired)$/i.test(String(error.code)) || (error.category === 'not_found' && named.length > 0);
  const kinds = new Set<InputKind>(lost ? (named.length > 0 ? named : ['image', 'audio']) : []);
  // Every cached input: the refusal may name one, and the other may be just as unknown.
  for (const kind of reupload.cached) kinds.add(kind);
  return [...kinds];
}

/**
 * Runware's task API for Aurora: upload media, submit a video task, poll many
 * tasks in one request, download results, check a key. Every call is cancellable,
 * transient failures retry with backoff, and the API key never appears in an
 * error, a log line or a thrown object.
 */
export class RunwareClient {
  readonly #transport: RunwareTransport;
  readonly #retry: RetryPolicy;
  readonly #cache: UploadCache;
  readonly #log: Logger | undefined;
  readonly #apiKey: () => string | null;
  readonly #endpoint: string;
  readonly #findings: EndpointFindings;
  readonly #batching: PollBatching<CallOptions>;
  readonly #options: RunwareClientOptions;

  constructor(options: RunwareClientOptions) {
    this.#options = options;
    this.#apiKey = options.apiKey;
    this.#endpoint = options.baseUrl ?? runwareApiUrl();
    this.#transport = new RunwareTransport({
      baseUrl: this.#endpoint,
      apiKey: options.apiKey,
      dispatcher: options.dispatcher,
      timeouts: options.timeouts,
    });
    this.#retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.#cache = options.uploadCache ?? new UploadCache();
    this.#log = options.logger;
    this.#findings = options.findings ?? new EndpointFindings();
    this.#batching = new PollBatching({
      endpoint: this.#endpoint,
      findings: this.#findings,
      request: (uuids, options) => this.#pollRequest(uuids, options),
      logger: options.logger,
    });
  }

  /** The endpoint every request goes to. */
  get endpoint(): string {
    return this.#endpoint;
  }

  get findings(): EndpointFindings {
    return this.#findings;
  }

  /**
   * One request with the client's retries. `read` runs on each answer inside the retry
   * loop, so an error in a 200 body that is worth retrying is retried like an HTTP one.
   */
  async #post<T = TransportAnswer>(
    label: string,
    tasks: readonly object[],
    options: CallOptions & {
      retry?: RetryPolicy;
      taskScopedErrors?: boolean;
      read?: (answer: TransportAnswer) => T;
      onBodyProgress?: (sent: number, total: number) => void;
    } = {},
  ): Promise<T> {
    return withRetries(
      async (attempt) => {
        const started = Date.now();
        try {
          const answer = await this.#transport.post(tasks, options.signal, {
            taskScopedErrors: options.taskScopedErrors,
            onBodyProgress: options.onBodyProgress,
          });
          this.#log?.debug(`${label} → ${answer.status}`, { tasks: tasks.length, ms: Date.now() - started, attempt });
          return options.read ? options.read(answer) : (answer as T);
        } catch (error) {
          // The transport already keeps the key out of what it throws; errors read from a body are scrubbed here.
          const clean = isRunwareError(error) ? scrub(error, this.#apiKey()) : error;
          if (isRunwareError(clean)) {
            this.#log?.info(`${label} failed`, { code: clean.code, status: clean.httpStatus, retryable: clean.retryable, attempt });
          }
          throw clean;
        }
      },
      { policy: options.retry ?? this.#retry, signal: options.signal, onRetry: options.onRetry },
    );
  }

  /** Whose uploads the cache may offer: this endpoint and this key (as a hash). */
  #scope(): string {
    const key = this.#apiKey();
    if (!key) throw missingKeyError();
    return uploadScope(this.#endpoint, key);
  }

  /**
   * Stores bytes with Runware (`mediaStorage`, raw base64) and returns the media
   * UUID. The same bytes within the cache's retention are not sent again to the same
   * endpoint with the same key; `cached` says when the UUID came from the cache.
   */
  async uploadMedia(
    bytes: Uint8Array,
    options: CallOptions & { force?: boolean; onProgress?: (sentBytes: number) => void } = {},
  ): Promise<{ mediaUUID: string; cached: boolean }> {
    const hash = sha256(bytes);
    const scope = this.#scope();
    if (!options.force) {
      const known = await this.#cache.get(scope, hash);
      if (known) return { mediaUUID: known, cached: true };
    }
    const media = Buffer.from(bytes).toString('base64');
    // A fresh taskUUID per try: if a reply is lost, the retry must not be refused as a
    // duplicate, or the media UUID would never be learned. Uploads are not billed.
    const envelope = await withRetries(
      async () => {
        const taskUUID = randomUUID();
        const answer = await this.#post('mediaStorage', [{ taskType: 'mediaStorage', taskUUID, operation: 'upload', media }], {
          signal: options.signal,
          retry: { ...this.#retry, maxAttempts: 1 },
          // The body is the file in base64 plus a little JSON: said back in the file's own bytes.
          onBodyProgress: options.onProgress ? (sent, total) => options.onProgress?.(Math.round((bytes.length * sent) / total)) : undefined,
        });
        return { env: answer.envelope, taskUUID };
      },
      { policy: this.#retry, signal: options.signal, onRetry: options.onRetry },
    );
    const item = envelope.env.data.find((d) => d.taskUUID === envelope.taskUUID) ?? envelope.env.data[0];
    const mediaUUID = str(item?.mediaUUID) ?? str(item?.imageUUID);
    if (!mediaUUID) throw this.#errorFor(envelope.env, envelope.taskUUID) ?? this.#protocolError('the upload');
    // The cache only saves a later upload: a full app-data disk must not fail this one.
    await this.#cache.put(scope, hash, mediaUUID).catch((error: unknown) => this.#log?.warn('upload cache not saved', { error }));
    return { mediaUUID, cached: false };
  }

  /** Forgets a cached upload, e.g. after Runware refused it. */
  async forgetUpload(bytes: Uint8Array): Promise<void> {
    await this.#cache.forget(this.#scope(), sha256(bytes));
  }

  /**
   * Submits an Aurora task (async delivery, cost included). Retries only ever resend
   * the same taskUUID, and a `conflictTaskUUID` answer means an earlier try was
   * accepted. When Runware refuses an input it lost, or refuses the task in any way
   * while an input came from the cache, those inputs are uploaded again and the task
   * resubmitted once.
   */
  async submitVideo(
    task: AuroraTask,
    options: CallOptions & { reupload?: Reupload } = {},
  ): Promise<{ taskUUID: string; duplicate: boolean; reuploaded: boolean }> {
    const body: AuroraTask = { ...task, deliveryMethod: 'async', includeCost: true, outputType: 'URL' };
    const parsed = AuroraTaskSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RunwareError({
        code: 'invalid_parameter',
        category: 'validation',
        retryable: false,
        httpStatus: 0,
        parameter: issue?.path.join('.') || undefined,
        taskUUID: task.taskUUID,
        message: issue?.message ?? 'The request is not valid.',
      });
    }
    try {
      return { ...(await this.#submitOnce(parsed.data, options)), reuploaded: false };
    } catch (error) {
      const kinds = inputsToUploadAgain(error, options.reupload);
      if (kinds.length === 0 || !options.reupload) throw error;
      this.#log?.info('Runware refused a task with a cached or lost input; uploading it again', {
        code: isRunwareError(error) ? error.code : undefined,
        inputs: kinds,
      });
      const inputs = { ...parsed.data.inputs };
      for (const kind of kinds) inputs[kind] = await options.reupload[kind]();
      return { ...(await this.#submitOnce({ ...parsed.data, inputs }, options)), reuploaded: true };
    }
  }

  /**
   * One submission. An answer without an error means "accepted, go poll" — also an empty
   * `data` or one naming another taskUUID, which Runware's own clients accept too; a
   * task that was not in fact registered shows up unknown to polls and task details.
   */
  async #submitOnce(task: AuroraTask, options: CallOptions): Promise<{ taskUUID: string; duplicate: boolean }> {
    try {
      return await this.#post('videoInference', [task], {
        ...options,
        read: ({ envelope }) => {
          const failure = this.#errorFor(envelope, task.taskUUID);
          if (failure?.code === 'conflictTaskUUID') return { taskUUID: task.taskUUID, duplicate: true };
          if (failure) throw failure;
          if (!envelope.data.some((d) => d.taskUUID === task.taskUUID)) {
            this.#log?.warn('submission acknowledged without naming the task: treated as accepted, polled as usual', {
              items: envelope.data.length,
            });
          }
          return { taskUUID: task.taskUUID, duplicate: false };
        },
      });
    } catch (error) {
      if (isRunwareError(error) && error.code === 'conflictTaskUUID') return { taskUUID: task.taskUUID, duplicate: true };
      throw error;
    }
  }

  /** True once this endpoint is known to answer one getResponse task per request (the poller then asks only due tasks). */
  get pollsOneTaskPerRequest(): boolean {
    return this.#batching.oneTaskPerRequest;
  }

  /**
   * Asks about every task, in ONE request where the endpoint answers batches reliably
   * (checked on every answer, poll-batching.ts), else one request per task. Tolerates
   * `data: []` for unknown tasks, errors inside HTTP 200 in both documented shapes,
   * items without a taskUUID, retryable task errors, and partial results across takes.
   */
  async poll(taskUUIDs: readonly string[], options: CallOptions = {}): Promise<Map<string, TaskPoll>> {
    if (taskUUIDs.length === 0) return new Map();
    return this.#batching.poll(taskUUIDs, options);
  }

  #pollRequest(taskUUIDs: readonly string[], options: CallOptions): Promise<Map<string, TaskPoll>> {
    return this.#post(
      'getResponse',
      taskUUIDs.map((taskUUID) => ({ taskType: 'getResponse', taskUUID })),
      { ...options, taskScopedErrors: true, read: ({ envelope }) => readPollAnswer(envelope, taskUUIDs) },
    ).then((polls) => {
      const key = this.#apiKey();
      for (const poll of polls.values()) {
        poll.generations = poll.generations.map((g) => (g.status === 'error' ? { status: 'error', error: scrub(g.error, key) } : g));
        if (poll.transient) poll.transient = scrub(poll.transient, key);
      }
      return polls;
    });
  }

  /**
   * Asks `getTaskDetails` about a task getResponse no longer knows: whether Runware has it,
   * and its results if the original response holds them. Throws when the endpoint does not
   * answer it (then nobody can tell whether resubmitting would bill twice).
   */
  async taskDetails(taskUUID: string, options: CallOptions = {}): Promise<TaskDetails> {
    const details = await this.#post('getTaskDetails', [{ taskType: 'getTaskDetails', taskUUID }], {
      ...options,
      taskScopedErrors: true,
      read: ({ envelope }) => readTaskDetails(envelope, taskUUID),
    });
    await this.#findings.record(this.#endpoint, 'taskDetails', { supported: true, detail: 'getTaskDetails answered' });
    return details;
  }

  /** Whether one getResponse request may ask about several tasks here (doctor): free, nothing runs. */
  checkPollBatching(options: CallOptions = {}): Promise<{ supported: boolean; detail: string }> {
    return this.#batching.probe([randomUUID(), randomUUID()], options);
  }

  /** The endpoint answers at all (no key sent): its HTTP status, how long it took, and its clock. */
  async reach(options: CallOptions = {}): Promise<{ status: number; latencyMs: number; serverDate?: string }> {
    const started = Date.now();
    const { status, date } = await this.#transport.probe(options.signal);
    return { status, latencyMs: Date.now() - started, ...(date ? { serverDate: date } : {}) };
  }

  /** Speaks `text` with a text-to-speech model: one billed request, not retried (see sync-media-tasks.ts). */
  async synthesizeSpeech(request: SpeechRequest, options: CallOptions = {}): Promise<SpeechResult> {
    const taskUUID = randomUUID();
    const answer = await this.#post('audioInference', [speechTask(taskUUID, request)], {
      signal: options.signal,
      retry: { ...this.#retry, maxAttempts: 1 },
    });
    const item = answer.envelope.data.find((d) => d.taskUUID === taskUUID) ?? answer.envelope.data[0];
    const media = item ? mediaOf(item, 'audio') : null;
    if (!item || !media) throw this.#errorFor(answer.envelope, taskUUID) ?? this.#protocolError('the speech');
    return { taskUUID, media, costUSD: costOf(item) };
  }

  /** Makes `numberResults` pictures from a prompt: one billed request, not retried. */
  async generateImages(request: ImageRequest, options: CallOptions = {}): Promise<ImageResult[]> {
    const taskUUID = randomUUID();
    const answer = await this.#post('imageInference', [imageTask(taskUUID, request)], {
      signal: options.signal,
      retry: { ...this.#retry, maxAttempts: 1 },
    });
    const items = answer.envelope.data.filter((d) => d.taskUUID === undefined || d.taskUUID === taskUUID);
    const results = items.flatMap((item) => {
      const media = mediaOf(item, 'image');
      return media
        ? [{ media, seed: typeof item.seed === 'number' ? item.seed : null, costUSD: costOf(item), nsfw: item.NSFWContent === true }]
        : [];
    });
    if (results.length === 0) throw this.#errorFor(answer.envelope, taskUUID) ?? this.#protocolError('the pictures');
    return results;
  }

  /** Downloads a result to `dest` (via `dest.part`, resuming with Range). */
  download(
    url: string,
    dest: string,
    options: CallOptions & { onProgress?: (received: number, total: number | null) => void } = {},
  ): Promise<DownloadResult> {
    return downloadToFile(url, dest, {
      dispatcher: this.#transport.dispatcher,
      signal: options.signal,
      retry: this.#retry,
      onProgress: options.onProgress,
      onRetry: options.onRetry,
    });
  }

  /** How many tries a call makes before it gives up, for "attempt 2 of 6". */
  get maxAttempts(): number {
    return this.#retry.maxAttempts;
  }

  /**
   * A cheap authenticated call: `getResponse` for a task that does not exist bills
   * nothing and needs a valid key. (REST has no documented ping; [UNK] whether an
   * unknown task answers `data: []` or `taskNotFound` — both mean the key works.) Any
   * other error, also inside a 200 (an `invalidApiKey` envelope), means it does not.
   */
  async checkKey(options: CallOptions = {}): Promise<{ latencyMs: number; serverDate?: string }> {
    const started = Date.now();
    try {
      const answer = await this.#post('checkKey', [{ taskType: 'getResponse', taskUUID: randomUUID() }], {
        ...options,
        retry: { ...this.#retry, maxAttempts: 2 },
        taskScopedErrors: true,
        read: (a) => {
          const refusal = a.envelope.errors.find((e) => !TASK_UNKNOWN_CODES.has(String(e.code)));
          if (refusal) throw fromApiError(refusal, a.status);
          return a;
        },
      });
      return { latencyMs: Date.now() - started, ...(answer.date ? { serverDate: answer.date } : {}) };
    } catch (error) {
      if (
        isRunwareError(error) &&
        error.category !== 'auth' &&
        error.category !== 'credits' &&
        error.category !== 'canceled' &&
        error.httpStatus === 0
      ) {
        throw new RunwareError({
          ...error.fields(),
          message: 'The key could not be checked because Runware could not be reached. Check your internet connection and try again.',
        });
      }
      throw error;
    }
  }

  /**
   * A key the person has not saved yet, checked the same free way: Runware refusing it
   * throws an `auth` error. Its own short-lived connection; nothing is cached under it.
   */
  async checkCandidateKey(key: string, options: CallOptions = {}): Promise<void> {
    const candidate = new RunwareClient({ ...this.#options, apiKey: () => key, uploadCache: new UploadCache(), dispatcher: undefined });
    try {
      await candidate.checkKey(options);
    } finally {
      await candidate.close();
    }
  }

  async close(): Promise<void> {
    await this.#transport.close();
  }

  #errorFor(envelope: Envelope, taskUUID: string): RunwareError | null {
    const raw: RawApiError | undefined = envelope.errors.find((e) => e.taskUUID === taskUUID) ?? envelope.errors[0];
    return raw ? fromApiError({ ...raw, taskUUID: raw.taskUUID ?? taskUUID }, 200) : null;
  }

  #protocolError(what: string): RunwareError {
    return new RunwareError({
      code: 'bad_response',
      category: 'server',
      retryable: true,
      httpStatus: 200,
      message: `Runware's answer to ${what} was missing the expected result. Try again.`,
    });
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
