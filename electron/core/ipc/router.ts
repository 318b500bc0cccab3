import type { z } from 'zod';
import { isAppError, type ErrorShape } from '../../../shared/errors.ts';
import { channels, isChannelName } from '../../../shared/ipc/contract.ts';
import { fail, ok, type IpcResult } from '../../../shared/ipc/result.ts';
import type { Logger } from '../logging/logger.ts';
import type { Redactor } from '../logging/redactor.ts';
import type { Handlers } from './handlers-type.ts';

/** Who sent a request: the frame's URL and whether it is a top-level frame. */
export interface SenderInfo {
  url: string;
  isTopFrame: boolean;
}

export interface IpcRouterOptions {
  handlers: Handlers;
  /** True for the app's own origin (app://studio, or the dev server in development). */
  isAppUrl: (url: string) => boolean;
  logger: Logger;
  redactor: Redactor;
}

export interface IpcRouter {
  invoke(channel: unknown, payload: unknown, sender: SenderInfo): Promise<IpcResult<unknown>>;
}

/** Names the field and what was expected, never the value (it may be a key). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request was not valid.';
  const what = issue.message.replace(/^Invalid input:\s*/i, '');
  if (issue.code === 'unrecognized_keys') return `Unexpected field ${issue.keys.map((k) => `"${k}"`).join(', ')} in the request.`;
  if (issue.path.length === 0) return `Invalid request: ${what}`;
  return `Invalid value for "${issue.path.map(String).join('.')}": ${what}`;
}

const INTERNAL: ErrorShape = {
  code: 'internal',
  message: 'Something went wrong inside Avatar Studio. Try again; if it keeps happening, the log file has the details.',
};

/**
 * The single gate every IPC request passes: sender check, payload validation,
 * handler call, output validation, and error flattening to `{code, message}` with
 * no stack and no secrets. Electron binds it to ipcMain; the E2E harness binds it
 * to Playwright, so both exercise the same code.
 */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  const { handlers, isAppUrl, logger, redactor } = options;
  const clean = (shape: ErrorShape): IpcResult<never> => fail({ code: shape.code, message: redactor.redact(shape.message) });

  return {
    async invoke(channel, payload, sender) {
      if (!isChannelName(channel)) {
        logger.warn('refused unknown channel', { channel: String(channel).slice(0, 80) });
        return clean({ code: 'unknown_channel', message: 'Avatar Studio does not know that request.' });
      }
      if (!sender.isTopFrame || !isAppUrl(sender.url)) {
        logger.warn('refused request from a foreign sender', { channel, url: sender.url.slice(0, 200), top: sender.isTopFrame });
        return clean({
          code: 'forbidden_sender',
          message: 'This request did not come from the Avatar Studio window, so it was refused.',
        });
      }
      const spec = channels[channel];
      const input = spec.input.safeParse(payload);
      if (!input.success) return clean({ code: 'invalid_input', message: describeIssue(input.error) });

      let value: unknown;
      try {
        const handler = handlers[channel] as (input: unknown) => unknown;
        value = await handler(input.data);
      } catch (error) {
        if (isAppError(error)) return clean(error.toShape());
        logger.error(`handler for ${channel} failed`, { error });
        return clean(INTERNAL);
      }
      const output = spec.output.safeParse(value);
      if (!output.success) {
        logger.error(`handler for ${channel} broke the contract`, { issue: describeIssue(output.error) });
        return clean(INTERNAL);
      }
      return ok(output.data);
    },
  };
}
