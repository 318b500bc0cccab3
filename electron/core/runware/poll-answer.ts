import { randomUUID } from 'node:crypto';
import type { Generation, TaskPoll } from './poll-result.ts';
import type { DataItem, Envelope } from './response-envelope.ts';
import { fromApiError, type RawApiError, type RunwareError } from './runware-error.ts';

/** What getResponse answers for a task it does not know (runware-api.md §4: [UNK] which one). */
export const TASK_UNKNOWN_CODES: ReadonlySet<string> = new Set(['taskNotFound', 'taskExpired', 'taskFailedOrNotFound']);

/** Errors about the account, not a task: the whole request failed, and the queue must pause. */
const ACCOUNT_CATEGORIES: ReadonlySet<string> = new Set(['auth', 'credits']);

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** One `data` item of getResponse → a generation, tolerating status spellings. */
export function toGeneration(item: DataItem): Generation {
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
 * Reads one getResponse answer the way Runware's own clients do, for the tasks asked:
 * - an item or error without `taskUUID` belongs to the task when only one was asked;
 * - `status:"error"` (in `data`, or on an error object) ends a generation;
 * - a retryable error naming a task (a rate limit, a busy provider) without that status
 *   means "ask again later", as the same envelope at HTTP 429 would;
 * - `taskNotFound`/`taskExpired` leave the task unknown;
 * - an account error (key, credits) or an error for no task in particular concerns the
 *   whole request: it is thrown.
 */
export function readPollAnswer(envelope: Envelope, taskUUIDs: readonly string[]): Map<string, TaskPoll> {
  const result = new Map<string, TaskPoll>(taskUUIDs.map((taskUUID) => [taskUUID, { taskUUID, known: false, generations: [] }]));
  const only = taskUUIDs.length === 1 ? taskUUIDs[0] : undefined;
  const owner = (taskUUID: unknown) => result.get(str(taskUUID) ?? only ?? '');
  for (const item of envelope.data) {
    const poll = owner(item.taskUUID);
    if (!poll) continue;
    poll.known = true;
    poll.generations.push(toGeneration(item));
  }
  for (const raw of envelope.errors) {
    const error = fromApiError({ ...raw, taskUUID: str(raw.taskUUID) ?? only }, 200);
    const poll = owner(raw.taskUUID);
    if (ACCOUNT_CATEGORIES.has(error.category) && !saysError(raw)) throw error;
    if (!poll) {
      if (str(raw.taskUUID)) continue; // about a task not asked: not ours to judge
      throw error;
    }
    if (TASK_UNKNOWN_CODES.has(String(raw.code))) continue;
    poll.known = true;
    if (isTerminal(raw, error)) poll.generations.push({ status: 'error', error });
    else poll.transient = error;
  }
  return result;
}

/**
 * A task error ends the task when Runware says so (`status:"error"`) or when the error
 * cannot pass by asking again (validation, safety, not found); a rate limit, a busy
 * provider, a timeout or a code this app does not know are asked about again.
 */
function saysError(raw: RawApiError): boolean {
  return typeof raw.status === 'string' && raw.status.toLowerCase() === 'error';
}

function isTerminal(raw: RawApiError, error: RunwareError): boolean {
  if (saysError(raw)) return true;
  return !error.retryable && error.category !== 'unknown';
}
