import type { RawApiError } from './runware-error.ts';

/** One item of `data`: known fields typed, everything else kept (Runware adds fields over time). */
export interface DataItem {
  taskType?: string;
  taskUUID?: string;
  status?: string;
  [field: string]: unknown;
}

export interface Envelope {
  data: DataItem[];
  errors: RawApiError[];
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * Reads a Runware response body, tolerating what the docs leave open: `errors`
 * inside HTTP 200, a singular `error` object, the legacy `{error: true,
 * errorMessage}` shape, `data` as a single object, unknown fields, no body at all.
 * Returns null when the body is not JSON of any known shape (e.g. an HTML page).
 */
export function parseEnvelope(text: string): Envelope | null {
  if (text.trim() === '') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const root = asObject(raw);
  if (!root) return null;
  const data = Array.isArray(root.data) ? root.data : asObject(root.data) ? [root.data] : [];
  const errors: RawApiError[] = Array.isArray(root.errors) ? root.errors.map(asObject).filter((e) => e !== null) : [];
  const single = asObject(root.error);
  if (single) errors.push({ ...single, taskUUID: single.taskUUID ?? root.taskUUID });
  else if (root.error === true)
    errors.push({
      code: typeof root.errorId === 'string' || typeof root.errorId === 'number' ? String(root.errorId) : undefined,
      message: root.errorMessage,
    });
  if (!('data' in root) && !('errors' in root) && !('error' in root)) return null;
  return { data: data.filter((d): d is DataItem => asObject(d) !== null), errors };
}
