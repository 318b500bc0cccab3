import { type RunwareError, isRunwareError } from './runware-error.ts';

export interface RetryPolicy {
  /** Total tries, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer `Retry-After` than this is not waited for: the call gives up instead. */
  maxRetryAfterMs: number;
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 120_000,
};

/**
 * Exponential backoff with full jitter (a random wait between 0 and the capped
 * exponential), so many clients retrying at once do not stampede. A server's
 * `Retry-After` is a floor.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = Math.floor((policy.random ?? Math.random)() * ceiling);
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, jittered) : jittered;
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Why a wait was cut short: the signal's own reason (an AbortError by default). */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryContext {
  policy: RetryPolicy;
  signal?: AbortSignal;
  /** Told before each wait: which try failed and how long until the next. */
  onRetry?: (info: { attempt: number; delayMs: number; error: RunwareError }) => void;
}

/**
 * Runs `task` until it succeeds, fails with a non-retryable error, or the tries
 * run out. Only typed Runware errors marked retryable are retried.
 */
export async function withRetries<T>(task: (attempt: number) => Promise<T>, context: RetryContext): Promise<T> {
  const { policy, signal } = context;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await task(attempt);
    } catch (error) {
      if (!isRunwareError(error) || !error.retryable || attempt + 1 >= policy.maxAttempts) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) throw error;
      const delayMs = backoffDelayMs(attempt, policy, error.retryAfterMs);
      context.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  }
}
