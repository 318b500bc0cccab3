import { readFile, rename } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';

/**
 * Writes JSON so that a crash leaves either the old file or the new one, never half
 * of each (temp file + fsync + rename, by write-file-atomic).
 */
export async function writeJsonAtomic(file: string, value: unknown, mode?: number): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', { encoding: 'utf8', fsync: true, mode });
}

export type ReadJsonResult<T> = { kind: 'ok'; value: T } | { kind: 'missing' } | { kind: 'invalid'; reason: string };

/** Reads and validates a JSON file; a missing or malformed file is a result, not a throw. */
export async function readJson<S extends z.ZodType>(file: string, schema: S): Promise<ReadJsonResult<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: `could not be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'is not valid JSON' };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at "${issue.path.join('.')}"` : '';
    return { kind: 'invalid', reason: `has an unexpected shape${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { kind: 'ok', value: parsed.data };
}

/**
 * Moves an unreadable file aside instead of overwriting it, so a hand-edited or
 * damaged file is never lost. Returns the new name.
 */
export async function setAside(file: string, now: Date = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.unreadable-${stamp}`;
  await rename(file, target);
  return target;
}
