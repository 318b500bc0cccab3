import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { DEFAULT_TIMEOUTS, type RunwareTimeouts } from './runware-config.ts';
import { parseEnvelope, type Envelope } from './response-envelope.ts';
import { RunwareError, fromApiError, fromHttpStatus, fromTransportError } from './runware-error.ts';
import { parseRetryAfter } from './retry-policy.ts';

export interface TransportOptions {
  baseUrl: string;
  /** Read at each call, so a key replaced in Settings applies at once. */
  apiKey: () => string | null;
  dispatcher?: Dispatcher;
  timeouts?: Partial<RunwareTimeouts>;
  userAgent?: string;
}

/** One keep-alive agent per client: Runware calls reuse their connections. */
export function createAgent(timeouts: RunwareTimeouts = DEFAULT_TIMEOUTS): Agent {
  return new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    connections: 16,
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
  });
}

export interface TransportAnswer {
  status: number;
  envelope: Envelope;
  /** The server's `Date` header, when it sent one (doctor compares clocks with it). */
  date?: string;
}

export function missingKeyError(): RunwareError {
  return new RunwareError({
    code: 'key_missing',
    category: 'auth',
    retryable: false,
    httpStatus: 0,
    message: 'No Runware API key is set. Add your key in Settings (or set RUNWARE_API_KEY for the command line).',
  });
}

/**
 * POSTs a task array to Runware and returns the parsed envelope. Throws a typed
 * RunwareError for HTTP failures, unreadable bodies and transport errors, none of
 * which carries the key (only an HTTP failure can echo it, and it is scrubbed with
 * the key that was sent); a 200 with `errors` inside is returned as is (errors are
 * scoped per task).
 */
export class RunwareTransport {
  readonly #o: TransportOptions;
  readonly #dispatcher: Dispatcher;
  readonly #timeouts: RunwareTimeouts;

  constructor(options: TransportOptions) {
    this.#o = options;
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#dispatcher = options.dispatcher ?? createAgent(this.#timeouts);
  }

  get dispatcher(): Dispatcher {
    return this.#dispatcher;
  }

  /**
   * `taskScopedErrors`: for polls, a 4xx whose errors all name a task is an answer
   * about those tasks (e.g. `taskNotFound`), not a failed request ([UNK] which status
   * Runware uses there).
   */
  async post(
    tasks: readonly object[],
    signal?: AbortSignal,
    options: { taskScopedErrors?: boolean; onBodyProgress?: (sent: number, total: number) => void } = {},
  ): Promise<TransportAnswer> {
    const key = this.#o.apiKey();
    if (!key) throw missingKeyError();
    let response: Dispatcher.ResponseData;
    let text: string;
    const json = JSON.stringify(tasks);
    try {
      response = await request(this.#o.baseUrl, {
        method: 'POST',
        dispatcher: this.#dispatcher,
        signal,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${key}`,
          'user-agent': this.#o.userAgent ?? 'avatar-studio',
          // A counted body is a stream: its length is said up front, never sent chunked.
          ...(options.onBodyProgress ? { 'content-length': String(Buffer.byteLength(json)) } : {}),
        },
        // Always an array, even for one task.
        body: options.onBodyProgress ? countedBody(json, options.onBodyProgress) : json,
        headersTimeout: this.#timeouts.headersMs,
        bodyTimeout: this.#timeouts.bodyMs,
      });
      text = await response.body.text();
    } catch (error) {
      throw fromTransportError(error, signal);
    }
    const status = response.statusCode;
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    const envelope = parseEnvelope(text);
    const scoped = envelope !== null && envelope.errors.length > 0 && envelope.errors.every((e) => typeof e.taskUUID === 'string');
    const date = typeof response.headers.date === 'string' ? response.headers.date : undefined;
    if (options.taskScopedErrors && scoped && (status === 400 || status === 404)) return { status, envelope, date };
    if (status >= 400) {
      // Prefer the API's own error object; an HTML or empty body falls back to the status.
      const first = envelope?.errors[0];
      const error = first ? fromApiError(first, status, retryAfterMs) : fromHttpStatus(status, retryAfterMs);
      throw scrub(error, key);
    }
    if (!envelope) {
      throw new RunwareError({
        code: 'bad_response',
        category: 'server',
        retryable: true,
        httpStatus: status,
        message: 'Runware sent an answer Avatar Studio could not read. Try again in a few minutes.',
      });
    }
    return { status, envelope, date };
  }

  /**
   * An empty request without the key: any HTTP answer (a 401 is expected) proves the
   * endpoint is there. Nothing is run, so nothing can be billed.
   */
  async probe(signal?: AbortSignal): Promise<{ status: number; date?: string }> {
    try {
      const response = await request(this.#o.baseUrl, {
        method: 'POST',
        dispatcher: this.#dispatcher,
        signal,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': this.#o.userAgent ?? 'avatar-studio' },
        body: '[]',
        headersTimeout: this.#timeouts.headersMs,
        bodyTimeout: this.#timeouts.bodyMs,
      });
      await response.body.dump();
      const date = typeof response.headers.date === 'string' ? response.headers.date : undefined;
      return { status: response.statusCode, ...(date ? { date } : {}) };
    } catch (error) {
      throw fromTransportError(error, signal);
    }
  }

  async close(): Promise<void> {
    await this.#dispatcher.close();
  }
}

/** Belt and braces: no field of an error may carry the key, even if an API echoed it. */
export function scrub(error: RunwareError, key: string | null): RunwareError {
  const fields = error.fields();
  if (!key || !JSON.stringify(fields).includes(key)) return error;
  const clean = (value: string | undefined) => (value === undefined ? undefined : value.split(key).join('[redacted]'));
  return new RunwareError({
    ...fields,
    code: clean(fields.code) ?? 'redacted',
    message: clean(fields.message) ?? '',
    parameter: clean(fields.parameter),
    taskUUID: clean(fields.taskUUID),
  });
}

/**
 * A request body handed to the socket in 64 KB slices, telling how much has gone: the next
 * slice is only pulled once the previous one was taken, so the count follows the upload.
 */
function countedBody(text: string, onProgress: (sent: number, total: number) => void): Readable {
  const bytes = Buffer.from(text);
  const SLICE = 64 * 1024;
  return Readable.from(
    (function* slices() {
      for (let at = 0; at < bytes.length; at += SLICE) {
        yield bytes.subarray(at, at + SLICE);
        onProgress(Math.min(bytes.length, at + SLICE), bytes.length);
      }
    })(),
    { objectMode: false },
  );
}
