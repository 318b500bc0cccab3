/**
 * Typed errors that cross layers. Every failure a person can hit carries a stable
 * `code` (for programs and tests) and a `message` written for the person: what
 * happened and what to do. Code is never matched against message text.
 */

export const ERROR_CODES = [
  // IPC and the app shell
  'invalid_input',
  'forbidden_sender',
  'unknown_channel',
  'internal',
  'unsafe_url',
  'settings_invalid',
  // the API key
  'key_missing',
  'key_invalid_format',
  'key_rejected',
  // projects
  'project_name_empty',
  'project_name_invalid',
  'project_missing',
  'project_unreadable',
  'project_folder_not_empty',
  'project_not_a_folder',
  'project_not_open',
  'project_outside_root',
  'path_outside_project',
  'path_not_granted',
  'template_invalid',
  // inputs
  'media_missing',
  'paste_empty',
  'paste_too_large',
  'trim_invalid',
  'audio_too_long',
  'invalid_parameter',
  'budget_exceeded',
  // generations, splits and batches
  'generation_missing',
  'generation_unreadable',
  'generation_not_running',
  'generation_busy',
  'cannot_cancel',
  'not_queued',
  'name_empty',
  'task_failed',
  'task_lost',
  'task_unconfirmed',
  'task_result_gone',
  'sequence_takes',
  'split_invalid',
  'split_needless',
  'part_missing',
  'part_not_failed',
  'not_a_draft',
  'draft_split',
  'part_take_missing',
  'batch_empty',
  'batch_invalid',
  'batch_plan_missing',
  'manifest_missing',
  'manifest_empty',
  'manifest_invalid',
  // the library
  'take_missing',
  'trash_missing',
  'restore_conflict',
  'demo_project',
  'demo_running',
  'recording_too_long',
  'recording_empty',
  'recording_unreadable',
  'recording_missing',
] as const;

/** The codes Avatar Studio throws itself; media, disk, Runware and usage errors carry codes of their own. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error as it crosses a boundary (IPC, CLI JSON): any layer's code, and the words for the person. */
export interface ErrorShape {
  code: string;
  message: string;
}

export class AppError<C extends string = ErrorCode> extends Error implements ErrorShape {
  readonly code: C;

  // NoInfer: a bare `new AppError(code)` is checked against ErrorCode, never widened to fit.
  constructor(code: NoInfer<C>, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toShape(): ErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isAppError(value: unknown): value is AppError<string> {
  return value instanceof AppError;
}
