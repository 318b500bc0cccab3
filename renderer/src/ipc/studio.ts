import type { ErrorShape } from '../../../shared/errors.ts';
import type { StudioApi } from '../../../shared/ipc/bridge.ts';
import type { IpcResult } from '../../../shared/ipc/result.ts';

declare global {
  interface Window {
    studio: StudioApi<File>;
  }
}

/** An error answered by the main process: `message` is written for the person. */
export class StudioError extends Error implements ErrorShape {
  readonly code: string;
  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = 'StudioError';
    this.code = shape.code;
  }
}

export function studio(): StudioApi<File> {
  return window.studio;
}

/** Unwraps an IPC answer: the value, or a thrown StudioError. */
export async function call<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  throw new StudioError(result.error);
}

/** The message to show for anything thrown, without internals. */
export function messageOf(error: unknown): string {
  if (error instanceof StudioError) return error.message;
  return 'Something went wrong. Try again; if it keeps happening, restart Avatar Studio.';
}
