import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import type { BatchItem } from '../../../shared/inputs.ts';
import { AURORA_LIMITS, SAFETY_MODES, type AuroraSettings } from '../../../shared/aurora.ts';
import { AURORA_MODEL_IDS } from '../../../shared/aurora-models.ts';

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

/** A cell naming one of a few words (an empty cell: not given). */
const optionalWord = <T extends string>(allowed: readonly T[]) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toLowerCase()) : v),
    z.enum(allowed as [T, ...T[]], { message: `must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')}` }).optional(),
  );
const optionalTtl = z.preprocess(
  (v) => (v === '' || v === null ? undefined : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v),
  z
    .number({ message: `must be a whole number of seconds, ${AURORA_LIMITS.ttl.min} or more` })
    .int(`must be a whole number of seconds, ${AURORA_LIMITS.ttl.min} or more`)
    .min(AURORA_LIMITS.ttl.min, `must be a whole number of seconds, ${AURORA_LIMITS.ttl.min} or more`)
    .optional(),
);
const optionalUrl = optionalText.refine(
  (v) => v === undefined || /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v.trim()),
  'must be an http:// or https:// URL',
);

/** Column names are read without case: CSV headers and JSON keys alike. */
const RowSchema = z.object({
  image: z.string({ message: 'is missing' }).trim().min(1, 'is missing'),
  audio: z.string({ message: 'is missing' }).trim().min(1, 'is missing'),
  prompt: optionalText,
  start: optionalSeconds,
  end: optionalSeconds,
  name: optionalText,
  model: optionalWord(AURORA_MODEL_IDS),
  ttl: optionalTtl,
  webhookurl: optionalUrl,
  uploadendpoint: optionalUrl,
  safety: optionalWord(SAFETY_MODES),
});
type Row = z.infer<typeof RowSchema>;

/** A row's own settings columns, as settings. */
function rowSettings(r: Row): Partial<AuroraSettings> | undefined {
  const settings: Partial<AuroraSettings> = {
    ...(r.model ? { model: r.model } : {}),
    ...(r.ttl !== undefined ? { ttl: r.ttl } : {}),
    ...(r.webhookurl ? { webhookURL: r.webhookurl.trim() } : {}),
    ...(r.uploadendpoint ? { uploadEndpoint: r.uploadendpoint.trim() } : {}),
    ...(r.safety ? { safety: r.safety === 'none' ? { checkContent: false } : { checkContent: true, mode: r.safety } } : {}),
  };
  return Object.keys(settings).length > 0 ? settings : undefined;
}

function lowerKeys(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
}

/** "Row 3: “audio” is missing." — rows counted as a person sees them in the file. */
function rowProblem(row: number, error: z.ZodError): string {
  const issue = error.issues[0];
  const field = String(issue?.path[0] ?? 'row');
  return `Row ${row}: “${field}” ${issue?.message ?? 'is not valid'}.`;
}

/** Said of any file that is not a batch list; its content is never quoted (it may be anything, a secret too). */
const NOT_A_LIST =
  'is not a CSV or JSON list of generations. A CSV names its columns on the first line (image,audio,prompt,start,end,name); a JSON file holds a list of {"image", "audio", …} items.';

/** Larger than any list of a few thousand lines: a file this big was not written as one. */
const MAX_MANIFEST_BYTES = 5 * 1024 * 1024;

function rowsOf(text: string, kind: 'csv' | 'json'): { rows: unknown[]; firstRow: number } {
  if (kind === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new AppError('manifest_invalid', `The batch file ${NOT_A_LIST}`);
    }
    const rows = Array.isArray(data) ? data : (data as { items?: unknown })?.items;
    if (!Array.isArray(rows)) throw new AppError('manifest_invalid', 'The batch file should hold a list of items (or {"items": [...]}).');
    return { rows, firstRow: 1 };
  }
  let header: string[] = [];
  let rows: Record<string, string>[];
  try {
    rows = parse<Record<string, string>>(text, {
      columns: (names: string[]) => (header = names.map((h) => h.trim().toLowerCase())),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch {
    // The parser's own message quotes the line it choked on: never shown.
    throw new AppError('manifest_invalid', `The batch file ${NOT_A_LIST}`);
  }
  if (!header.includes('image') || !header.includes('audio')) throw new AppError('manifest_invalid', `The batch file ${NOT_A_LIST}`);
  return { rows, firstRow: 2 };
}

/** The manifest's text, or why it cannot be one: not a plain file, too big, or not text at all. */
async function manifestText(file: string): Promise<string> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new AppError('manifest_missing', `The batch file “${file}” could not be read.`);
  if (!info.isFile())
    throw new AppError(
      'manifest_invalid',
      `“${basename(file)}” is not a regular file (a folder, a device or a pipe), so it cannot be a batch list.`,
    );
  if (info.size > MAX_MANIFEST_BYTES)
    throw new AppError('manifest_invalid', `“${basename(file)}” is too large to be a batch list (over 5 MB).`);
  const bytes = await readFile(file).catch(() => {
    throw new AppError('manifest_missing', `The batch file “${file}” could not be read.`);
  });
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!text.includes('\u0000')) return text;
  } catch {
    // not UTF-8 text: said below
  }
  throw new AppError('manifest_invalid', `“${basename(file)}” ${NOT_A_LIST}`);
}

/**
 * Reads a batch manifest (CSV with a header line, or JSON): relative paths are taken
 * from the manifest's folder. Every row is checked; all problems are reported at once.
 */
export async function readManifest(file: string): Promise<BatchItemInput[]> {
  const text = await manifestText(file);
  const kind = extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
  const { rows, firstRow } = rowsOf(text, kind);
  if (rows.length === 0) throw new AppError('manifest_empty', 'The batch file lists no items.');
  const base = dirname(resolve(file));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const items: BatchItemInput[] = [];
  const problems: string[] = [];
  rows.forEach((raw, i) => {
    const parsed = RowSchema.safeParse(lowerKeys(raw));
    if (!parsed.success) {
      problems.push(rowProblem(i + firstRow, parsed.error));
      return;
    }
    const r = parsed.data;
    const settings = rowSettings(r);
    items.push({
      image: at(r.image),
      audio: at(r.audio),
      prompt: r.prompt,
      startSec: r.start,
      endSec: r.end,
      name: r.name,
      ...(settings ? { settings } : {}),
    });
  });
  if (problems.length > 0) throw new AppError('manifest_invalid', problems.join('\n'));
  return items;
}
