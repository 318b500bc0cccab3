import type { ErrorShape } from '../errors.ts';

/**
 * What every IPC call resolves to. Errors travel as data because Electron flattens a
 * rejected invoke into a prefixed string and drops custom fields.
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(error: ErrorShape): IpcResult<never> {
  return { ok: false, error: { code: error.code, message: error.message } };
}
