import { readPollAnswer, TASK_UNKNOWN_CODES } from './poll-answer.ts';
import type { TaskPoll } from './poll-result.ts';
import { parseEnvelope, type Envelope } from './response-envelope.ts';
import { fromApiError } from './runware-error.ts';

/** What getTaskDetails says about a task getResponse no longer knows. */
export type TaskDetails =
  | { known: false }
  /** Runware has the task: its results (or failure) as the original response held them, else still running. */
  | { known: true; poll: TaskPoll };

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The original response a details item carries, as an envelope (an object, or its JSON text). */
function originalResponse(item: Record<string, unknown>): Envelope | null {
  const response = item.response;
  if (typeof response === 'string') return parseEnvelope(response);
  const object = asObject(response);
  return object ? parseEnvelope(JSON.stringify(object)) : null;
}

/**
 * Reads a getTaskDetails answer (runware-api.md §4, DOCS-DETAILS: `{taskType, taskUUID,
 * request:[…], response:{data|errors}}`). [UNK] what `response` holds for an async task
 * still running, and whether "unknown" is `data: []` or a `taskNotFound` error: both are
 * read. An error in the original response is the task's failure, so it ends the task.
 * Any other error (the task type refused, the key) is thrown: the caller cannot tell.
 */
export function readTaskDetails(envelope: Envelope, taskUUID: string): TaskDetails {
  for (const raw of envelope.errors) {
    const named = typeof raw.taskUUID === 'string' ? raw.taskUUID : taskUUID;
    if (named !== taskUUID) continue;
    if (TASK_UNKNOWN_CODES.has(String(raw.code)) || String(raw.code).toLowerCase().endsWith('notfound')) return { known: false };
    throw fromApiError({ ...raw, taskUUID }, 200);
  }
  const items = envelope.data.filter((d) => d.taskUUID === taskUUID || (d.taskUUID === undefined && envelope.data.length === 1));
  const item = items.find((d) => d.taskType === 'getTaskDetails' || 'response' in d) ?? items[0];
  if (!item) return { known: false };
  const response = originalResponse(item);
  if (!response) return { known: true, poll: { taskUUID, known: true, generations: [{ status: 'processing' }] } };
  // A failure recorded as the original response ends the task, whatever its code.
  const failed: Envelope = { data: response.data, errors: response.errors.map((e) => ({ ...e, status: 'error', taskUUID })) };
  const poll = readPollAnswer(failed, [taskUUID]).get(taskUUID) ?? { taskUUID, known: true, generations: [] };
  if (poll.generations.length === 0) poll.generations.push({ status: 'processing' });
  return { known: true, poll: { ...poll, known: true } };
}
