import type { Logger } from '../logging/logger.ts';
import type { EndpointFindings } from './endpoint-findings.ts';
import type { TaskPoll } from './poll-result.ts';
import { isRunwareError, type RunwareError } from './runware-error.ts';

/** One getResponse request for these tasks, read per task (`O`: the caller's call options, passed through). */
export type PollRequest<O> = (taskUUIDs: readonly string[], options: O) => Promise<Map<string, TaskPoll>>;

/** Single-task requests sent at once in the one-task-per-request mode. */
const PARALLEL = 4;

/** Failures that are about the connection or the account, not about asking for several tasks at once. */
const NOT_A_REFUSAL: ReadonlySet<string> = new Set(['auth', 'credits', 'network', 'timeout', 'rate_limit', 'canceled']);

/** What a task's answer says, coarsely: enough to tell a batch that answered differently. */
function verdictOf(poll: TaskPoll | undefined): string {
  if (!poll?.known) return 'unknown';
  if (poll.generations.some((g) => g.status === 'error')) return 'failed';
  if (poll.transient) return 'retry';
  return 'known';
}

/** A task the batch said nothing about, or said failed: worth asking alone before acting on it. */
function doubtful(poll: TaskPoll | undefined): boolean {
  return verdictOf(poll) !== 'known';
}

/**
 * Several tasks in one getResponse request: no official client does it and no doc shows
 * it (docs/runware-assumptions.md), so every answer is checked. A batch that is refused,
 * or that leaves out or fails a task a single-task request answers for, switches this
 * endpoint to one task per request; the finding is kept in app data and logged.
 */
export class PollBatching<O> {
  readonly #endpoint: string;
  readonly #findings: EndpointFindings;
  readonly #request: PollRequest<O>;
  readonly #log: Logger | undefined;

  constructor(options: { endpoint: string; findings: EndpointFindings; request: PollRequest<O>; logger?: Logger }) {
    this.#endpoint = options.endpoint;
    this.#findings = options.findings;
    this.#request = options.request;
    this.#log = options.logger;
  }

  /** True once this endpoint is known to answer only one task per request. */
  get oneTaskPerRequest(): boolean {
    return this.#findings.peek(this.#endpoint, 'pollBatching')?.supported === false;
  }

  async poll(taskUUIDs: readonly string[], options: O): Promise<Map<string, TaskPoll>> {
    await this.#findings.load();
    if (taskUUIDs.length <= 1 || this.oneTaskPerRequest) return this.#each(taskUUIDs, options);
    let batched: Map<string, TaskPoll>;
    try {
      batched = await this.#request(taskUUIDs, options);
    } catch (error) {
      if (isRunwareError(error) && NOT_A_REFUSAL.has(error.category)) throw error;
      return this.#afterRefusal(taskUUIDs, error, options);
    }
    return this.#verified(taskUUIDs, batched, options);
  }

  /** The batch failed: if one task alone is answered, batches are what the endpoint refuses. */
  async #afterRefusal(taskUUIDs: readonly string[], refusal: unknown, options: O): Promise<Map<string, TaskPoll>> {
    const [first, ...rest] = taskUUIDs as [string, ...string[]];
    const alone = await this.#request([first], options);
    const reason = isRunwareError(refusal) ? describe(refusal) : 'an unreadable answer';
    await this.#fallBack(`a request for ${taskUUIDs.length} tasks was refused (${reason}) while one task alone was answered`);
    const others = await this.#each(rest, options);
    return new Map([...alone, ...others]);
  }

  /** Asks alone about each task the batch was unsure of; a different answer means batches cannot be trusted here. */
  async #verified(taskUUIDs: readonly string[], batched: Map<string, TaskPoll>, options: O): Promise<Map<string, TaskPoll>> {
    const unsure = taskUUIDs.filter((uuid) => doubtful(batched.get(uuid)));
    if (unsure.length === 0) {
      await this.#supported(taskUUIDs.length);
      return batched;
    }
    const alone = await this.#each(unsure, options);
    const differing = unsure.filter((uuid) => alone.has(uuid) && verdictOf(alone.get(uuid)) !== verdictOf(batched.get(uuid)));
    for (const [uuid, poll] of alone) batched.set(uuid, poll);
    if (differing.length > 0) {
      const example = differing[0] as string;
      await this.#fallBack(
        `a request for ${taskUUIDs.length} tasks answered “${verdictOf(batched.get(example))}” for task ${example} where one task alone was answered “${verdictOf(alone.get(example))}”`,
      );
    } else if (unsure.length < taskUUIDs.length) {
      await this.#supported(taskUUIDs.length);
    }
    return batched;
  }

  /**
   * Asks about two made-up tasks in one request (free: nothing runs). Only a refusal can be
   * seen this way (an endpoint answering the first task only looks the same for unknown
   * tasks); the queue keeps checking every real answer.
   */
  async probe(taskUUIDs: readonly [string, string], options: O): Promise<{ supported: boolean; detail: string }> {
    try {
      await this.#request(taskUUIDs, options);
    } catch (error) {
      if (isRunwareError(error) && NOT_A_REFUSAL.has(error.category)) throw error;
      await this.#request([taskUUIDs[0]], options);
      const detail = `a request for 2 tasks was refused (${isRunwareError(error) ? describe(error) : 'an unreadable answer'}) while one task alone was answered`;
      await this.#fallBack(detail);
      return { supported: false, detail };
    }
    const known = this.#findings.peek(this.#endpoint, 'pollBatching');
    if (known?.supported === false) return { supported: false, detail: known.detail };
    await this.#supported(taskUUIDs.length);
    return { supported: true, detail: 'a request for 2 tasks was answered (every answer is still checked)' };
  }

  /** One request per task, a few at a time; a task whose request failed is left out (asked again next time). */
  async #each(taskUUIDs: readonly string[], options: O): Promise<Map<string, TaskPoll>> {
    const result = new Map<string, TaskPoll>();
    let firstError: unknown = null;
    let failed = 0;
    for (let i = 0; i < taskUUIDs.length; i += PARALLEL) {
      const settled = await Promise.allSettled(taskUUIDs.slice(i, i + PARALLEL).map((uuid) => this.#request([uuid], options)));
      for (const outcome of settled) {
        if (outcome.status === 'fulfilled') for (const [uuid, poll] of outcome.value) result.set(uuid, poll);
        else {
          failed += 1;
          firstError ??= outcome.reason;
          // The key or the balance concerns every task: the queue must hear it now.
          if (isRunwareError(outcome.reason) && (outcome.reason.category === 'auth' || outcome.reason.category === 'credits'))
            throw outcome.reason;
        }
      }
    }
    if (failed > 0 && failed === taskUUIDs.length) throw firstError;
    return result;
  }

  async #fallBack(detail: string): Promise<void> {
    if (this.oneTaskPerRequest) return;
    this.#log?.warn('polling one task per request from now on: this endpoint does not answer batched getResponse requests reliably', {
      endpoint: this.#endpoint,
      detail,
    });
    await this.#findings.record(this.#endpoint, 'pollBatching', { supported: false, detail });
  }

  async #supported(count: number): Promise<void> {
    if (this.#findings.peek(this.#endpoint, 'pollBatching')?.supported === true) return;
    await this.#findings.record(this.#endpoint, 'pollBatching', {
      supported: true,
      detail: `a request for ${count} tasks was answered for each of them`,
    });
  }
}

function describe(error: RunwareError): string {
  return error.httpStatus > 0 ? `HTTP ${error.httpStatus}, ${String(error.code)}` : String(error.code);
}
