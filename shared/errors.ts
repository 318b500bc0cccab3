/**
 * Typed errors that cross layers. Every failure a person can hit carries a stable
 * `code` (for programs and tests) and a `message` written for the person: what
 * happened and what to do. Code is never matched against message text.
 */

export const ERROR_CODES = [
  'invalid_input',
  'forbidden_sender',
  'unknown_channel',
  'internal',
  'key_missing',
  'key_invalid_format',
  'key_storage_failed',
  'unsafe_url',
  'settings_invalid',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {});

export interface ErrorShape {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error implements ErrorShape {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toShape(): ErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
