import { parseArgs } from 'node:util';
import { ExportFormatSchema, type ExportFormat } from '../../shared/composition.ts';
import { AppError } from '../../shared/errors.ts';

/** A usage mistake: exit code 2, nothing sent. */
export class UsageError extends AppError<'usage'> {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

export function parseCommand<O extends Record<string, { type: 'string' | 'boolean' }>>(
  argv: readonly string[],
  options: O,
  positionals: { min: number; max: number; names: string },
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/^TypeError \[\w+\]: /, '') : String(error));
  }
  if (parsed.positionals.length < positionals.min || parsed.positionals.length > positionals.max) {
    throw new UsageError(positionals.max === 0 ? `Unexpected argument "${parsed.positionals[0]}".` : `Expected ${positionals.names}.`);
  }
  return parsed;
}

/** A number option within [min, max], or undefined when absent. */
export function numberOption(value: string | undefined, name: string, min: number, max: number, integer = false): number | undefined {
  if (value === undefined) return undefined;
  // Plain decimals only: Number() would also take "0x2", "1e3", "Infinity" and " 2 ".
  if (!/^-?\d+(\.\d+)?$/.test(value)) throw new UsageError(`--${name} must be a number (got "${value}").`);
  const n = Number(value);
  if (integer && !Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got ${value}).`);
  if (n < min || n > max) throw new UsageError(`--${name} must be from ${min} to ${max} (got ${value}).`);
  return n;
}

export function formatOption(value: string | undefined, name = 'format'): ExportFormat | undefined {
  if (value === undefined) return undefined;
  const parsed = ExportFormatSchema.safeParse(value.toLowerCase());
  if (parsed.success) return parsed.data;
  throw new UsageError(`--${name} must be mp4, webm or mov (got "${value}").`);
}
