import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { AuroraTaskSchema, type AuroraTask } from '../../../shared/aurora.ts';
import type { Logger } from '../logging/logger.ts';
import { downloadToFile, type DownloadResult } from './download.ts';
import { RunwareTransport, scrub } from './http-transport.ts';
import type { Generation, TaskPoll } from './poll-result.ts';
import type { DataItem, Envelope } from './response-envelope.ts';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryContext, type RetryPolicy } from './retry-policy.ts';
import { runwareApiUrl, type RunwareTimeouts } from './runware-config.ts';
import { RunwareError, fromApiError, isRunwareError, type RawApiError } from './runware-error.ts';
import { UploadCache, sha256 } from './upload-cache.ts';

export interface RunwareClientOptions {
  apiKey: () => string | null;
  /** Defaults to RUNWARE_API_URL, else https://api.runware.ai/v1. */
  baseUrl?: string;
  uploadCache?: UploadCache;
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

/** Fresh media UUIDs for a resubmission after Runware lost an upload. */
export interface Reupload {
  image(): Promise<string>;
  audio(): Promise<string>;
}

const NOT_FOUND_CODES = new Set(['taskNotFound', 'taskExpired', 'taskFailedOrNotFound']);

function isMediaMissing(error: RunwareError): boolean {
  const param = error.parameter ?? '';
  return /^media(NotFound|Expired)$/i.test(String(error.code)) || (error.category === 'not_found' && /inputs\.(image|audio)/.test(param));
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** One `data` item of getResponse → a generation, tolerating status spellings. */
function toGeneration(item: DataItem): Generation {
  const status = String(item.status ?? '').toLowerCase();
  if (status === 'error' || status === 'failed') {
    const embedded = (item.error && typeof item.error === 'object' ? item.error : item) as RawApiError;
    return { status: 'error', error: fromApiError({ ...embedded, taskUUID: item.taskUUID }, 200) };
  }
  const url = str(item.videoURL) ?? str(item.mediaURL);
  if ((status === 'success' || (status === '' && url)) && url) {
    const videoUUID =
      str(item.videoUUID) ??
      str(item.mediaUUID) ??
      url
        .split('/')
        .pop()
        ?.replace(/\.\w+$/, '') ??
      randomUUID();
    const generation: Generation = { status: 'success', videoUUID, videoURL: url };
    const cost = num(item.cost);
    const seed = num(item.seed);
    if (cost !== undefined) generation.cost = cost;
    if (seed !== undefined) generation.seed = seed;
    if (typeof item.NSFWContent === 'boolean') generation.nsfw = item.NSFWContent;
    return generation;
  }
  // `processing`, the older `pending`, `queued`… and any status not known yet all mean
  // "still running": the poller's own deadline bounds a task that never finishes.
  const progress = num(item.progress);
  return progress === undefined ? { status: 'processing' } : { status: 'processing', progress: Math.max(0, Math.min(100, progress)) };
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

  constructor(options: RunwareClientOptions) {
    this.#apiKey = options.apiKey;
    this.#transport = new RunwareTransport({
      baseUrl: options.baseUrl ?? runwareApiUrl(),
      apiKey: options.apiKey,
      dispatcher: options.dispatcher,
      timeouts: options.timeouts,
    });
    this.#retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.#cache = options.uploadCache ?? new UploadCache();
    this.#log = options.logger;
  }

  async #post(
    label: string,
    tasks: readonly object[],
    options: CallOptions & { retry?: RetryPolicy; taskScopedErrors?: boolean } = {},
  ): Promise<Envelope> {
    return withRetries(
      async (attempt) => {
        const started = Date.now();
        try {
          const { status, envelope } = await this.#transport.post(tasks, options.signal, {
            taskScopedErrors: options.taskScopedErrors,
          });
          this.#log?.debug(`${label} → ${status}`, { tasks: tasks.length, ms: Date.now() - started, attempt });
          return envelope;
        } catch (error) {
          // The transport already keeps the key out of what it throws.
          if (isRunwareError(error)) {
            this.#log?.info(`${label} failed`, { code: error.code, status: error.httpStatus, retryable: error.retryable, attempt });
          }
          throw error;
        }
      },
      { policy: options.retry ?? this.#retry, signal: options.signal, onRetry: options.onRetry },
    );
  }

  /**
   * Stores bytes with Runware (`mediaStorage`, raw base64) and returns the media
   * UUID. The same bytes within the cache's retention are not sent again.
   */
  async uploadMedia(bytes: Uint8Array, options: CallOptions & { force?: boolean } = {}): Promise<{ mediaUUID: string; cached: boolean }> {
    const hash = sha256(bytes);
    if (!options.force) {
      const known = await this.#cache.get(hash);
      if (known) return { mediaUUID: known, cached: true };
    }
    const media = Buffer.from(bytes).toString('base64');
    // A fresh taskUUID per try: if a reply is lost, the retry must not be refused as a
    // duplicate, or the media UUID would never be learned. Uploads are not billed.
    const envelope = await withRetries(
      async () => {
        const taskUUID = randomUUID();
        const env = await this.#post('mediaStorage', [{ taskType: 'mediaStorage', taskUUID, operation: 'upload', media }], {
          signal: options.signal,
          retry: { ...this.#retry, maxAttempts: 1 },
        });
        return { env, taskUUID };
      },
      { policy: this.#retry, signal: options.signal, onRetry: options.onRetry },
    );
    const item = envelope.env.data.find((d) => d.taskUUID === envelope.taskUUID) ?? envelope.env.data[0];
    const mediaUUID = str(item?.mediaUUID) ?? str(item?.imageUUID);
    if (!mediaUUID) throw this.#firstError(envelope.env, envelope.taskUUID) ?? this.#protocolError('the upload');
    // The cache only saves a later upload: a full app-data disk must not fail this one.
    await this.#cache.put(hash, mediaUUID).catch((error: unknown) => this.#log?.warn('upload cache not saved', { error }));
    return { mediaUUID, cached: false };
  }

  /** Forgets a cached upload, e.g. after Runware said it no longer has it. */
  async forgetUpload(bytes: Uint8Array): Promise<void> {
    await this.#cache.forget(sha256(bytes));
  }

  /**
   * Submits an Aurora task (async delivery, cost included). Retries only ever resend
   * the same taskUUID, and a `conflictTaskUUID` answer means an earlier try was
   * accepted. When Runware reports an input missing and `reupload` is given, the
   * inputs are uploaded again and the task resubmitted once.
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
      if (!options.reupload || !isRunwareError(error) || !isMediaMissing(error)) throw error;
      this.#log?.info('Runware lost an input; uploading again', { parameter: error.parameter });
      const inputs = { image: await options.reupload.image(), audio: await options.reupload.audio() };
      return { ...(await this.#submitOnce({ ...parsed.data, inputs }, options)), reuploaded: true };
    }
  }

  async #submitOnce(task: AuroraTask, options: CallOptions): Promise<{ taskUUID: string; duplicate: boolean }> {
    let envelope: Envelope;
    try {
      envelope = await this.#post('videoInference', [task], options);
    } catch (error) {
      if (isRunwareError(error) && error.code === 'conflictTaskUUID') return { taskUUID: task.taskUUID, duplicate: true };
      throw error;
    }
    const failure = this.#firstError(envelope, task.taskUUID);
    if (failure?.code === 'conflictTaskUUID') return { taskUUID: task.taskUUID, duplicate: true };
    if (envelope.data.some((d) => d.taskUUID === task.taskUUID)) return { taskUUID: task.taskUUID, duplicate: false };
    throw failure ?? this.#protocolError('the submission');
  }

  /**
   * Asks about every task in ONE request (one `getResponse` per task) and returns
   * each task's generations. Tolerates `data: []` for unknown tasks, errors inside
   * HTTP 200 in both documented shapes, and partial results across takes.
   */
  async poll(taskUUIDs: readonly string[], options: CallOptions = {}): Promise<Map<string, TaskPoll>> {
    const result = new Map<string, TaskPoll>(taskUUIDs.map((taskUUID) => [taskUUID, { taskUUID, known: false, generations: [] }]));
    if (taskUUIDs.length === 0) return result;
    const envelope = await this.#post(
      'getResponse',
      taskUUIDs.map((taskUUID) => ({ taskType: 'getResponse', taskUUID })),
      { ...options, taskScopedErrors: true },
    );
    for (const item of envelope.data) {
      const poll = item.taskUUID ? result.get(item.taskUUID) : undefined;
      if (!poll) continue;
      poll.known = true;
      const generation = toGeneration(item);
      poll.generations.push(
        generation.status === 'error' ? { status: 'error', error: scrub(generation.error, this.#apiKey()) } : generation,
      );
    }
    for (const raw of envelope.errors) {
      const taskUUID = str(raw.taskUUID);
      const poll = taskUUID ? result.get(taskUUID) : undefined;
      if (!poll) {
        // An error for no task in particular (e.g. the key) concerns the whole request.
        throw this.#apiError(raw);
      }
      if (NOT_FOUND_CODES.has(String(raw.code))) continue;
      poll.known = true;
      poll.generations.push({ status: 'error', error: this.#apiError(raw) });
    }
    return result;
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
   * unknown task answers `data: []` or `taskNotFound` — both mean the key works.)
   */
  async checkKey(options: CallOptions = {}): Promise<void> {
    try {
      await this.#post('checkKey', [{ taskType: 'getResponse', taskUUID: randomUUID() }], {
        ...options,
        retry: { ...this.#retry, maxAttempts: 2 },
        taskScopedErrors: true,
      });
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

  async close(): Promise<void> {
    await this.#transport.close();
  }

  #apiError(raw: RawApiError): RunwareError {
    return scrub(fromApiError(raw, 200), this.#apiKey());
  }

  #firstError(envelope: Envelope, taskUUID: string): RunwareError | null {
    const raw = envelope.errors.find((e) => e.taskUUID === taskUUID) ?? envelope.errors[0];
    return raw ? this.#apiError({ ...raw, taskUUID: raw.taskUUID ?? taskUUID }) : null;
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
