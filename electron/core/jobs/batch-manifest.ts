import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import type { BatchItem } from '../../../shared/inputs.ts';

/** One line of a batch: a portrait, a voice, and optionally a prompt, a selection and a name. */
export type BatchItemInput = BatchItem;

const seconds = z.union([z.number(), z.string().trim().min(1)]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(v.replace(',', '.'));
  if (!Number.isFinite(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `must be a number of seconds, 0 or more (got "${v}")` });
    return z.NEVER;
  }
  return n;
});
/** An empty CSV cell means "not given". */
const optionalSeconds = z.preprocess((v) => (v === '' || v === null ? undefined : v), seconds.optional());
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const RowSchema = z.object({
  image: z.string({ message: 'is missing' }).trim().min(1, 'is missing'),
  audio: z.string({ message: 'is missing' }).trim().min(1, 'is missing'),
  prompt: optionalText,
  start: optionalSeconds,
  end: optionalSeconds,
  name: optionalText,
});

/** "Row 3: “audio” is missing." — rows counted as a person sees them in the file. */
function rowProblem(row: number, error: z.ZodError): string {
  const issue = error.issues[0];
  const field = String(issue?.path[0] ?? 'row');
  return `Row ${row}: “${field}” ${issue?.message ?? 'is not valid'}.`;
}

function rowsOf(text: string, kind: 'csv' | 'json'): { rows: unknown[]; firstRow: number } {
  if (kind === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new AppError('manifest_invalid', 'The batch file is not valid JSON. It should be a list of {"image", "audio", …} items.');
    }
    const rows = Array.isArray(data) ? data : (data as { items?: unknown })?.items;
    if (!Array.isArray(rows)) throw new AppError('manifest_invalid', 'The batch file should hold a list of items (or {"items": [...]}).');
    return { rows, firstRow: 1 };
  }
  try {
    const rows = parse<Record<string, string>>(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
    return { rows, firstRow: 2 };
  } catch (error) {
    throw new AppError(
      'manifest_invalid',
      `The batch file could not be read as CSV (${error instanceof Error ? error.message : 'invalid'}). The first line names the columns: image,audio,prompt,start,end,name.`,
    );
  }
}

/**
 * Reads a batch manifest (CSV with a header line, or JSON): relative paths are taken
 * from the manifest's folder. Every row is checked; all problems are reported at once.
 */
export async function readManifest(file: string): Promise<BatchItemInput[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new AppError('manifest_missing', `The batch file “${file}” could not be read.`);
  });
  const kind = extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
  const { rows, firstRow } = rowsOf(text, kind);
  if (rows.length === 0) throw new AppError('manifest_empty', 'The batch file lists no items.');
  const base = dirname(resolve(file));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const items: BatchItemInput[] = [];
  const problems: string[] = [];
  rows.forEach((raw, i) => {
    const parsed = RowSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(rowProblem(i + firstRow, parsed.error));
      return;
    }
    const r = parsed.data;
    items.push({ image: at(r.image), audio: at(r.audio), prompt: r.prompt, startSec: r.start, endSec: r.end, name: r.name });
  });
  if (problems.length > 0) throw new AppError('manifest_invalid', problems.join('\n'));
  return items;
}
